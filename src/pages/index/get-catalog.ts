import type { Catalog } from '@contract/api'
import { unexpectedBodyError } from '@/shared/http/api-error'
import { http } from '@/shared/http/http-client'
import { platformAdapter } from '@/shared/platform'

function isCatalog(body: unknown): body is Catalog {
  const candidate = body as Partial<Catalog> | null
  return !!candidate && Array.isArray(candidate.categories) && Array.isArray(candidate.services)
}

export async function getCatalog(): Promise<Catalog> {
  const body = await http.get<unknown>('/api/services', { params: { platform: platformAdapter.platform } })
  if (!isCatalog(body)) throw unexpectedBodyError()
  return body
}
