export default definePageConfig({
  navigationBarTitleText: '学生画像',
})
