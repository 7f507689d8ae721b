import Taro from '@tarojs/taro'
import { ROUTES } from './routes'

/** After a login from the login or binding page: the service hall (a tab page, hence switchTab). */
export function enterApp(): Promise<unknown> {
  return Taro.switchTab({ url: ROUTES.home })
}
