import Taro from '@tarojs/taro'
import type { FormValues } from '@contract/microapp'
import type { MicroForm } from './use-micro-form'

/**
 * The values to send, or null after telling the user why not: photos still uploading, or
 * fields the core rejects (their errors are now shown under them).
 */
export function readyToSubmit(form: MicroForm): FormValues | null {
  if (form.pendingUploads > 0) {
    void Taro.showToast({ title: '图片还在上传，请稍候', icon: 'none' })
    return null
  }
  const values = form.validate()
  if (!values) void Taro.showToast({ title: '请检查标红的内容', icon: 'none' })
  return values
}
