import type { FormValues } from '@contract/microapp'

/**
 * A draft keeps its photos and attachments as the server described them, signed links included,
 * and those links expire after an hour. These find the uploads in a draft's values (top level or
 * inside sub-table rows) and put fresh links in, so the thumbnails come back.
 */
interface UploadLike {
  id: string
  url: string
}

const isUpload = (value: unknown): value is UploadLike =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as UploadLike).id === 'string' &&
  typeof (value as UploadLike).url === 'string' &&
  (value as UploadLike).url.includes('/api/uploads/')

function visit(value: unknown, found: (upload: UploadLike) => void): void {
  if (isUpload(value)) found(value)
  else if (Array.isArray(value)) value.forEach((item) => visit(item, found))
  else if (typeof value === 'object' && value !== null) Object.values(value).forEach((item) => visit(item, found))
}

export function uploadIdsIn(values: FormValues): string[] {
  const ids = new Set<string>()
  visit(values, (upload) => ids.add(upload.id))
  return [...ids]
}

function replaced(value: unknown, urls: Map<string, string>): unknown {
  if (isUpload(value)) return urls.has(value.id) ? { ...value, url: urls.get(value.id) } : value
  if (Array.isArray(value)) return value.map((item) => replaced(item, urls))
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaced(item, urls)]))
  return value
}

/** The fields whose value changed once the fresh links are put in, with their new values. */
export function refreshedFields(values: FormValues, urls: Map<string, string>): Array<[key: string, value: unknown]> {
  return Object.entries(values).flatMap(([key, value]) => {
    const next = replaced(value, urls)
    return JSON.stringify(next) === JSON.stringify(value) ? [] : [[key, next] as [string, unknown]]
  })
}
