export default definePageConfig({
  navigationBarTitleText: '找帮助',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
