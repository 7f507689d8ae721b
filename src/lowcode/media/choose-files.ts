import Taro from '@tarojs/taro'
import type { LocalFile } from '../form-services'

/** WeChat: files come from a chat (the only file source a mini-program has). */
export async function chooseFiles(count: number): Promise<LocalFile[]> {
  const { tempFiles } = await Taro.chooseMessageFile({ count, type: 'file' })
  return tempFiles.map((file) => ({ path: file.path, name: file.name, size: file.size }))
}
