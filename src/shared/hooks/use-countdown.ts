import { useCallback, useEffect, useState } from 'react'

/**
 * Seconds left until `deadline`, ticking once a second; 0 when idle. Computed from the clock
 * rather than counted down, so a mini-program held in the background resumes at the right value.
 */
export function useCountdown(): { remaining: number; start(seconds: number): void } {
  const [deadline, setDeadline] = useState(0)
  const [now, setNow] = useState(() => Date.now())

  useEffect(() => {
    if (deadline <= Date.now()) return undefined
    const timer = setInterval(() => {
      const current = Date.now()
      setNow(current)
      if (current >= deadline) clearInterval(timer)
    }, 1000)
    return () => clearInterval(timer)
  }, [deadline])

  const start = useCallback((seconds: number) => {
    const current = Date.now()
    setNow(current)
    setDeadline(current + seconds * 1000)
  }, [])

  return { remaining: Math.max(0, Math.ceil((deadline - now) / 1000)), start }
}
