/**
 * Asia/Shanghai calendar arithmetic, in one place for the server and the mini-program. Instants
 * travel in UTC (STYLE.md, 9); the bureau's days, months and deadlines are Shanghai's, which is
 * UTC+8 all year with no daylight saving. A fixed shift avoids `Intl` time-zone data, which some
 * mini-program JavaScript engines lack.
 */
import { WEEKDAYS, type Weekday } from './help-points'

export const SHANGHAI_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

/** The instant shifted so that its UTC fields read as Shanghai's wall clock. */
const wallClock = (at: Date) => new Date(at.getTime() + SHANGHAI_OFFSET_MS)

/** `YYYY-MM-DD` of an instant in Shanghai. */
export function shanghaiDate(at: Date): string {
  return wallClock(at).toISOString().slice(0, 10)
}

/** `YYYY-MM` of an instant in Shanghai. */
export function shanghaiMonth(at: Date): string {
  return shanghaiDate(at).slice(0, 7)
}

/** `YYYY-MM-DD HH:mm` of an instant in Shanghai. */
export function shanghaiMinute(at: Date): string {
  return wallClock(at).toISOString().slice(0, 16).replace('T', ' ')
}

/** The weekday and minutes since midnight of an instant in Shanghai. */
export function shanghaiTimeOfDay(at: Date): { date: string; weekday: Weekday; minutes: number } {
  const local = wallClock(at)
  // getUTCDay: 0 = Sunday; WEEKDAYS starts on Monday.
  const weekday = WEEKDAYS[(local.getUTCDay() + 6) % 7] as Weekday
  return { date: local.toISOString().slice(0, 10), weekday, minutes: local.getUTCHours() * 60 + local.getUTCMinutes() }
}

/** The first instant of a Shanghai day `YYYY-MM-DD`. */
export function shanghaiDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS)
}

/** The last millisecond of a Shanghai day `YYYY-MM-DD`. */
export function shanghaiDayEnd(day: string): Date {
  return new Date(Date.parse(`${day}T23:59:59.999Z`) - SHANGHAI_OFFSET_MS)
}

/** Noon of a Shanghai day: the instant a date picked without a time stands for. */
export function shanghaiNoon(day: string): Date {
  return new Date(Date.parse(`${day}T12:00:00Z`) - SHANGHAI_OFFSET_MS)
}

/** The day `n` calendar days after `day` (both `YYYY-MM-DD`). */
export function addCalendarDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)
}

/** 0 = Sunday … 6 = Saturday, of a `YYYY-MM-DD` day. */
export function dayOfWeek(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay()
}
