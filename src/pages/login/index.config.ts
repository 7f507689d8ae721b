export default definePageConfig({
  navigationBarTitleText: '登录',
  navigationBarBackgroundColor: '#f5f6fa',
  navigationBarTextStyle: 'black',
})
