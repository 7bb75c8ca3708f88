export default definePageConfig({
  navigationBarTitleText: '登记来件',
})
