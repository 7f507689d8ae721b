import Taro from '@tarojs/taro'
import type {
  AppStats,
  DefinitionResponse,
  FileValue,
  FreshUrls,
  LocationBuildingList,
  LocationRoomList,
  PersonPickList,
  RequestActionBody,
  RequestDetail,
  SubmitBody,
  TaskActionBody,
  UploadedFile,
} from '@contract/microapp'
import type { FormServices, LocalFile } from '@/lowcode/form-services'
import { ApiError, CLIENT_MESSAGES, isApiErrorBody, unexpectedBodyError } from '@/shared/http/api-error'
import { API_BASE_URL, http, refreshSession } from '@/shared/http/http-client'
import { getUsableSession, isAccessTokenFresh } from '@/shared/session/session-store'

const enc = encodeURIComponent

export const getDefinition = (key: string) => http.get<DefinitionResponse>(`/api/microapps/${enc(key)}`)

export const submitRequest = (key: string, body: SubmitBody) =>
  http.post<RequestDetail>(`/api/microapps/${enc(key)}/requests`, body)

/** New signed links for the caller's own uploads; ids not theirs are left out. */
export const freshUploadUrls = (ids: string[]) => http.post<FreshUrls>('/api/uploads/urls', { ids })

export const getAppStats = (key: string) => http.get<AppStats>(`/api/microapps/${enc(key)}/stats`)

export const getRequest = (id: string) => http.get<RequestDetail>(`/api/workflow/requests/${enc(id)}`)

export const actOnTask = (taskId: string, body: TaskActionBody) =>
  http.post<RequestDetail>(`/api/workflow/tasks/${enc(taskId)}/actions`, body)

export const actOnRequest = (id: string, body: RequestActionBody) =>
  http.post<RequestDetail>(`/api/workflow/requests/${enc(id)}/actions`, body)

async function bearer(): Promise<string | undefined> {
  let session = getUsableSession()
  if (session && !isAccessTokenFresh(session)) session = await refreshSession()
  return session?.accessToken
}

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data
  try {
    return JSON.parse(data)
  } catch {
    return undefined
  }
}

/**
 * Files go through the host's uploader (wx.uploadFile / dd.uploadFile / XHR on H5), not axios:
 * it is the only way a mini-program sends a local temp file, and it reports progress.
 */
export async function uploadFile(file: LocalFile, onProgress: (percent: number) => void): Promise<FileValue> {
  const token = await bearer()
  return new Promise<FileValue>((resolve, reject) => {
    const task = Taro.uploadFile({
      url: `${API_BASE_URL}/api/uploads`,
      filePath: file.path,
      name: 'file',
      fileName: file.name,
      header: token ? { Authorization: `Bearer ${token}` } : {},
      success(result) {
        const body = parseBody(result.data)
        if (result.statusCode === 201 || result.statusCode === 200) {
          const uploaded = body as UploadedFile | undefined
          if (uploaded && typeof uploaded.id === 'string') {
            resolve({ id: uploaded.id, name: uploaded.name, size: uploaded.size, mime: uploaded.mime, url: uploaded.url })
            return
          }
          reject(unexpectedBodyError(result.statusCode))
          return
        }
        reject(
          isApiErrorBody(body)
            ? new ApiError(body.code, body.message, { status: result.statusCode, fields: body.fields })
            : unexpectedBodyError(result.statusCode),
        )
      },
      fail() {
        reject(new ApiError('NETWORK', CLIENT_MESSAGES.NETWORK))
      },
    } as Taro.uploadFile.Option) as unknown as { onProgressUpdate?(cb: (res: { progress: number }) => void): void }
    task?.onProgressUpdate?.((res) => onProgress(res.progress))
  })
}

/** The widgets' server lookups, as the campus server answers them. */
export const formServices: FormServices = {
  async listBuildings(scope) {
    const { buildings } = await http.get<LocationBuildingList>('/api/microapps/locations', { params: scope ? { scope } : {} })
    return buildings
  },
  async listRooms(buildingId) {
    const { rooms } = await http.get<LocationRoomList>(`/api/microapps/locations/${enc(buildingId)}/rooms`)
    return rooms
  },
  async searchPeople(q, role) {
    const params: Record<string, string> = {}
    if (q) params.q = q
    if (role) params.role = role
    const { people } = await http.get<PersonPickList>('/api/microapps/people', { params })
    return people
  },
  upload: uploadFile,
}
