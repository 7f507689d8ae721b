import type { BatchTaskActionResponse, TaskBox, TaskBoxCounts, TaskBoxPage } from '@contract/microapp'
import { http } from '@/shared/http/http-client'

export const PAGE_SIZE = 20

export const getTaskBox = (box: TaskBox, cursor?: string) =>
  http.get<TaskBoxPage>('/api/workflow/tasks', { params: cursor ? { box, cursor, limit: PAGE_SIZE } : { box, limit: PAGE_SIZE } })

export const getTaskCounts = () => http.get<TaskBoxCounts>('/api/workflow/counts')

export const batchApprove = (taskIds: string[], comment?: string) =>
  http.post<BatchTaskActionResponse>('/api/workflow/tasks/batch', comment ? { taskIds, action: 'approve', comment } : { taskIds, action: 'approve' })
