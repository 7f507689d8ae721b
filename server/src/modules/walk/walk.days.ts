/**
 * Calendar days in China time (UTC+8, no daylight saving), as `YYYY-MM-DD` strings: WeChat Run
 * and DingTalk count steps per Chinese day, and string order is date order.
 */
const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

export const chinaDay = (ms: number): string => new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);

const dayMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);

export const addDays = (day: string, days: number): string => new Date(dayMs(day) + days * DAY_MS).toISOString().slice(0, 10);

/** whole days from `from` to `to` (negative when `to` is earlier) */
export const daysBetween = (from: string, to: string): number => Math.round((dayMs(to) - dayMs(from)) / DAY_MS);

/** the Monday of the day's week */
export function mondayOf(day: string): string {
  const weekday = new Date(dayMs(day)).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** a real calendar day written YYYY-MM-DD */
export const isDay = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(dayMs(value)).toISOString().slice(0, 10) === value;

export const compactDay = (day: string): string => day.replace(/-/g, '');
export const fromCompactDay = (date: string): string => `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;

export const dayPeriod = (day: string): string => `d:${day}`;
export const weekPeriod = (day: string): string => `w:${mondayOf(day)}`;
export const ALL_PERIOD = 'all';

/** the day `day` clamped into [start, end] */
export const clampDay = (day: string, start: string, end: string): string => (day < start ? start : day > end ? end : day);
