import Taro from '@tarojs/taro'
import type { LocalFile } from '../form-services'

/**
 * DingTalk mini-programs have no local-file picker (files live in 钉盘, reached only through
 * uploadAttachmentToDingTalk and a corp space); an attachment is a photo or a scan here.
 */
export async function chooseFiles(count: number): Promise<LocalFile[]> {
  const { tempFiles } = await Taro.chooseImage({ count, sizeType: ['compressed'] })
  return tempFiles.map((file, index) => ({ path: file.path, name: `附件${index + 1}.jpg`, size: file.size }))
}
