export default definePageConfig({
  navigationBarTitleText: '国家平台同步',
})
