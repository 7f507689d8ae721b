export default definePageConfig({
  navigationBarTitleText: '运行统计',
  enablePullDownRefresh: true,
})
