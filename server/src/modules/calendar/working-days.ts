/**
 * Chinese working days: weekends and public holidays are off, make-up workdays (调休) are on.
 * A calendar is an object built from holiday data and injected where deadlines are counted: the
 * package's data plus the admins' overrides (`setOverrides`), which win. Data from the
 * `chinese-days` package lags behind the State Council's yearly notice; a deadline beyond the last
 * year it knows is marked provisional (DOMAIN.md, Time limits).
 */
import chineseDays from 'chinese-days'
import { addCalendarDays, dayOfWeek, shanghaiDate, shanghaiDayEnd } from '@huxin/shared'

export type DayKind = 'workday' | 'holiday'

/**
 * What kind of day it is for an office: an ordinary workday, a weekend, a public holiday (days
 * of a holiday period that fall on a weekend included), or a make-up workday (调休, a weekend day
 * worked instead). Admins' overrides win: `holiday` → holiday; `workday` on a weekend → make-up.
 */
export type CalendarDayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday'

export interface WorkingDayDeadline {
  /** The last moment of the deadline's day in Asia/Shanghai. */
  dueAt: Date
  day: string
  /** true when the count ran past the years the holiday calendar knows. */
  provisional: boolean
}

/** Official days off (holiday periods, weekends inside them included) and make-up workdays. */
export interface HolidayData {
  holidays: readonly string[]
  makeupWorkdays: readonly string[]
}

const isWeekend = (day: string) => {
  const weekday = dayOfWeek(day)
  return weekday === 0 || weekday === 6
}

/** The holidays and make-up workdays the `chinese-days` package knows, through its public API. */
export function packagedHolidayData(from = '2004-01-01', through = `${new Date().getUTCFullYear() + 3}-12-31`): HolidayData {
  return {
    holidays: chineseDays.getHolidaysInRange(from, through, false),
    makeupWorkdays: chineseDays.getWorkdaysInRange(from, through, true).filter(isWeekend),
  }
}

let packaged: HolidayData | undefined
/** The package's data is fixed for the life of the process: read once (≈ 70 ms), shared by every calendar. */
const packagedOnce = () => (packaged ??= packagedHolidayData())

export interface WorkingDayCalendar {
  /**
   * Replaces the admins' overrides (calendar_overrides) and the years they declared complete
   * (calendar_years), and forgets every cached answer.
   */
  setOverrides(days: readonly { day: string; kind: DayKind }[], completeYears?: readonly number[]): void
  /** Whether deadlines ending in `year` are final: the package knows it, or an admin declared it complete. */
  isYearKnown(year: number): boolean
  /** The last year the packaged holiday data covers. */
  readonly packagedThroughYear: number
  dayKind(day: string): CalendarDayKind
  isWorkday(day: string): boolean
  /**
   * The end of the `n`th working day after the day of `from` (Shanghai time). Filing on a holiday
   * or weekend starts the count on the next working day, as the day of filing never counts.
   */
  addWorkingDays(from: Date, n: number): WorkingDayDeadline
  /**
   * Working days from the day of `now` to the day of `due` (Shanghai): 0 on the due day itself,
   * negative once it has passed (how many working days overdue).
   */
  workingDaysUntil(now: Date, due: Date): number
}

export function createWorkingDayCalendar(data: HolidayData = packagedOnce()): WorkingDayCalendar {
  const holidays = new Set(data.holidays)
  const makeupWorkdays = new Set(data.makeupWorkdays)
  const knownThroughYear = Math.max(0, ...[...holidays, ...makeupWorkdays].map((d) => Number(d.slice(0, 4))))
  let overrides = new Map<string, DayKind>()
  let completeYears = new Set<number>()
  const isYearKnown = (year: number) => year <= knownThroughYear || completeYears.has(year)
  // Deadlines depend only on the starting day: every filing of a day shares one computation; a
  // queue page asks for the same few pairs of days again and again.
  const deadlineCache = new Map<string, WorkingDayDeadline>()
  const untilCache = new Map<string, number>()
  const dayKindCache = new Map<string, CalendarDayKind>()

  const isWorkday = (day: string): boolean => {
    const override = overrides.get(day)
    if (override !== undefined) return override === 'workday'
    if (holidays.has(day)) return false
    if (makeupWorkdays.has(day)) return true
    return !isWeekend(day)
  }

  const dayKind = (day: string): CalendarDayKind => {
    const cached = dayKindCache.get(day)
    if (cached) return cached
    const weekend = isWeekend(day)
    const override = overrides.get(day)
    let kind: CalendarDayKind
    if (override === 'holiday' || (override === undefined && holidays.has(day))) kind = 'holiday'
    else if (override === 'workday' || (override === undefined && makeupWorkdays.has(day))) kind = weekend ? 'makeup_workday' : 'workday'
    else kind = weekend ? 'weekend' : 'workday'
    if (dayKindCache.size > 1_000) dayKindCache.clear()
    dayKindCache.set(day, kind)
    return kind
  }

  const countWorkingDays = (start: string, n: number): WorkingDayDeadline => {
    let day = start
    let counted = 0
    while (counted < n) {
      day = addCalendarDays(day, 1)
      if (isWorkday(day)) counted++
    }
    // Past the package's last year the deadline is provisional until an admin declares that
    // year's calendar complete (one override does not make a year known).
    return { dueAt: shanghaiDayEnd(day), day, provisional: !isYearKnown(Number(day.slice(0, 4))) }
  }

  const countBetween = (a: string, b: string): number => {
    const [from, to, sign] = a < b ? [a, b, 1] : [b, a, -1]
    let day = from
    let n = 0
    while (day < to) {
      day = addCalendarDays(day, 1)
      if (isWorkday(day)) n++
    }
    return sign * n
  }

  return {
    packagedThroughYear: knownThroughYear,
    isYearKnown,
    setOverrides(days, years = []) {
      overrides = new Map(days.map((d) => [d.day, d.kind]))
      completeYears = new Set(years)
      deadlineCache.clear()
      untilCache.clear()
      dayKindCache.clear()
    },
    dayKind,
    isWorkday,
    addWorkingDays(from, n) {
      const start = shanghaiDate(from)
      const cacheKey = `${start}+${n}`
      const cached = deadlineCache.get(cacheKey)
      if (cached) return cached
      const deadline = countWorkingDays(start, n)
      if (deadlineCache.size > 1_000) deadlineCache.clear()
      deadlineCache.set(cacheKey, deadline)
      return deadline
    },
    workingDaysUntil(now, due) {
      const a = shanghaiDate(now)
      const b = shanghaiDate(due)
      if (a === b) return 0
      const cacheKey = `${a}~${b}`
      const cached = untilCache.get(cacheKey)
      if (cached !== undefined) return cached
      const n = countBetween(a, b)
      if (untilCache.size > 10_000) untilCache.clear()
      untilCache.set(cacheKey, n)
      return n
    },
  }
}
