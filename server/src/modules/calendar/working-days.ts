/**
 * Chinese working days: weekends and public holidays are off, make-up workdays (调休) are on.
 * One calendar per process: the package's data plus the admins' overrides (setCalendarOverrides).
 * Data from the `chinese-days` calendar package, which lags behind the State Council's yearly
 * notice; a deadline beyond the last year it knows is marked provisional (DOMAIN.md, Time limits).
 */
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const calendar = require('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>
  workdays: Record<string, string>
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

const knownThroughYear = Math.max(
  ...Object.keys(calendar.holidays).map((d) => Number(d.slice(0, 4))),
  ...Object.keys(calendar.workdays).map((d) => Number(d.slice(0, 4))),
)

/** `YYYY-MM-DD` of an instant in Asia/Shanghai. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)
}

export type DayKind = 'workday' | 'holiday'

/** Admins' corrections (calendar_overrides), loaded by the server; they win over the package. */
let overrides = new Map<string, DayKind>()
let overrideYears = new Set<number>()

export function setCalendarOverrides(days: { day: string; kind: DayKind }[]): void {
  overrides = new Map(days.map((d) => [d.day, d.kind]))
  overrideYears = new Set(days.map((d) => Number(d.day.slice(0, 4))))
  deadlineCache.clear()
  untilCache.clear()
  dayKindCache.clear()
}

/**
 * What kind of day it is for an office: an ordinary workday, a weekend, a public holiday (days
 * of a holiday period that fall on a weekend included), or a make-up workday (调休, a weekend day
 * worked instead). Admins' overrides win: `holiday` → holiday; `workday` on a weekend → make-up.
 */
export type CalendarDayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday'

const dayKindCache = new Map<string, CalendarDayKind>()

export function calendarDayKind(day: string): CalendarDayKind {
  const cached = dayKindCache.get(day)
  if (cached) return cached
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  const weekend = weekday === 0 || weekday === 6
  const override = overrides.get(day)
  let kind: CalendarDayKind
  if (override === 'holiday' || (override === undefined && calendar.holidays[day] !== undefined)) kind = 'holiday'
  else if (override === 'workday' || (override === undefined && calendar.workdays[day] !== undefined)) kind = weekend ? 'makeup_workday' : 'workday'
  else kind = weekend ? 'weekend' : 'workday'
  if (dayKindCache.size > 1_000) dayKindCache.clear()
  dayKindCache.set(day, kind)
  return kind
}

export function isWorkday(day: string): boolean {
  const override = overrides.get(day)
  if (override !== undefined) return override === 'workday'
  if (calendar.holidays[day] !== undefined) return false
  if (calendar.workdays[day] !== undefined) return true
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  return weekday !== 0 && weekday !== 6
}

export interface WorkingDayDeadline {
  /** The last moment of the deadline's day in Asia/Shanghai. */
  dueAt: Date
  day: string
  /** true when the count ran past the years the holiday calendar knows. */
  provisional: boolean
}

/**
 * The end of the `n`th working day after the day of `from` (Shanghai time). Filing on a holiday
 * or weekend starts the count on the next working day, as the day of filing never counts.
 */
export function addWorkingDays(from: Date, n: number): WorkingDayDeadline {
  const start = shanghaiDate(from)
  const cacheKey = `${start}+${n}`
  const cached = deadlineCache.get(cacheKey)
  if (cached) return cached
  const deadline = countWorkingDays(start, n)
  if (deadlineCache.size > 1_000) deadlineCache.clear()
  deadlineCache.set(cacheKey, deadline)
  return deadline
}

/** Deadlines depend only on the starting day: every filing of a day shares one computation. */
const deadlineCache = new Map<string, WorkingDayDeadline>()

function countWorkingDays(start: string, n: number): WorkingDayDeadline {
  let day = start
  let counted = 0
  while (counted < n) {
    day = addDays(day, 1)
    if (isWorkday(day)) counted++
  }
  const endOfDay = Date.parse(`${day}T23:59:59.999Z`) - SHANGHAI_OFFSET_MS
  // Past the package's last year the deadline is provisional, unless admins have entered that
  // year's notice (any override in it).
  const year = Number(day.slice(0, 4))
  return { dueAt: new Date(endOfDay), day, provisional: year > knownThroughYear && !overrideYears.has(year) }
}


/**
 * Working days from the day of `now` to the day of `due` (Shanghai): 0 on the due day itself,
 * negative once it has passed (how many working days overdue).
 */
export function workingDaysUntil(now: Date, due: Date): number {
  const a = shanghaiDate(now)
  const b = shanghaiDate(due)
  if (a === b) return 0
  // A queue page asks for the same few pairs of days again and again (long-overdue claims
  // would otherwise walk hundreds of days each time).
  const cacheKey = `${a}~${b}`
  const cached = untilCache.get(cacheKey)
  if (cached !== undefined) return cached
  const n = countBetween(a, b)
  if (untilCache.size > 10_000) untilCache.clear()
  untilCache.set(cacheKey, n)
  return n
}

const untilCache = new Map<string, number>()

function countBetween(a: string, b: string): number {
  const [from, to, sign] = a < b ? [a, b, 1] : [b, a, -1]
  let day = from
  let n = 0
  while (day < to) {
    day = addDays(day, 1)
    if (isWorkday(day)) n++
  }
  return sign * n
}
