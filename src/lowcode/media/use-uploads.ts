import { useEffect, useRef, useState } from 'react'
import type { FileValue } from '@contract/microapp'
import { useFormRuntime } from '../form-runtime'
import { useFormServices, type LocalFile } from '../form-services'

export interface PendingUpload {
  uid: string
  path: string
  name: string
  percent: number
  failed: boolean
  file: LocalFile
}

let nextUid = 0

/**
 * Uploads picked files one request each, with progress, and appends each finished one to the
 * field's value. Finished uploads may land in any order and in the same tick, so the value is
 * read from a ref rather than from the render that started them. The form hears how many are
 * still in flight: it will not submit a half-uploaded photo set.
 */
export function useUploads(
  path: string,
  value: FileValue[] | undefined,
  onChange: (value: FileValue[] | undefined) => void,
  prepare: (file: LocalFile) => Promise<LocalFile> = async (file) => file,
) {
  const services = useFormServices()
  const runtime = useFormRuntime()
  const [pending, setPending] = useState<PendingUpload[]>([])
  const valueRef = useRef(value ?? [])
  valueRef.current = value ?? []
  const mounted = useRef(true)
  useEffect(() => () => void (mounted.current = false), [])

  const inFlight = pending.filter((upload) => !upload.failed).length
  useEffect(() => {
    runtime.setPending(path, inFlight)
    // the count only; runtime is stable for the form's lifetime
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, inFlight])
  useEffect(() => () => runtime.setPending(path, 0), [path, runtime])

  const patch = (uid: string, change: Partial<PendingUpload>) =>
    setPending((list) => list.map((upload) => (upload.uid === uid ? { ...upload, ...change } : upload)))

  const run = async (upload: PendingUpload) => {
    try {
      const ready = await prepare(upload.file)
      const uploaded = await services.upload(ready, (percent) => mounted.current && patch(upload.uid, { percent }))
      if (!mounted.current) return
      const next = [...valueRef.current, uploaded]
      valueRef.current = next
      onChange(next)
      setPending((list) => list.filter((item) => item.uid !== upload.uid))
    } catch {
      if (mounted.current) patch(upload.uid, { failed: true, percent: 0 })
    }
  }

  return {
    pending,
    add(files: LocalFile[]) {
      const uploads = files.map((file) => ({ uid: `u${++nextUid}`, path: file.path, name: file.name, percent: 0, failed: false, file }))
      setPending((list) => [...list, ...uploads])
      uploads.forEach((upload) => void run(upload))
    },
    retry(uid: string) {
      const upload = pending.find((item) => item.uid === uid)
      if (!upload) return
      patch(uid, { failed: false, percent: 0 })
      void run({ ...upload, failed: false })
    },
    discard(uid: string) {
      setPending((list) => list.filter((item) => item.uid !== uid))
    },
    remove(id: string) {
      const next = valueRef.current.filter((file) => file.id !== id)
      valueRef.current = next
      onChange(next.length ? next : undefined)
    },
  }
}
