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
]
