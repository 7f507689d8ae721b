export default definePageConfig({
  navigationBarTitleText: '教师画像',
})
