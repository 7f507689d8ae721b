import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { CoursePortrait, MajorList, MajorPortrait } from '@contract/portrait'
import { COURSE_TYPE_LABELS, MIN_GROUP_SIZE } from '@contract/portrait-labels'
import { useRemoteData } from '@/shared/hooks/use-remote-data'
import { useSessionGuard } from '@/shared/hooks/use-session-guard'
import { getCourse, getMajor, getMajors } from '../../api'
import { BarChart, LineChart } from '../../components/charts'
import { gpaRange, percent, shortSemester } from '../../components/format'
import { PageState } from '../../components/page-state'
import '../../components/portrait.scss'

/** Said wherever a figure is withheld, so an empty chart never looks like missing data. */
function Withheld({ what }: { what: string }) {
  return (
    <View className="pt-card pt-withheld">
      <Text className="pt-muted">
        {what}不足 {MIN_GROUP_SIZE} 人，统计不予显示，以免从汇总推断出个人成绩。
      </Text>
    </View>
  )
}

/** Points whose figure is withheld (too few people) are left out of a trend line. */
function shown<T extends { semester: string }>(rows: T[], value: (row: T) => number | null): { values: number[]; labels: string[] } {
  const kept = rows.flatMap((row) => {
    const figure = value(row)
    return figure === null ? [] : [{ figure, label: shortSemester(row.semester) }]
  })
  return { values: kept.map((row) => row.figure), labels: kept.map((row) => row.label) }
}

function Majors({ data, onOpen }: { data: MajorList; onOpen(id: string): void }) {
  return (
    <View className="pt-card">
      <View className="pt-card__title">
        <Text>专业画像</Text>
        <Text className="pt-card__note">平均 GPA · 及格率 · 预警</Text>
      </View>
      {data.majors.map((major) => (
        <View key={major.id} className="pt-list-row pt-major" onClick={() => onOpen(major.id)}>
          <View className="pt-list-row__main">
            <Text className="pt-list-row__title">{major.name}</Text>
            <Text className="pt-list-row__sub">
              {major.college} · {major.students} 人 · {major.suppressed ? '人数过少，不显示统计' : `及格率 ${percent(major.passRate)}`} · 预警 {major.warnings}
            </Text>
          </View>
          <Text className="pt-list-row__value">{major.averageGpa ?? '—'}</Text>
        </View>
      ))}
    </View>
  )
}

export function Major({ data, onCourse }: { data: MajorPortrait; onCourse(code: string): void }) {
  const trend = shown(data.gpaTrend.slice(-8), (row) => row.averageGpa)
  return (
    <>
      <View className="pt-card">
        <View className="pt-card__title">
          <Text>{data.name}</Text>
          <Text className="pt-card__note">
            {data.students} 人{data.suppressed ? '' : ` · 课程及格率 ${percent(data.passRate)}`}
          </Text>
        </View>
        {!data.suppressed && (
          <>
            <Text className="pt-muted">GPA 分布</Text>
            <BarChart bars={data.gpaDistribution.map((band) => ({ label: band.band, value: band.count, tone: band.band === '<1.0' ? 'warn' : 'normal' }))} />
          </>
        )}
      </View>
      {data.suppressed ? (
        <Withheld what="该专业学生" />
      ) : (
        <>
          <View className="pt-card">
            <View className="pt-card__title">
              <Text>成绩分布</Text>
            </View>
            <BarChart bars={data.scoreDistribution.map((band) => ({ label: band.band, value: band.count, tone: band.band === '<60' ? 'warn' : 'normal' }))} />
          </View>
          {trend.values.length > 0 && (
            <View className="pt-card">
              <View className="pt-card__title">
                <Text>学期平均 GPA 趋势</Text>
              </View>
              <LineChart values={trend.values} labels={trend.labels} {...gpaRange(trend.values)} format={(v) => v.toFixed(2)} />
            </View>
          )}
          <View className="pt-card">
            <View className="pt-card__title">
              <Text>课程</Text>
              <Text className="pt-card__note">及格率由低到高</Text>
            </View>
            {[...data.courses]
              // withheld courses (too few takers) last
              .sort((a, b) => (a.passRate ?? 2) - (b.passRate ?? 2))
              .map((course) => (
                <View key={course.code} className="pt-list-row pt-course" onClick={() => onCourse(course.code)}>
                  <View className="pt-list-row__main">
                    <Text className="pt-list-row__title">{course.name}</Text>
                    <Text className="pt-list-row__sub">
                      {COURSE_TYPE_LABELS[course.type]} · {course.takers} 人次{course.averageScore === null ? ' · 人数过少，不显示统计' : ` · 平均 ${course.averageScore} 分`}
                    </Text>
                  </View>
                  <Text className="pt-list-row__value">{course.passRate === null ? '—' : percent(course.passRate)}</Text>
                </View>
              ))}
          </View>
        </>
      )}
    </>
  )
}

export function Course({ data }: { data: CoursePortrait }) {
  const trend = shown(data.trend.slice(-8), (row) => row.averageScore)
  return (
    <>
      <View className="pt-card">
        <View className="pt-card__title">
          <Text>{data.name}</Text>
          <Text className="pt-card__note">
            {data.takers} 人次{data.suppressed ? '' : ` · 及格率 ${percent(data.passRate)} · 平均 ${data.averageScore}`}
          </Text>
        </View>
        {!data.suppressed && <BarChart bars={data.scoreDistribution.map((band) => ({ label: band.band, value: band.count, tone: band.band === '<60' ? 'warn' : 'normal' }))} />}
      </View>
      {data.suppressed ? (
        <Withheld what="修读人数" />
      ) : (
        trend.values.length > 0 && (
          <View className="pt-card">
            <View className="pt-card__title">
              <Text>逐学期平均分</Text>
              {trend.values.length < data.trend.slice(-8).length && <Text className="pt-card__note">人数过少的学期不显示</Text>}
            </View>
            <LineChart values={trend.values} labels={trend.labels} min={50} max={100} />
          </View>
        )
      )}
    </>
  )
}

/** Admins: aggregates only — majors, then a major, then a course. Never a single student. */
export default function AdminPortraitPage() {
  const session = useSessionGuard()
  const [majorId, setMajorId] = useState('')
  const [courseCode, setCourseCode] = useState('')
  const majors = useRemoteData(getMajors, { enabled: Boolean(session) })
  const major = useRemoteData(() => getMajor(majorId), { enabled: Boolean(session && majorId) })
  const course = useRemoteData(() => getCourse(courseCode), { enabled: Boolean(session && courseCode) })
  if (!session) return <View className="pt-page" />
  const back = courseCode ? () => setCourseCode('') : majorId ? () => setMajorId('') : undefined
  return (
    <View className="pt-page admin-portrait">
      <View className="pt-hero pt-hero--compact">
        <Text className="pt-hero__name">专业与课程画像</Text>
        <Text className="pt-hero__meta">只含汇总数据，不含任何个人信息</Text>
      </View>
      <View className="pt-body">
        {back && (
          <Text className="pt-back" onClick={back}>
            ‹ 返回
          </Text>
        )}
        {courseCode ? (
          <PageState remote={course}>{(data) => <Course data={data} />}</PageState>
        ) : majorId ? (
          <PageState remote={major}>{(data) => <Major data={data} onCourse={setCourseCode} />}</PageState>
        ) : (
          <PageState remote={majors}>{(data) => <Majors data={data} onOpen={setMajorId} />}</PageState>
        )}
      </View>
    </View>
  )
}
