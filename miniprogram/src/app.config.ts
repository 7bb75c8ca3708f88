export default defineAppConfig({
  // The first page is the home page: a worker opens the app to file a claim. Worker pages live in
  // the main package (STYLE.md, 12); tabBar pages must (WECHAT.md, Packages).
  pages: [
    'pages/claims/new/index',
    'pages/claims/mine/index',
    'pages/claims/detail/index',
    'pages/login/index',
    'pages/privacy/index',
    // 找帮助: workers use it before signing in, and it is a tab: main package.
    'pages/help/map/index',
    'pages/help/detail/index',
    'pages/report/index',
  ],
  // Staff work on a desktop browser through H5; their pages stay out of the workers' main package
  // (WECHAT.md, Packages).
  subPackages: [
    {
      root: 'inspector',
      pages: ['login/index', 'triage/index', 'claim/index', 'accounts/index', 'dashboard/index', 'sync/index', 'map/index', 'projects/index', 'intake/index', 'employers/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f2f4f7',
    navigationBarBackgroundColor: '#0b4f9c',
    navigationBarTitleText: '护薪',
    navigationBarTextStyle: 'white',
  },
  // Icons with words: many workers read little. PNGs drawn by scripts/make-tab-icons.mjs
  // (WeChat: local files, ≤ 40 KB each).
  tabBar: {
    color: '#3d4450',
    selectedColor: '#0b4f9c',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/claims/new/index',
        text: '我要投诉',
        iconPath: 'assets/tab/file-claim.png',
        selectedIconPath: 'assets/tab/file-claim-active.png',
      },
      {
        pagePath: 'pages/claims/mine/index',
        text: '我的投诉',
        iconPath: 'assets/tab/my-claims.png',
        selectedIconPath: 'assets/tab/my-claims-active.png',
      },
      {
        pagePath: 'pages/help/map/index',
        text: '找帮助',
        iconPath: 'assets/tab/find-help.png',
        selectedIconPath: 'assets/tab/find-help-active.png',
      },
    ],
  },
  // 找帮助 asks where the worker is (lib/locate.weapp.ts), after the privacy guide was agreed to
  // (WECHAT.md, app.json). getLocation and getFuzzyLocation cannot both be declared.
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': {
      // WeChat shows "你的位置信息将用于" + desc; ≤ 30 characters (test/help-points.test.ts).
      desc: '查找离您最近的劳动维权服务点',
    },
  },
})
