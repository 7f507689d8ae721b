import type { Badges, Home, ServiceTileList } from '@contract/catalog'
import { unexpectedBodyError } from '@/shared/http/api-error'
import { http } from '@/shared/http/http-client'
import { platformAdapter } from '@/shared/platform'

const platformParams = () => ({ params: { platform: platformAdapter.platform } })

function isHome(body: unknown): body is Home {
  const home = body as Partial<Home> | null
  return !!home && Array.isArray(home.categories) && Array.isArray(home.favorites) && !!home.firstCategory
}

/** The home page's first screen: categories in this user's order, the first tab, favorites, recent, hot, notices. */
export async function getHome(): Promise<Home> {
  const body = await http.get<unknown>('/api/home', platformParams())
  if (!isHome(body)) throw unexpectedBodyError()
  return body
}

/** One category tab's services. */
export async function getCategoryServices(categoryId: string): Promise<ServiceTileList> {
  const body = await http.get<ServiceTileList>(`/api/categories/${encodeURIComponent(categoryId)}/services`, platformParams())
  if (!body || !Array.isArray(body.services)) throw unexpectedBodyError()
  return body
}

export async function getBadges(): Promise<Badges> {
  return http.get<Badges>('/api/me/badges')
}

/** Counts an opening for 最近使用 and 热门; the server ignores a double tap. */
export async function recordOpen(serviceId: string): Promise<void> {
  await http.post(`/api/services/${encodeURIComponent(serviceId)}/open`)
}
