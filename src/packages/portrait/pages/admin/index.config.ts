export default definePageConfig({
  navigationBarTitleText: '专业与课程画像',
})
