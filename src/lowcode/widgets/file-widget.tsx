import { Text, View } from '@tarojs/components'
import { Button, Progress } from '@nutui/nutui-react-taro'
import { Close } from '@nutui/icons-react-taro'
import type { FileValue } from '@contract/microapp'
import { showErrorToast } from '@/shared/http/show-error-toast'
import { chooseFiles } from '../media/choose-files'
import { useUploads } from '../media/use-uploads'
import type { WidgetProps } from '../widget-types'

const DEFAULT_MAX = 5

export const formatSize = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`

/** file: attachments listed by name and size, uploaded with progress. */
export function FileWidget({ path, field, value, onChange, disabled }: WidgetProps<FileValue[]>) {
  const max = field.maxItems ?? DEFAULT_MAX
  const uploads = useUploads(path, value, onChange)
  const done = value ?? []
  const room = max - done.length - uploads.pending.length

  const pick = async () => {
    try {
      uploads.add(await chooseFiles(room))
    } catch (error) {
      if (!/cancel/i.test(String((error as { errMsg?: string })?.errMsg ?? ''))) showErrorToast(error)
    }
  }

  return (
    <View className="lc-files">
      {done.map((file) => (
        <View className="lc-files__item" key={file.id}>
          <Text className="lc-files__name">{file.name}</Text>
          <Text className="lc-files__size">{formatSize(file.size)}</Text>
          {!disabled && <Close className="lc-files__remove" size={12} onClick={() => uploads.remove(file.id)} />}
        </View>
      ))}
      {uploads.pending.map((upload) => (
        <View className="lc-files__item" key={upload.uid} onClick={() => upload.failed && uploads.retry(upload.uid)}>
          <Text className="lc-files__name">{upload.name}</Text>
          {upload.failed ? <Text className="lc-files__failed">上传失败，点击重试</Text> : <Progress percent={upload.percent} strokeWidth="4" />}
        </View>
      ))}
      {!disabled && room > 0 && (
        <Button className="lc-files__add" size="small" fill="outline" onClick={() => void pick()}>
          添加附件
        </Button>
      )}
      {disabled && done.length === 0 && <Text className="lc-empty-value">无附件</Text>}
    </View>
  )
}
