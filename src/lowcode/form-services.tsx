import { createContext, useContext, type ReactNode } from 'react'
import type { FileValue, LocationBuildingList, LocationRoomList, PersonPickList } from '@contract/microapp'

/** A local file (a temp path on mini-programs, a blob: URL on H5) to send to the server. */
export interface LocalFile {
  path: string
  name: string
  size: number
  mime?: string
}

/**
 * What widgets need from the server. The runner subpackage provides the real requests; tests
 * provide fakes. Keeping them behind a context keeps src/lowcode free of endpoint URLs.
 */
export interface FormServices {
  listBuildings(scope?: 'dorm' | 'teaching'): Promise<LocationBuildingList['buildings']>
  listRooms(buildingId: string): Promise<LocationRoomList['rooms']>
  searchPeople(query: string, role?: string): Promise<PersonPickList['people']>
  /** Uploads one file; `onProgress` gets 0–100. Resolves with what the form submits. */
  upload(file: LocalFile, onProgress: (percent: number) => void): Promise<FileValue>
}

const missing = () => Promise.reject(new Error('FormServices not provided'))

const FormServicesContext = createContext<FormServices>({
  listBuildings: missing,
  listRooms: missing,
  searchPeople: missing,
  upload: missing,
})

export function FormServicesProvider({ services, children }: { services: FormServices; children: ReactNode }) {
  return <FormServicesContext.Provider value={services}>{children}</FormServicesContext.Provider>
}

export function useFormServices(): FormServices {
  return useContext(FormServicesContext)
}
