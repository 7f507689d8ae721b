import { useEffect, useState } from 'react'

/**
 * 0, 1, … `stages` on successive macrotasks once `ready`: the page draws its first screen first
 * and the rest right after, so a mini-program gets several small setData calls instead of one big one.
 */
export function useStagedReveal(ready: boolean, stages: number): number {
  const [stage, setStage] = useState(0)
  useEffect(() => {
    if (!ready || stage >= stages) return undefined
    const timer = setTimeout(() => setStage((current) => current + 1), 0)
    return () => clearTimeout(timer)
  }, [ready, stage, stages])
  return ready ? stage : 0
}
