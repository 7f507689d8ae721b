/** 2024-2025-1 → 24秋; 2024-2025-2 → 25春 */
export function shortSemester(semester: string): string {
  const [from = '', to = '', term] = semester.split('-')
  return term === '1' ? `${from.slice(2)}秋` : `${to.slice(2)}春`
}

export const percent = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : `${Math.round(value * 100)}%`)

/** A GPA axis around the values shown (a flat line at the top of 0–4 says nothing). */
export function gpaRange(values: number[]): { min: number; max: number } {
  const low = Math.min(...values)
  const high = Math.max(...values)
  return { min: Math.max(0, Math.floor((low - 0.3) * 2) / 2), max: Math.min(4, Math.ceil((high + 0.1) * 2) / 2) }
}
