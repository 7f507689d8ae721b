import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { SearchBar, Skeleton } from '@nutui/nutui-react-taro'
import type { Service } from '@contract/api'
import type { ServiceSearchResult } from '@contract/catalog'
import { openService } from '@/shared/catalog/open-service'
import { EmptyBlock, ErrorBlock } from '@/shared/components/status-block'
import { useRemoteData } from '@/shared/hooks/use-remote-data'
import { useSessionGuard } from '@/shared/hooks/use-session-guard'
import { toApiError, type ApiError } from '@/shared/http/api-error'
import { showErrorToast } from '@/shared/http/show-error-toast'
import { getHotServices, searchServices } from '../../api'
import { HighlightedText } from '../../components/highlighted-text'
import { ServiceRow } from '../../components/service-row'
import { useDebouncedValue } from '../../use-debounced-value'
import '../../hall.scss'

/** Long enough to skip the keystrokes of a word being typed, short enough to feel live. */
export const SEARCH_DEBOUNCE_MS = 250

interface SearchState {
  query: string
  results?: ServiceSearchResult[]
  error?: ApiError
}

const open = (service: Service) => void openService(service).catch(showErrorToast)

export default function SearchPage() {
  const session = useSessionGuard()
  const [keyword, setKeyword] = useState('')
  const query = useDebouncedValue(keyword.trim(), SEARCH_DEBOUNCE_MS)
  const [state, setState] = useState<SearchState>({ query: '' })
  const [attempt, setAttempt] = useState(0)
  const latest = useRef(0)
  const hot = useRemoteData(getHotServices, { enabled: session !== null })

  useEffect(() => {
    if (!session || query === '') return
    const call = ++latest.current
    setState({ query })
    searchServices(query).then(
      ({ results }) => call === latest.current && setState({ query, results }),
      (caught: unknown) => call === latest.current && setState({ query, error: toApiError(caught) }),
    )
  }, [query, attempt, session])

  if (!session) return <View className="hall-subpage" />

  let content
  if (keyword.trim() === '') {
    const services = hot.data?.services ?? []
    content =
      services.length > 0 ? (
        <View className="search-hot">
          <Text className="search-hot__title">本周热门</Text>
          <View className="search-hot__chips">
            {services.map((service) => (
              <Text key={service.id} className="search-hot__chip" onClick={() => setKeyword(service.name)}>
                {service.name}
              </Text>
            ))}
          </View>
          <Text className="search-tip">支持汉字、全拼和拼音首字母，如 bx 找“报修”</Text>
        </View>
      ) : (
        <Text className="search-tip">支持汉字、全拼和拼音首字母，如 bx 找“报修”</Text>
      )
  } else if (state.error && state.query === query) {
    content = <ErrorBlock error={state.error} onRetry={() => setAttempt((n) => n + 1)} />
  } else if (!state.results || state.query !== query) {
    content = (
      <View className="search-loading">
        <Skeleton rows={3} animated />
      </View>
    )
  } else if (state.results.length === 0) {
    content = <EmptyBlock title={`没有找到“${query}”相关的服务`} description="换个说法试试，或用拼音首字母，如 bx 找报修" />
  } else {
    content = (
      <View className="search-results">
        {state.results.map(({ service, highlight }) => (
          <ServiceRow
            key={service.id}
            service={service}
            name={<HighlightedText text={service.name} ranges={highlight.ranges} />}
            onTap={() => open(service)}
          />
        ))}
      </View>
    )
  }

  return (
    <View className="hall-subpage search-page">
      <SearchBar
        className="search-page__bar"
        shape="round"
        // Taro Input's own focus prop, not SearchBar's autoFocus (which calls focus() on the element from an effect)
        inputProps={{ focus: true }}
        placeholder="搜索服务，如 报修、bx、请假"
        value={keyword}
        onChange={(value) => setKeyword(value)}
        onClear={() => setKeyword('')}
      />
      <View className="search-page__body">{content}</View>
    </View>
  )
}
