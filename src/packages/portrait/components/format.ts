/** 2024-2025-1 → 24秋; 2024-2025-2 → 25春 */
export function shortSemester(semester: string): string {
  const [from = '', to = '', term] = semester.split('-')
  return term === '1' ? `${from.slice(2)}秋` : `${to.slice(2)}春`
}

export const percent = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : `${Math.round(value * 100)}%`)
