export default definePageConfig({
  navigationBarTitleText: '待办案件',
  enablePullDownRefresh: true,
})
