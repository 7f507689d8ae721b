export default definePageConfig({
  navigationBarTitleText: '微应用',
})
