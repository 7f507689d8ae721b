import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { CounselorClasses, PortraitWarning, WarningList } from '@contract/portrait'
import { WARNING_LABELS, WARNING_LEVEL_LABELS } from '@contract/portrait-labels'
import { useRemoteData } from '@/shared/hooks/use-remote-data'
import { useSessionGuard } from '@/shared/hooks/use-session-guard'
import { showErrorToast } from '@/shared/http/show-error-toast'
import { withQuery } from '@/shared/navigation/routes'
import { actOnWarning, getCounselorClasses, getWarnings } from '../../api'
import { PageState } from '../../components/page-state'
import { WarningCard } from '../../components/warning-card'
import { PORTRAIT_ROUTES } from '../../routes'
import '../../components/portrait.scss'

type Sort = 'level' | 'raisedAt' | 'class'
const SORTS: [Sort, string][] = [
  ['level', '按级别'],
  ['raisedAt', '最新'],
  ['class', '按班级'],
]

export function ClassList({ data }: { data: CounselorClasses }) {
  if (!data.classes.length) return <Text className="pt-muted">你还没有带班</Text>
  return (
    <>
      {data.classes.map((group) => (
        <View key={group.id} className="pt-card pt-class">
          <View className="pt-card__title">
            <Text>{group.name}</Text>
            <Text className="pt-card__note">
              平均 GPA {group.averageGpa ?? '—'} · 预警 {group.openWarnings}
            </Text>
          </View>
          {group.students.map((student) => (
            <View
              key={student.id}
              className="pt-list-row pt-class__student"
              onClick={() => void Taro.navigateTo({ url: withQuery(PORTRAIT_ROUTES.student, { id: student.id }) })}
            >
              <View className="pt-list-row__main">
                <Text className="pt-list-row__title">
                  {student.name}
                  {student.warnings.map((warning) => (
                    <Text key={warning.kind} className={`pt-pill pt-pill--${warning.level}`}>
                      {WARNING_LABELS[warning.kind]}
                    </Text>
                  ))}
                </Text>
                <Text className="pt-list-row__sub">
                  {student.number} · 班级第 {student.rankInClass ?? '—'} 名{student.failedCredits > 0 ? ` · 不及格 ${student.failedCredits} 学分` : ''}
                </Text>
              </View>
              <Text className="pt-list-row__value">{student.cumulativeGpa ?? '—'}</Text>
            </View>
          ))}
        </View>
      ))}
    </>
  )
}

export function WarningsList({ data, onAct }: { data: WarningList; onAct(warning: PortraitWarning, action: 'acknowledge' | 'resolve'): void }) {
  if (!data.warnings.length) return <Text className="pt-muted">所带班级目前没有预警</Text>
  return (
    <View className="pt-card">
      {data.warnings.map((warning) => (
        <WarningCard key={warning.id} warning={warning} showStudent>
          <View className="pt-warning__actions">
            {warning.status === 'open' && (
              <Button size="small" fill="outline" type="primary" onClick={() => onAct(warning, 'acknowledge')}>
                知悉
              </Button>
            )}
            <Button size="small" type="primary" onClick={() => onAct(warning, 'resolve')}>
              处理完成
            </Button>
          </View>
        </WarningCard>
      ))}
    </View>
  )
}

/** The counselor's view: their classes with each student's summary, and the warnings to act on. */
export default function CounselorPortraitPage() {
  const session = useSessionGuard()
  const [tab, setTab] = useState<'warnings' | 'classes'>('warnings')
  const [sort, setSort] = useState<Sort>('level')
  const classes = useRemoteData(getCounselorClasses, { enabled: Boolean(session) && tab === 'classes' })
  const warnings = useRemoteData(() => getWarnings(sort), { enabled: Boolean(session) })

  async function act(warning: PortraitWarning, action: 'acknowledge' | 'resolve') {
    try {
      await actOnWarning(warning.id, action)
      void Taro.showToast({ title: action === 'acknowledge' ? '已标记知悉' : `已处理：${warning.studentName} ${WARNING_LEVEL_LABELS[warning.level]}${warning.label}`, icon: 'none' })
      await warnings.reload()
    } catch (error) {
      showErrorToast(error)
    }
  }

  function changeSort(next: Sort) {
    setSort(next)
    // the loader reads `sort` on the next call
    setTimeout(() => void warnings.reload(), 0)
  }

  if (!session) return <View className="pt-page" />
  return (
    <View className="pt-page counselor-portrait">
      <View className="pt-hero pt-hero--compact">
        <Text className="pt-hero__name">学生画像 · 辅导员</Text>
        <Text className="pt-hero__meta">{session.user.name} 所带班级</Text>
      </View>
      <View className="pt-body">
        <View className="pt-segmented">
          <Text className={`pt-segmented__item ${tab === 'warnings' ? 'pt-segmented__item--on' : ''}`} onClick={() => setTab('warnings')}>
            预警名单
          </Text>
          <Text className={`pt-segmented__item ${tab === 'classes' ? 'pt-segmented__item--on' : ''}`} onClick={() => setTab('classes')}>
            班级学生
          </Text>
        </View>
        {tab === 'warnings' ? (
          <>
            <View className="pt-segmented pt-sorts">
              {SORTS.map(([key, label]) => (
                <Text key={key} className={`pt-segmented__item ${sort === key ? 'pt-segmented__item--on' : ''}`} onClick={() => changeSort(key)}>
                  {label}
                </Text>
              ))}
            </View>
            <PageState remote={warnings}>{(data) => <WarningsList data={data} onAct={(warning, action) => void act(warning, action)} />}</PageState>
          </>
        ) : (
          <PageState remote={classes}>{(data) => <ClassList data={data} />}</PageState>
        )}
      </View>
    </View>
  )
}
