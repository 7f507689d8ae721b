/** Pages of this subpackage, as Taro's navigation APIs take them. */
export const RUNNER_PAGE = '/packages/microapp/pages/index/index'
export const DETAIL_PAGE = '/packages/microapp/pages/detail/index'
export const STATS_PAGE = '/packages/microapp/pages/stats/index'
