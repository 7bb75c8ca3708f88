export default definePageConfig({
  navigationBarTitleText: '我的投诉',
  // Pull down to reload (usePullDownRefresh); reaching the bottom loads the next page.
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 120,
})
