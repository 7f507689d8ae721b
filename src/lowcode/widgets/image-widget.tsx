import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Image, Progress } from '@nutui/nutui-react-taro'
import { Close, Photograph } from '@nutui/icons-react-taro'
import type { FileValue } from '@contract/microapp'
import { showErrorToast } from '@/shared/http/show-error-toast'
import { compressImage } from '../media/compress-image'
import { useUploads } from '../media/use-uploads'
import type { WidgetProps } from '../widget-types'

const DEFAULT_MAX = 9

/** image: several photos, compressed on the device, each uploaded with its own progress bar. */
export function ImageWidget({ path, field, value, onChange, disabled }: WidgetProps<FileValue[]>) {
  const max = field.maxItems ?? DEFAULT_MAX
  const uploads = useUploads(path, value, onChange, async (file) => ({ ...file, path: await compressImage(file.path) }))
  const done = value ?? []
  const room = max - done.length - uploads.pending.length

  const pick = async () => {
    try {
      const { tempFiles } = await Taro.chooseImage({ count: Math.min(room, 9), sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      uploads.add(
        tempFiles.map((file, index) => ({
          path: file.path,
          name: `${field.label}${done.length + index + 1}.jpg`,
          size: file.size,
          mime: file.type?.includes('/') ? file.type : 'image/jpeg',
        })),
      )
    } catch (error) {
      // the user closed the album: not an error worth a toast
      if (!/cancel/i.test(String((error as { errMsg?: string })?.errMsg ?? ''))) showErrorToast(error)
    }
  }

  const preview = (current: string) => void Taro.previewImage({ current, urls: done.map((file) => file.url ?? '').filter(Boolean) })

  return (
    <View className="lc-images">
      {done.map((file) => (
        <View className="lc-images__item" key={file.id}>
          <Image className="lc-images__thumb" src={file.url ?? ''} width="72" height="72" fit="cover" radius={6} onClick={() => file.url && preview(file.url)} />
          {!disabled && (
            <View className="lc-images__remove" onClick={() => uploads.remove(file.id)}>
              <Close size={10} color="#fff" />
            </View>
          )}
        </View>
      ))}
      {uploads.pending.map((upload) => (
        <View className="lc-images__item lc-images__item--pending" key={upload.uid}>
          <Image className="lc-images__thumb" src={upload.path} width="72" height="72" fit="cover" radius={6} />
          <View className="lc-images__mask" onClick={() => upload.failed && uploads.retry(upload.uid)}>
            {upload.failed ? (
              <Text className="lc-images__failed">上传失败{'\n'}点击重试</Text>
            ) : (
              <Progress className="lc-images__progress" percent={upload.percent} strokeWidth="4" />
            )}
          </View>
          {upload.failed && (
            <View className="lc-images__remove" onClick={() => uploads.discard(upload.uid)}>
              <Close size={10} color="#fff" />
            </View>
          )}
        </View>
      ))}
      {!disabled && room > 0 && (
        <View className="lc-images__add" onClick={() => void pick()}>
          <Photograph size={22} color="#8a8f99" />
          <Text className="lc-images__count">
            {done.length}/{max}
          </Text>
        </View>
      )}
      {disabled && done.length === 0 && <Text className="lc-empty-value">未上传</Text>}
    </View>
  )
}
