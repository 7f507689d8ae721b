export default definePageConfig({
  navigationBarTitleText: '管理收藏',
})
