export default definePageConfig({
  navigationBarTitleText: '全部服务',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
})
