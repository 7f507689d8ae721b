/**
 * H5: Taro has no compressImage in browsers; a canvas redraw at most 1600 px wide as JPEG 0.7
 * does the same job. The result is a blob: URL, which Taro.uploadFile reads back on H5.
 */
const MAX_EDGE = 1600

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image()
    image.onload = () => resolve(image)
    image.onerror = reject
    image.src = src
  })
}

export async function compressImage(path: string): Promise<string> {
  try {
    const image = await loadImage(path)
    const scale = Math.min(1, MAX_EDGE / Math.max(image.naturalWidth, image.naturalHeight))
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(image.naturalWidth * scale)
    canvas.height = Math.round(image.naturalHeight * scale)
    const context = canvas.getContext('2d')
    if (!context) return path
    context.drawImage(image, 0, 0, canvas.width, canvas.height)
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.7))
    return blob ? URL.createObjectURL(blob) : path
  } catch {
    return path
  }
}
