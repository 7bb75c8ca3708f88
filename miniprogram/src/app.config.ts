export default defineAppConfig({
  // The first page is the home page: a worker opens the app to file a claim.
  pages: ['pages/claims/new/index'],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f2f4f7',
    navigationBarBackgroundColor: '#0b4f9c',
    navigationBarTitleText: '护薪',
    navigationBarTextStyle: 'white',
  },
})
