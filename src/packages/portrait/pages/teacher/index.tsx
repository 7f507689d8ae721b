import Taro from '@tarojs/taro'
import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import type { TeacherPortrait } from '@contract/portrait'
import { useRemoteData } from '@/shared/hooks/use-remote-data'
import { useSessionGuard } from '@/shared/hooks/use-session-guard'
import { getTeacherPortrait } from '../../api'
import { BarChart, LineChart, RadarChart } from '../../components/charts'
import { PageState } from '../../components/page-state'
import { shortSemester } from '../../components/format'
import { PORTRAIT_ROUTES } from '../../routes'
import '../../components/portrait.scss'

export function TeacherPortraitView({ portrait }: { portrait: TeacherPortrait }) {
  const { teacher, timeline, outputByYear, evaluations, teaching, radar } = portrait
  const recent = outputByYear.slice(-6)
  const lastEval = evaluations[evaluations.length - 1]
  return (
    <View className="pt-page teacher-portrait">
      <View className="pt-hero">
        <Text className="pt-hero__name">{teacher.name}</Text>
        <Text className="pt-hero__meta">
          {teacher.college} · {teacher.title} · {teacher.number}
        </Text>
        <View className="pt-hero__stats">
          <View className="pt-stat">
            <Text className="pt-stat__value">{outputByYear.reduce((sum, year) => sum + year.papers, 0)}</Text>
            <Text className="pt-stat__label">论文</Text>
          </View>
          <View className="pt-stat">
            <Text className="pt-stat__value">{teaching.courses}</Text>
            <Text className="pt-stat__label">授课门数</Text>
          </View>
          <View className="pt-stat">
            <Text className="pt-stat__value">{teaching.students}</Text>
            <Text className="pt-stat__label">授课人次</Text>
          </View>
        </View>
      </View>
      <View className="pt-body">
        <View className="pt-card pt-career">
          <View className="pt-card__title">
            <Text>个人发展轨迹</Text>
          </View>
          <View className="pt-timeline">
            {timeline.map((step) => (
              <View key={step.since} className="pt-timeline__step">
                <View className="pt-timeline__dot" />
                <Text className="pt-timeline__title">{step.title}</Text>
                <Text className="pt-timeline__since">{step.since.slice(0, 7).replace('-', ' 年 ')} 月</Text>
              </View>
            ))}
          </View>
        </View>
        <View className="pt-card pt-output">
          <View className="pt-card__title">
            <Text>科研产出（按年）</Text>
            <Text className="pt-card__note">论文 + 专利 + 著作</Text>
          </View>
          <BarChart bars={recent.map((year) => ({ label: String(year.year), value: year.papers + year.patents + year.books }))} />
        </View>
        {evaluations.length > 0 && (
          <View className="pt-card pt-evaluations">
            <View className="pt-card__title">
              <Text>学生评教</Text>
              {lastEval && <Text className="pt-card__note">最近一学期 {lastEval.score}，学院平均 {lastEval.collegeAverage ?? '—'}</Text>}
            </View>
            <LineChart values={evaluations.slice(-6).map((row) => row.score)} labels={evaluations.slice(-6).map((row) => shortSemester(row.semester))} min={80} max={100} />
            <Text className="pt-hint">督导听课平均 {portrait.supervisionAverage ?? '—'} 分</Text>
          </View>
        )}
        {radar.length > 0 && (
          <View className="pt-card">
            <View className="pt-card__title">
              <Text>能力雷达</Text>
            </View>
            <RadarChart dimensions={radar} />
          </View>
        )}
      </View>
    </View>
  )
}

export default function TeacherPortraitPage() {
  const session = useSessionGuard()
  // the catalog's 教师画像 entry is shown to admins too: theirs is the aggregate view
  const adminHome = session !== null && !session.user.roles.includes('teacher') && session.user.roles.includes('admin')
  useEffect(() => {
    if (adminHome) void Taro.redirectTo({ url: PORTRAIT_ROUTES.admin })
  }, [adminHome])
  const remote = useRemoteData(() => getTeacherPortrait(session!.user.id), { enabled: Boolean(session) && !adminHome })
  if (!session || adminHome) return <View className="pt-page" />
  return <PageState remote={remote}>{(portrait) => <TeacherPortraitView portrait={portrait} />}</PageState>
}
