/** The inbox's server calls; shapes from the shared contract. */
import type { MessagePage, ReadAllResult } from '@contract/microapp'
import { http } from '@/shared/http/http-client'

export const listMessages = (cursor?: string) => http.get<MessagePage>('/api/messages', cursor ? { params: { cursor } } : undefined)

export const markMessageRead = (id: string) => http.post<{ ok: true }>(`/api/messages/${encodeURIComponent(id)}/read`)

export const markAllMessagesRead = () => http.post<ReadAllResult>('/api/messages/read-all')
