export default definePageConfig({
  navigationBarTitleText: '智慧校园',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'light',
})
