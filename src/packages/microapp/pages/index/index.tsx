import { useCallback } from 'react'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Skeleton } from '@nutui/nutui-react-taro'
import type { RequestDetail } from '@contract/microapp'
import { FormServicesProvider } from '@/lowcode/form-services'
import { EmptyBlock, ErrorBlock } from '@/shared/components/status-block'
import { useRemoteData } from '@/shared/hooks/use-remote-data'
import { useSessionGuard } from '@/shared/hooks/use-session-guard'
import { decodeParam, withQuery } from '@/shared/navigation/routes'
import { formServices, getDefinition } from '../../api'
import { RunnerForm } from '../../components/runner-form'
import { DETAIL_PAGE } from '../../routes'
import { draftKey } from '../../draft-store'
import './index.scss'

function FormSkeleton() {
  return (
    <View className="runner runner--loading">
      <Skeleton className="runner__skeleton-title" rows={2} animated />
      <View className="runner__skeleton-card">
        {[0, 1, 2, 3].map((row) => (
          <Skeleton key={row} className="runner__skeleton-row" rows={2} animated />
        ))}
      </View>
    </View>
  )
}

/** The generic runner: any published micro-app's form, from its definition (`?key=repair`). */
export default function MicroappPage() {
  const { params } = useRouter()
  const appKey = decodeParam(params.key)
  const name = decodeParam(params.name)
  const session = useSessionGuard()
  const load = useCallback(() => getDefinition(appKey), [appKey])
  const definition = useRemoteData(load, { enabled: session !== null && appKey !== '' })

  useLoad(() => {
    if (name) void Taro.setNavigationBarTitle({ title: name })
  })

  const onSubmitted = (request: RequestDetail) => {
    void Taro.showToast({ title: '提交成功', icon: 'success' })
    void Taro.redirectTo({ url: withQuery(DETAIL_PAGE, { id: request.id }) })
  }

  if (!session) return <View className="runner-page" />
  let content
  if (!appKey) content = <EmptyBlock title="没有找到这个应用" description="请从办事大厅重新进入" />
  else if (definition.error) content = <ErrorBlock error={definition.error} onRetry={() => void definition.reload()} />
  else if (!definition.data) content = <FormSkeleton />
  else
    content = (
      <FormServicesProvider services={formServices}>
        <RunnerForm response={definition.data} draftKey={draftKey(session.user.id, appKey)} onSubmitted={onSubmitted} />
      </FormServicesProvider>
    )
  return <View className="runner-page">{content}</View>
}
