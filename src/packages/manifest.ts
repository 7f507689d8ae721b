/**
 * The subpackages, one per feature. app.config.ts turns this list into `subPackages` at build
 * time. It holds plain data only: importing page code here would drag every subpackage into the
 * main package.
 */
export interface SubpackageEntry {
  /** Folder under src/, also the URL prefix of its pages. */
  root: string
  /** Page paths relative to `root`, without extension. */
  pages: string[]
  /** An independent subpackage opens without loading the main package (e.g. a gate pass). */
  independent?: boolean
}

export const SUBPACKAGES: SubpackageEntry[] = [
  // The generic micro-app runner: any definition's form, request detail with its actions.
  { root: 'packages/microapp', pages: ['pages/index/index', 'pages/detail/index', 'pages/stats/index'] },
  // Mini-programs can show an external page only inside a <web-view>.
  { root: 'packages/webview', pages: ['pages/index/index'] },
  // 办事大厅: search, all services, managing favorites (the home tab stays in the main package)
  { root: 'packages/hall', pages: ['pages/search/index', 'pages/all/index', 'pages/favorites/index'] },
  // 教职工健步走 (issue 6): challenge list and challenge page, with its chart library
  { root: 'packages/walk', pages: ['pages/index/index', 'pages/challenge/index'] },
  // Personal portraits (issue 7): student / counselor / teacher / admin views, with uCharts charts.
  { root: 'packages/portrait', pages: ['pages/student/index', 'pages/counselor/index', 'pages/teacher/index', 'pages/admin/index'] },
  // 消息: the inbox (workflow steps, portrait warnings, walking reminders), opened from the home's bell
  { root: 'packages/messages', pages: ['pages/index/index'] },
]
