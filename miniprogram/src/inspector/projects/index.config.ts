export default definePageConfig({
  navigationBarTitleText: '工程项目',
})
