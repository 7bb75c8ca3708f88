export default definePageConfig({
  navigationBarTitleText: '护薪 · 欠薪投诉',
})
