export default definePageConfig({
  navigationBarTitleText: '班级学生画像',
})
