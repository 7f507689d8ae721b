import type { LoginBody, LoginResponse } from '@contract/api'
import { http } from '../http/http-client'

export function login(body: LoginBody): Promise<LoginResponse> {
  // A 401 here means wrong credentials, which the login page shows; it is not a lost session.
  return http.post<LoginResponse>('/api/auth/login', body, { skipAuthRedirect: true })
}
