import { SUBPACKAGES } from './packages/manifest'

export default defineAppConfig({
  // pages[0] is what a bare launch (and the H5 root URL) shows; its session guard logs a visitor
  // without a session in silently (mini-programs) or sends them to the login page (H5). The
  // binding page is small and is what a new mini-program user sees first, so it stays in the
  // main package instead of costing a subpackage download at that moment.
  pages: ['pages/index/index', 'pages/todo/index', 'pages/me/index', 'pages/login/index', 'pages/bind/index'],
  subPackages: SUBPACKAGES.map(({ root, pages, independent }) => ({ root, pages, independent })),
  window: {
    navigationBarTitleText: '智慧校园',
    navigationBarBackgroundColor: '#1f6feb',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6fa',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#8a8f99',
    selectedColor: '#1f6feb',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: 'pages/todo/index',
        text: '待办',
        iconPath: 'assets/tabbar/todo.png',
        selectedIconPath: 'assets/tabbar/todo-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-active.png',
      },
    ],
  },
})
