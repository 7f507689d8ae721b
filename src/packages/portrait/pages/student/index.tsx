import Taro, { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import type { StudentPortrait } from '@contract/portrait'
import { COURSE_TYPE_LABELS } from '@contract/portrait-labels'
import { decodeParam } from '@/shared/navigation/routes'
import { useRemoteData } from '@/shared/hooks/use-remote-data'
import { useSessionGuard } from '@/shared/hooks/use-session-guard'
import { getStudentPortrait } from '../../api'
import { CreditRings, LineChart, RadarChart } from '../../components/charts'
import { PageState } from '../../components/page-state'
import { gpaRange, percent as pct, shortSemester } from '../../components/format'
import { TagList } from '../../components/tag-list'
import { WarningCard } from '../../components/warning-card'
import { PORTRAIT_ROUTES } from '../../routes'
import '../../components/portrait.scss'

const TREND_LABELS = { up: '上升', down: '下降', flat: '平稳', unknown: '—' } as const

export function StudentPortraitView({ portrait, viewer }: { portrait: StudentPortrait; viewer: 'self' | 'parent' | 'counselor' }) {
  const { student, summary, academic, radar, tags, life, warnings } = portrait
  return (
    <View className="pt-page student-portrait">
      <View className="pt-hero">
        <Text className="pt-hero__name">{student.name}</Text>
        <Text className="pt-hero__meta">
          {student.college} · {student.className} · {student.number}
        </Text>
        {summary && (
          <View className="pt-hero__stats">
            <View className="pt-stat pt-stat--gpa">
              <Text className="pt-stat__value">{summary.cumulativeGpa ?? '—'}</Text>
              <Text className="pt-stat__label">累计 GPA</Text>
            </View>
            <View className="pt-stat">
              <Text className="pt-stat__value">{summary.majorPercentile === null ? '—' : `前${summary.majorPercentile}%`}</Text>
              <Text className="pt-stat__label">
                专业排名 {summary.rankInMajor ?? '—'}/{summary.majorSize ?? '—'}
              </Text>
            </View>
            <View className="pt-stat">
              <Text className="pt-stat__value">{summary.creditsEarned}</Text>
              <Text className="pt-stat__label">已修学分 / {summary.creditsRequired}</Text>
            </View>
          </View>
        )}
      </View>
      <View className="pt-body">
        {viewer === 'parent' && (
          <View className="pt-card pt-card--note">
            <Text className="pt-muted">以下是孩子允许你查看的内容；其余部分由孩子在「我的 · 家长可见」中决定是否公开。</Text>
          </View>
        )}
        {academic && academic.semesters.length > 0 && (
          <View className="pt-card pt-gpa-trend">
            <View className="pt-card__title">
              <Text>GPA 趋势</Text>
              <Text className="pt-card__note">近三学期{TREND_LABELS[academic.trend]}</Text>
            </View>
            <LineChart
              values={academic.semesters.map((s) => s.gpa)}
              labels={academic.semesters.map((s) => shortSemester(s.semester))}
              {...gpaRange(academic.semesters.map((s) => s.gpa))}
              format={(v) => v.toFixed(2)}
            />
            {summary && <Text className="pt-hint">{summary.gpaFormula}（北大 4 分制）</Text>}
          </View>
        )}
        {academic && (
          <View className="pt-card pt-credits">
            <View className="pt-card__title">
              <Text>学分进度</Text>
              {academic.failedCredits > 0 && <Text className="pt-card__note pt-card__note--warn">不及格 {academic.failedCredits} 学分</Text>}
            </View>
            <CreditRings rows={academic.credits.map((row) => ({ label: `${COURSE_TYPE_LABELS[row.category]}课`, value: row.earned, total: row.required }))} />
            <Text className="pt-hint">
              出勤率 {pct(academic.attendanceRate)} · 选修课平均 {academic.coursePreferences.find((p) => p.category === 'elective')?.averageScore ?? '—'} 分
            </Text>
          </View>
        )}
        {radar && radar.length > 0 && (
          <View className="pt-card pt-radar-card">
            <View className="pt-card__title">
              <Text>能力雷达</Text>
              <Text className="pt-card__note">0–100 分</Text>
            </View>
            <RadarChart dimensions={radar} />
          </View>
        )}
        {tags && (
          <View className="pt-card pt-tags-card">
            <View className="pt-card__title">
              <Text>我的标签</Text>
            </View>
            <TagList tags={tags} />
          </View>
        )}
        {warnings && (
          <View className="pt-card pt-warnings-card">
            <View className="pt-card__title">
              <Text>预警</Text>
            </View>
            {warnings.length === 0 ? <Text className="pt-muted">目前没有预警，继续保持</Text> : warnings.map((warning) => <WarningCard key={warning.id} warning={warning} />)}
          </View>
        )}
        {life && (
          <View className="pt-card pt-life">
            <View className="pt-card__title">
              <Text>校园生活</Text>
              <Text className="pt-card__note">仅本人与辅导员可见</Text>
            </View>
            <View className="pt-facts">
              <View className="pt-fact">
                <Text className="pt-fact__value">{pct(life.breakfastRate)}</Text>
                <Text className="pt-fact__label">近两周吃早餐（之前 {pct(life.breakfastRateEarlier)}）</Text>
              </View>
              <View className="pt-fact">
                <Text className="pt-fact__value">{life.spend30dYuan} 元</Text>
                <Text className="pt-fact__label">近 30 天消费（同年级中位 {life.cohortMedianSpend30dYuan ?? '—'} 元）</Text>
              </View>
              <View className="pt-fact">
                <Text className="pt-fact__value">{life.libraryLoans90d} 本</Text>
                <Text className="pt-fact__label">近 90 天借阅{life.libraryTopCategory ? `（多为${life.libraryTopCategory}）` : ''}</Text>
              </View>
              <View className="pt-fact">
                <Text className="pt-fact__value">{life.lastActivityAt ? life.lastActivityAt.slice(5, 10) : '—'}</Text>
                <Text className="pt-fact__label">最近一次校园活动</Text>
              </View>
            </View>
          </View>
        )}
        {portrait.computedAt && <Text className="pt-hint pt-updated">数据更新于 {portrait.computedAt.slice(0, 10)}</Text>}
      </View>
    </View>
  )
}

/** The student portrait: one's own, a parent's child (what the child allows) or, for a counselor, a student of their class. */
export default function StudentPortraitPage() {
  const session = useSessionGuard()
  const { params } = useRouter()
  const user = session?.user
  const requested = decodeParam(params.id)
  const studentId = requested || (user?.kind === 'student' ? user.id : user?.activeChildId) || ''
  const viewer = user && user.id === studentId ? 'self' : user?.roles.includes('parent') ? 'parent' : 'counselor'
  const counselorHome = !requested && user !== undefined && user.kind !== 'student' && user.roles.includes('counselor')

  useEffect(() => {
    // the catalog's 学生画像 entry opens here; a counselor's own view is the class list
    if (counselorHome) void Taro.redirectTo({ url: PORTRAIT_ROUTES.counselor })
  }, [counselorHome])

  const remote = useRemoteData(() => getStudentPortrait(studentId), { enabled: Boolean(session && studentId && !counselorHome) })
  if (!session || counselorHome) return <View className="pt-page" />
  if (!studentId) return <View className="pt-page"><Text className="pt-muted">没有可查看的学生画像</Text></View>
  return <PageState remote={remote}>{(portrait) => <StudentPortraitView portrait={portrait} viewer={viewer} />}</PageState>
}
