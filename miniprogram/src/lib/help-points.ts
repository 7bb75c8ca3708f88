/**
 * Pure logic of 找帮助 (pages/help/map, pages/help/detail): what each help point's row says,
 * distances in 米/公里, opening hours for the week, live status changes applied in place, the town
 * a worker can pick when the phone will not tell where they are, and a location passed in the URL.
 * No Taro import (test/help-points.test.ts).
 */
import { TOWN_CENTRES as SHARED_TOWN_CENTRES } from '@huxin/shared/domain/town-centres'
import { formatShanghaiDateTime } from './dates'
import { HELP_POINT_KIND_LABELS, HELP_POINT_STATUS_LABELS, WEEKDAYS } from '@huxin/shared/domain/help-points'
import { shanghaiNoon, shanghaiTimeOfDay } from '@huxin/shared/domain/shanghai-time'
import type {
  HelpPointEvent,
  HelpPointItem,
  HelpPointKind,
  HelpPointStatus,
  HoursExceptions,
  OpeningInterval,
  Weekday,
  WeeklyHours,
} from '../api/help-points-types'

export const KIND_LABELS = HELP_POINT_KIND_LABELS
export const STATUS_LABELS = HELP_POINT_STATUS_LABELS

/** Order of the filter chips: the places a worker with unpaid wages goes first, first. */
export const KIND_FILTERS: readonly HelpPointKind[] = [
  'labour_inspection',
  'labour_station',
  'arbitration',
  'legal_aid',
  'trade_union',
  'court',
]

/** Colour of the status badge and marker: ok (green), busy (amber), stopped (grey). */
export type StatusTone = 'ok' | 'busy' | 'stopped'

export function statusTone(status: HelpPointStatus): StatusTone {
  if (status === 'open') return 'ok'
  if (status === 'busy') return 'busy'
  return 'stopped'
}

/** 850 米, 1.2 公里, 12 公里: metres rounded to 10 below 1 km, one decimal below 10 km. */
export function formatDistance(metres: number): string {
  if (!Number.isFinite(metres) || metres < 0) return ''
  if (metres < 1000) return `${Math.max(10, Math.round(metres / 10) * 10)} 米`
  if (metres < 9950) return `${(Math.round(metres / 100) / 10).toFixed(1)} 公里`
  return `${Math.round(metres / 1000)} 公里`
}

/** Can the worker be received there right now: open by the hours and not stopped by staff. */
export function isOpenForVisit(point: Pick<HelpPointItem, 'openNow' | 'status'>): boolean {
  return point.openNow && (point.status === 'open' || point.status === 'busy')
}

export interface HelpPointRow {
  id: string
  name: string
  kind: string
  distance: string
  /** 营业中 / 已下班 (by the opening hours). */
  openLabel: string
  open: boolean
  status: string
  tone: StatusTone
  address: string
  /** Everything the row says, in one sentence, for screen readers. */
  ariaLabel: string
}

export function helpPointRow(point: HelpPointItem): HelpPointRow {
  const kind = KIND_LABELS[point.kind] ?? point.kind
  const distance = point.distanceM === undefined ? '' : formatDistance(point.distanceM)
  const openLabel = point.openNow ? '营业中' : '已下班'
  const status = STATUS_LABELS[point.status] ?? point.status
  return {
    id: point.id,
    name: point.name,
    kind,
    distance,
    openLabel,
    open: point.openNow,
    status,
    tone: statusTone(point.status),
    address: point.address ?? '',
    ariaLabel: [point.name, kind, distance === '' ? undefined : `距离${distance.replace(' ', '')}`, openLabel, `状态${status}`]
      .filter((part): part is string => part !== undefined)
      .join('，'),
  }
}

/** A live change applied to the points on screen; the same array when it concerns none of them. */
export function applyStatusChange<T extends Pick<HelpPointItem, 'id' | 'status' | 'statusNote' | 'statusChangedAt'>>(
  points: readonly T[],
  change: HelpPointEvent,
): readonly T[] {
  if (change.change === 'delete') return points.filter((p) => p.id !== change.id)
  const index = points.findIndex((p) => p.id === change.id)
  if (index < 0) return points
  const current = points[index] as T
  // Events can arrive twice (stream and catch-up) and out of order: keep the newest.
  if (current.statusChangedAt && change.statusChangedAt && Date.parse(current.statusChangedAt) > Date.parse(change.statusChangedAt)) {
    return points
  }
  const next = points.slice()
  next[index] = { ...current, status: change.status, statusNote: change.statusNote, statusChangedAt: change.statusChangedAt }
  return next
}

/**
 * The points the first view of the map must show with the worker: the nearest one always, then up
 * to `max` in all while they are not much farther than it (within 3× its distance or 3 km). A
 * point 700 km away must not zoom the map out to a whole province.
 */
export function pointsToShowFirst<T extends Pick<HelpPointItem, 'distanceM'>>(points: readonly T[], max = 5): T[] {
  const first = points[0]
  if (!first) return []
  const reach = Math.max(3_000, 3 * (first.distanceM ?? 0))
  return [first, ...points.slice(1, max).filter((p) => p.distanceM !== undefined && p.distanceM <= reach)]
}

/** Nearest first; points without a distance (never, from `nearby`) last. */
export function byDistance<T extends Pick<HelpPointItem, 'distanceM'>>(points: readonly T[]): T[] {
  return points.slice().sort((a, b) => (a.distanceM ?? Infinity) - (b.distanceM ?? Infinity))
}

/** WGS-84 centres of the towns and streets, for a worker who picks one by hand. */
export const TOWN_CENTRES: Readonly<Record<string, { lat: number; lng: number }>> = SHARED_TOWN_CENTRES

export interface WorkerLocation {
  lat: number
  lng: number
  /** Where it came from: the phone, a town picked by hand, or the page's address. */
  source: 'device' | 'town' | 'link'
  /** Town code when picked by hand. */
  town?: string
}

function coordinate(raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined
  const value = Number(raw)
  return Number.isFinite(value) && value >= min && value <= max ? value : undefined
}

/**
 * A location in the page's address (`?lat=31.74&lng=120.05`, or `?town=henglin`), for shared links
 * and tests. Anything out of range is ignored.
 */
export function locationFromQuery(query: Record<string, string | undefined>, towns: Readonly<Record<string, { lat: number; lng: number }>> = TOWN_CENTRES): WorkerLocation | undefined {
  const lat = coordinate(query.lat, -90, 90)
  const lng = coordinate(query.lng, -180, 180)
  if (lat !== undefined && lng !== undefined) return { lat, lng, source: 'link' }
  const town = query.town
  if (town !== undefined && towns[town]) return { ...towns[town], source: 'town', town }
  return undefined
}

const STATUSES: readonly string[] = Object.keys(HELP_POINT_STATUS_LABELS)
const CHANGES: readonly string[] = ['status', 'upsert', 'delete']

/** A change as it arrives over the stream (a JSON string) or from `/changes`; undefined when it is not one. */
export function parseChange(raw: unknown): HelpPointEvent | undefined {
  let value = raw
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value)
    } catch {
      return undefined
    }
  }
  if (typeof value !== 'object' || value === null) return undefined
  const v = value as Record<string, unknown>
  if (typeof v.id !== 'string' || typeof v.status !== 'string' || !STATUSES.includes(v.status)) return undefined
  const change = typeof v.change === 'string' && CHANGES.includes(v.change) ? (v.change as HelpPointEvent['change']) : 'status'
  return {
    id: v.id,
    status: v.status as HelpPointStatus,
    statusNote: typeof v.statusNote === 'string' ? v.statusNote : null,
    statusChangedAt: typeof v.statusChangedAt === 'string' ? v.statusChangedAt : null,
    change,
  }
}

const WEEKDAY_LABELS: Record<Weekday, string> = { mon: '周一', tue: '周二', wed: '周三', thu: '周四', fri: '周五', sat: '周六', sun: '周日' }
/** The calendar day in Asia/Shanghai and its weekday. */
export function shanghaiDay(now: Date): { date: string; weekday: Weekday } {
  const { date, weekday } = shanghaiTimeOfDay(now)
  return { date, weekday }
}

function intervalsText(intervals: readonly OpeningInterval[] | undefined): string {
  if (!intervals || intervals.length === 0) return '休息'
  return intervals.map(([open, close]) => `${open}–${close}`).join('、')
}

export interface HoursRow {
  day: string
  text: string
  today: boolean
}

/**
 * The week's hours, Monday first, with today's row marked; when today has an exception (a holiday,
 * a make-up workday) today's row says so.
 */
export function weekHoursRows(hours: WeeklyHours, exceptions: HoursExceptions, now: Date): HoursRow[] {
  const today = shanghaiDay(now)
  return WEEKDAYS.map((weekday) => {
    const isToday = weekday === today.weekday
    const exception = isToday ? exceptions[today.date] : undefined
    let text = intervalsText(hours[weekday])
    if (exception !== undefined) text = exception === 'closed' ? '今天休息（特别安排）' : `${intervalsText(exception)}（今天特别安排）`
    return { day: WEEKDAY_LABELS[weekday], text, today: isToday }
  })
}

/** Exceptions from today on, in date order: 10月1日 周三：休息. At most `limit`. */
export function upcomingExceptions(exceptions: HoursExceptions, now: Date, limit = 10): { date: string; text: string }[] {
  const today = shanghaiDay(now).date
  return Object.keys(exceptions)
    .filter((date) => date >= today)
    .sort()
    .slice(0, limit)
    .map((date) => {
      const value = exceptions[date]
      const [, month, day] = date.split('-')
      const weekday = WEEKDAY_LABELS[shanghaiDay(shanghaiNoon(date)).weekday]
      return { date, text: `${Number(month)}月${Number(day)}日 ${weekday}：${value === 'closed' || value === undefined ? '休息' : intervalsText(value)}` }
    })
}

/** When staff set the status, in Asia/Shanghai (2026年11月29日 10:05); '' when unknown. */
export function formatChangedAt(iso: string | null | undefined): string {
  return iso ? (formatShanghaiDateTime(iso) ?? '') : ''
}
