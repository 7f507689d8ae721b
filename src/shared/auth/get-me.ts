import type { Me } from '@contract/api'
import { http } from '../http/http-client'

export function getMe(): Promise<Me> {
  return http.get<Me>('/api/me')
}
