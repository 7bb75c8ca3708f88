export default definePageConfig({
  navigationBarTitleText: '单位名录',
})
