import type { Binding, MeDetail, ParentVisibility } from '@contract/auth'
import { http } from '../http/http-client'

export function getMe(): Promise<MeDetail> {
  return http.get<MeDetail>('/api/me')
}

/** Parents: whose data the app shows from now on. */
export function setActiveChild(studentId: string): Promise<MeDetail> {
  return http.put<MeDetail>('/api/me/active-child', { studentId })
}

/** Students: what their parents may see. */
export function setParentVisibility(visibility: ParentVisibility): Promise<MeDetail> {
  return http.put<MeDetail>('/api/me/parent-visibility', visibility)
}

/** Ends every session of the user on the server, this one included. */
export function deleteBinding(provider: Binding['provider']): Promise<void> {
  return http.delete<void>(`/api/me/bindings/${provider}`)
}
