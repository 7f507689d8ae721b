export default definePageConfig({
  navigationBarTitleText: '绑定校园身份',
  navigationBarBackgroundColor: '#f5f6fa',
  navigationBarTextStyle: 'black',
})
