/**
 * Is a help point open now? Asia/Shanghai time, the Chinese holiday calendar (with the admins'
 * overrides) and the staff status. The rule (docs/help-points.md):
 *  1. `suspended` → closed; `closed_today` set today (Shanghai date) → closed. A `closed_today`
 *     from an earlier day has lapsed: the point counts as `open` again.
 *  2. An exception for today's date wins: `closed`, or that day's own hours.
 *  3. A public holiday (including weekend days inside a holiday period) → closed, unless the point
 *     is `openOnHolidays`, when that weekday's hours apply.
 *  4. A make-up workday (调休, a weekend day worked) → the Monday hours (the first weekday Mon–Fri
 *     with hours, if Monday has none), whatever the weekday.
 *  5. Otherwise the weekday's hours. Intervals include their opening minute, exclude the closing one.
 */
import {
  minutesOf,
  shanghaiDate,
  shanghaiTimeOfDay,
  type HelpPointStatus,
  type HoursExceptions,
  type OpeningInterval,
  type WeeklyHours,
  type Weekday,
} from '@huxin/shared'
import type { CalendarDayKind, WorkingDayCalendar } from '../calendar/index'

type DayKinds = Pick<WorkingDayCalendar, 'dayKind'>

export interface ShanghaiClock {
  day: string
  /** Minutes since midnight, Shanghai. */
  minutes: number
  weekday: Weekday
  dayKind: CalendarDayKind
}

/** Computed once per request; the day's kind comes from the calendar's cache. */
export function shanghaiClock(at: Date, calendar: DayKinds): ShanghaiClock {
  const { date: day, weekday, minutes } = shanghaiTimeOfDay(at)
  return { day, minutes, weekday, dayKind: calendar.dayKind(day) }
}

/**
 * `shanghaiClock(new Date())` for the lists asked on every request: the clock moves once a minute,
 * so the date arithmetic is done once a minute; the day's kind is looked up every time, so an
 * admin's calendar override counts at once.
 */
export function createClockNow(calendar: DayKinds): () => ShanghaiClock {
  let thisMinute: { minute: number; clock: ShanghaiClock } | undefined
  return () => {
    const minute = Math.floor(Date.now() / 60_000)
    if (thisMinute?.minute !== minute) thisMinute = { minute, clock: shanghaiClock(new Date(minute * 60_000), calendar) }
    const { clock } = thisMinute
    return { day: clock.day, minutes: clock.minutes, weekday: clock.weekday, dayKind: calendar.dayKind(clock.day) }
  }
}

export interface HoursOfPoint {
  status: string
  statusChangedAt: Date | null
  hours: WeeklyHours
  hoursExceptions: HoursExceptions
  openOnHolidays: boolean
}

/** The status a worker should see: a `closed_today` from an earlier day has lapsed. */
export function effectiveStatus(point: Pick<HoursOfPoint, 'status' | 'statusChangedAt'>, clock: ShanghaiClock): HelpPointStatus {
  if (point.status !== 'closed_today') return point.status as HelpPointStatus
  return statusOnDay(point.status, point.statusChangedAt && shanghaiDate(point.statusChangedAt), clock)
}

/** `effectiveStatus` when the Shanghai date of the last status change is already known. */
export function statusOnDay(status: string, changedOnDay: string | null, clock: ShanghaiClock): HelpPointStatus {
  if (status === 'closed_today' && changedOnDay !== clock.day) return 'open'
  return status as HelpPointStatus
}

const within = (intervals: readonly OpeningInterval[] | undefined, minutes: number) =>
  intervals !== undefined &&
  intervals.some(([open, close]) => {
    const from = minutesOf(open)
    const to = minutesOf(close)
    return from !== undefined && to !== undefined && minutes >= from && minutes < to
  })

function makeupDayHours(hours: WeeklyHours): OpeningInterval[] | undefined {
  for (const day of ['mon', 'tue', 'wed', 'thu', 'fri'] as const) {
    const intervals = hours[day]
    if (intervals && intervals.length > 0) return intervals
  }
  return undefined
}

/** `status`: the point's effective status, when the caller has it already. */
export function isOpenNow(point: HoursOfPoint, clock: ShanghaiClock, status = effectiveStatus(point, clock)): boolean {
  if (status === 'suspended' || status === 'closed_today') return false
  const exception = point.hoursExceptions[clock.day]
  if (exception !== undefined) return exception !== 'closed' && within(exception, clock.minutes)
  switch (clock.dayKind) {
    case 'holiday':
      return point.openOnHolidays && within(point.hours[clock.weekday], clock.minutes)
    case 'makeup_workday':
      return within(makeupDayHours(point.hours), clock.minutes)
    default:
      return within(point.hours[clock.weekday], clock.minutes)
  }
}
