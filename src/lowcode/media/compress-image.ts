import Taro from '@tarojs/taro'

/**
 * Mini-programs: the host's own compressor. A photo from a phone camera is 3–6 MB; at quality
 * 70 it is a few hundred KB, which is what a dorm's Wi-Fi can upload. When the host cannot
 * compress (some image types), the original goes, and the server's size limit still holds.
 */
export async function compressImage(path: string): Promise<string> {
  try {
    const { tempFilePath } = await Taro.compressImage({ src: path, quality: 70 })
    return tempFilePath || path
  } catch {
    return path
  }
}
