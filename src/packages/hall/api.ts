import type { Catalog } from '@contract/api'
import type { ServiceList, ServiceSearchResponse } from '@contract/catalog'
import { unexpectedBodyError } from '@/shared/http/api-error'
import { http } from '@/shared/http/http-client'
import { platformAdapter } from '@/shared/platform'

const platformParams = () => ({ platform: platformAdapter.platform })

function isCatalog(body: unknown): body is Catalog {
  const candidate = body as Partial<Catalog> | null
  return !!candidate && Array.isArray(candidate.categories) && Array.isArray(candidate.services)
}

/**
 * Every service this user may see, on every platform (the all-services page): those that do not
 * work here are shown marked, and say where to open them when tapped.
 */
export async function getCatalog(): Promise<Catalog> {
  const body = await http.get<unknown>('/api/services')
  if (!isCatalog(body)) throw unexpectedBodyError()
  return body
}

/** Across every platform, like getCatalog: 健步走 searched on H5 is found, and says 请在钉钉工作台中打开. */
export async function searchServices(q: string): Promise<ServiceSearchResponse> {
  const body = await http.get<ServiceSearchResponse>('/api/services/search', { params: { q } })
  if (!body || !Array.isArray(body.results)) throw unexpectedBodyError()
  return body
}

export async function getHotServices(): Promise<ServiceList> {
  return http.get<ServiceList>('/api/services/hot', { params: platformParams() })
}

/** All favorites (every platform): reordering sends the whole list. */
export async function getFavorites(): Promise<ServiceList> {
  return http.get<ServiceList>('/api/me/favorites')
}

export async function addFavorite(serviceId: string): Promise<ServiceList> {
  return http.put<ServiceList>(`/api/me/favorites/${encodeURIComponent(serviceId)}`)
}

export async function removeFavorite(serviceId: string): Promise<void> {
  await http.delete(`/api/me/favorites/${encodeURIComponent(serviceId)}`)
}

export async function reorderFavorites(serviceIds: string[]): Promise<ServiceList> {
  return http.put<ServiceList>('/api/me/favorites/order', { serviceIds })
}
