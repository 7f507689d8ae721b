import Taro from '@tarojs/taro'
import { toApiError } from './api-error'

/** Shows the error's Chinese message; never a stack or an English library message. */
export function showErrorToast(error: unknown): void {
  const { message } = toApiError(error)
  void Taro.showToast({ title: message, icon: 'none', duration: 2500 })
}
