import type { LocalFile } from '../form-services'

/** H5: the browser's own file dialog; the blob: URL is what Taro.uploadFile reads on H5. */
export function chooseFiles(count: number): Promise<LocalFile[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.multiple = count > 1
    input.onchange = () => {
      const files = Array.from(input.files ?? []).slice(0, count)
      resolve(files.map((file) => ({ path: URL.createObjectURL(file), name: file.name, size: file.size, mime: file.type })))
    }
    input.click()
  })
}
