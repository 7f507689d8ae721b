import { useRouter } from '@tarojs/taro'
import { WebView } from '@tarojs/components'
import { decodeParam } from '@/shared/navigation/routes'

/** Hosts external pages for the mini-programs (platformAdapter.openLink); H5 opens links directly. */
export default function WebviewPage() {
  const { params } = useRouter()
  const url = decodeParam(params.url)
  return /^https?:\/\//.test(url) ? <WebView src={url} /> : null
}
