export default definePageConfig({
  navigationBarTitleText: '教职工健步走',
  enablePullDownRefresh: true,
})
