/** Pages of this subpackage, as Taro's navigation APIs take them (the same URLs as ROUTES). */
import { ROUTES } from '@/shared/navigation/routes'

export const RUNNER_PAGE = ROUTES.microapp
export const DETAIL_PAGE = ROUTES.microappDetail
export const STATS_PAGE = ROUTES.microappStats
