import type {
  CounselorClasses,
  CoursePortrait,
  MajorList,
  MajorPortrait,
  PortraitWarning,
  StudentPortrait,
  TeacherPortrait,
  WarningList,
} from '@contract/portrait'
import { http } from '@/shared/http/http-client'

export const getStudentPortrait = (studentId: string) => http.get<StudentPortrait>(`/api/portrait/students/${encodeURIComponent(studentId)}`)
export const getTeacherPortrait = (teacherId: string) => http.get<TeacherPortrait>(`/api/portrait/teachers/${encodeURIComponent(teacherId)}`)
export const getCounselorClasses = () => http.get<CounselorClasses>('/api/portrait/counselor/classes')
export const getWarnings = (sort: 'level' | 'raisedAt' | 'class') => http.get<WarningList>(`/api/portrait/warnings?sort=${sort}`)
export const actOnWarning = (id: string, action: 'acknowledge' | 'resolve') =>
  http.post<PortraitWarning>(`/api/portrait/warnings/${encodeURIComponent(id)}/${action}`, {})
export const getMajors = () => http.get<MajorList>('/api/portrait/majors')
export const getMajor = (id: string) => http.get<MajorPortrait>(`/api/portrait/majors/${encodeURIComponent(id)}`)
export const getCourse = (code: string) => http.get<CoursePortrait>(`/api/portrait/courses/${encodeURIComponent(code)}`)
