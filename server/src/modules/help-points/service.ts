/**
 * Help points: the list views (bbox, detail, the changes feed; nearby has its own file) and the
 * changes staff make, checked here and stored by the repository, which records each with who and
 * when and announces it to every server process in the same transaction.
 */
import {
  HELP_POINT_KINDS,
  intervalProblems,
  wgs84ToGcj02,
  type CreateHelpPointBody,
  type FieldError,
  type BboxResponse,
  type HelpPointChangesResponse,
  type HelpPointChannel,
  type HelpPointDetail,
  type HelpPointItem,
  type HelpPointKind,
  type HelpPointStatus,
  type HoursExceptions,
  type UpdateHelpPointBody,
  type WeeklyHours,
} from '@huxin/shared'
import type { Bbox } from '../../lib/bbox'
import { notFound, validationFailed } from '../../lib/http-errors'
import { eventChange, type HelpPointListRow, type HelpPointRow, type HelpPointsRepository, type NewHelpPoint } from './repository/index'
import { effectiveStatus, isOpenNow, type HoursOfPoint, type ShanghaiClock } from './hours'

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString())

/** Rounded to 1e-7° (≈ 1 cm): the JSON stays short and nothing a map shows changes. */
const round7 = (x: number) => Math.round(x * 1e7) / 1e7

/** What openNow and the effective status are computed from (hours.ts). */
export function hoursOf(row: HelpPointListRow): HoursOfPoint {
  return {
    status: row.status,
    statusChangedAt: row.status_changed_at === null ? null : new Date(row.status_changed_at),
    hours: row.hours,
    hoursExceptions: row.hours_exceptions,
    openOnHolidays: row.open_on_holidays,
  }
}

function baseOf(row: HelpPointListRow, clock: ShanghaiClock) {
  const hoursOfPoint = hoursOf(row)
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as HelpPointKind,
    address: row.address,
    phones: row.phones,
    openNow: isOpenNow(hoursOfPoint, clock),
    status: effectiveStatus(hoursOfPoint, clock),
    statusNote: row.status_note,
    statusChangedAt: iso(row.status_changed_at),
    town: row.town as HelpPointItem['town'],
    services: row.services,
    isSample: row.is_sample,
  }
}

export function toHelpPointItem(row: HelpPointListRow, clock: ShanghaiClock, withHours: boolean): HelpPointItem {
  const location = { lat: row.lat!, lng: row.lng! }
  const gcj = wgs84ToGcj02(location)
  return {
    ...baseOf(row, clock),
    location,
    gcj02: { lat: round7(gcj.lat), lng: round7(gcj.lng) },
    ...(row.distance_m === undefined ? {} : { distanceM: Math.round(Number(row.distance_m)) }),
    ...(withHours ? { hours: row.hours } : {}),
  }
}

export function toHelpPointChannel(row: HelpPointListRow, clock: ShanghaiClock): HelpPointChannel {
  return { ...baseOf(row, clock), hours: row.hours }
}

function listRowOf(row: HelpPointRow): HelpPointListRow {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    address: row.address,
    lat: row.lat,
    lng: row.lng,
    phones: row.phones,
    hours: row.hours,
    hours_exceptions: row.hoursExceptions,
    open_on_holidays: row.openOnHolidays,
    services: row.services,
    town: row.town,
    status: row.status,
    status_note: row.statusNote,
    status_changed_at: row.statusChangedAt,
    is_sample: row.isSample,
  }
}

export function toHelpPointDetail(
  row: HelpPointRow,
  clock: ShanghaiClock,
  history: { status: string; note: string | null; at: Date }[],
): HelpPointDetail {
  const location = row.lat === null || row.lng === null ? null : { lat: row.lat, lng: row.lng }
  const gcj = location && wgs84ToGcj02(location)
  return {
    ...baseOf(listRowOf(row), clock),
    location,
    gcj02: gcj && { lat: round7(gcj.lat), lng: round7(gcj.lng) },
    hours: row.hours,
    exceptions: row.hoursExceptions,
    openOnHolidays: row.openOnHolidays,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    statusHistory: history.map((h) => ({ status: h.status as HelpPointStatus, note: h.note, at: h.at.toISOString() })),
  }
}

/** Status changes a point's detail lists, newest first. */
const STATUS_HISTORY_LENGTH = 20
/** The polling fallback repeats the last seconds: a change committed late is not missed. */
const CHANGES_OVERLAP_MS = 10_000
const CHANGES_MAX_ITEMS = 1_000

/** A point's detail, with its latest status changes. */
export async function detailOf(repo: HelpPointsRepository, row: HelpPointRow, clock: ShanghaiClock): Promise<HelpPointDetail> {
  return toHelpPointDetail(row, clock, await repo.history(row.id, STATUS_HISTORY_LENGTH))
}

export async function findHelpPointDetail(repo: HelpPointsRepository, id: string, clock: ShanghaiClock): Promise<HelpPointDetail> {
  const row = await repo.findById(id)
  if (!row) throw notFound('服务点')
  return detailOf(repo, row, clock)
}

/** The points inside a map viewport, at most `maxItems`; `truncated` says when more lie in it. */
export async function helpPointsInBox(
  repo: HelpPointsRepository,
  box: Bbox,
  kind: string | undefined,
  maxItems: number,
  clock: ShanghaiClock,
): Promise<BboxResponse> {
  const { rows } = await repo.bbox(box, kind, maxItems + 1)
  return {
    items: rows.slice(0, maxItems).map((row) => toHelpPointItem(row, clock, false)),
    truncated: rows.length > maxItems,
  }
}

/** The polling fallback of the live stream: changes after `since`, and the `since` to ask next. */
export async function helpPointChangesSince(repo: HelpPointsRepository, since: string): Promise<HelpPointChangesResponse> {
  const sinceDate = new Date(since)
  // a moment PostgreSQL can compare (it has no year 0, and this map has no changes before 1970)
  const year = sinceDate.getUTCFullYear()
  if (Number.isNaN(sinceDate.getTime()) || year < 1970 || year > 9999) {
    throw validationFailed([{ field: 'querystring.since', message: '格式不正确' }])
  }
  const [{ rows }, now] = await Promise.all([repo.changesSince(since, CHANGES_MAX_ITEMS), repo.now()])
  const items = rows.map((row) => ({
    id: row.id,
    status: row.status as HelpPointStatus,
    statusNote: row.status_note,
    statusChangedAt: iso(row.status_changed_at),
    change: eventChange(row.change),
    at: new Date(row.changed_at).toISOString(),
  }))
  const last = rows[rows.length - 1]
  const next =
    rows.length >= CHANGES_MAX_ITEMS && last
      ? last.cursor
      : new Date(Math.max(sinceDate.getTime(), now.getTime() - CHANGES_OVERLAP_MS)).toISOString()
  return { items, next }
}

const isRealDay = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day
}

/** What the JSON schema cannot say: intervals in order, real dates, a location unless hotline. */
export function helpPointProblems(
  point: { kind: string; location: { lat: number; lng: number } | null; hours: WeeklyHours; exceptions: HoursExceptions },
  prefix = '',
): FieldError[] {
  const problems: FieldError[] = []
  if (!(HELP_POINT_KINDS as readonly string[]).includes(point.kind)) problems.push({ field: `${prefix}kind`, message: '不在可选范围内' })
  if (point.location === null && point.kind !== 'hotline') problems.push({ field: `${prefix}location`, message: '需要位置（只有热线可以没有）' })
  for (const [day, intervals] of Object.entries(point.hours)) {
    for (const p of intervalProblems(intervals ?? [])) problems.push({ field: `${prefix}hours.${day}[${p.index}]`, message: p.message })
  }
  for (const [day, value] of Object.entries(point.exceptions)) {
    if (!isRealDay(day)) problems.push({ field: `${prefix}exceptions.${day}`, message: '日期不存在' })
    else if (value !== 'closed') {
      for (const p of intervalProblems(value)) problems.push({ field: `${prefix}exceptions.${day}[${p.index}]`, message: p.message })
    }
  }
  return problems
}

export function valuesOfCreate(body: CreateHelpPointBody, by: string | null): NewHelpPoint {
  const location = body.location ?? null
  const problems = helpPointProblems({ kind: body.kind, location, hours: body.hours ?? {}, exceptions: body.exceptions ?? {} })
  if (problems.length > 0) throw validationFailed(problems)
  return {
    name: body.name.trim(),
    kind: body.kind,
    address: body.address ?? null,
    lat: location?.lat ?? null,
    lng: location?.lng ?? null,
    phones: body.phones ?? [],
    hours: body.hours ?? {},
    hoursExceptions: body.exceptions ?? {},
    openOnHolidays: body.openOnHolidays ?? false,
    services: body.services ?? [],
    town: body.town ?? null,
    status: body.status ?? 'open',
    statusNote: body.statusNote ?? null,
    statusChangedAt: body.status ? new Date() : null,
    statusChangedBy: body.status ? by : null,
    isSample: body.isSample ?? false,
    createdBy: by,
    updatedBy: by,
  }
}

export async function createHelpPoint(repo: HelpPointsRepository, body: CreateHelpPointBody, by: string): Promise<HelpPointRow> {
  return repo.create(valuesOfCreate(body, by), by)
}

export async function updateHelpPoint(repo: HelpPointsRepository, id: string, body: UpdateHelpPointBody, by: string): Promise<HelpPointRow> {
  const row = await repo.update(id, by, (current) => {
    const location =
      body.location !== undefined ? body.location : current.lat === null || current.lng === null ? null : { lat: current.lat, lng: current.lng }
    const kind = body.kind ?? current.kind
    const hours = body.hours ?? current.hours
    const exceptions = body.exceptions ?? current.hoursExceptions
    const problems = helpPointProblems({ kind, location, hours, exceptions })
    if (problems.length > 0) throw validationFailed(problems)
    return {
      ...(body.name !== undefined ? { name: body.name.trim() } : {}),
      ...(body.kind !== undefined ? { kind: body.kind } : {}),
      ...(body.address !== undefined ? { address: body.address } : {}),
      ...(body.location !== undefined ? { lat: location?.lat ?? null, lng: location?.lng ?? null } : {}),
      ...(body.phones !== undefined ? { phones: body.phones } : {}),
      ...(body.hours !== undefined ? { hours: body.hours } : {}),
      ...(body.exceptions !== undefined ? { hoursExceptions: body.exceptions } : {}),
      ...(body.openOnHolidays !== undefined ? { openOnHolidays: body.openOnHolidays } : {}),
      ...(body.services !== undefined ? { services: body.services } : {}),
      ...(body.town !== undefined ? { town: body.town } : {}),
      ...(body.isSample !== undefined ? { isSample: body.isSample } : {}),
    }
  })
  if (!row) throw notFound('服务点')
  return row
}

export async function setHelpPointStatus(
  repo: HelpPointsRepository,
  id: string,
  status: HelpPointStatus,
  note: string | null,
  by: string,
): Promise<HelpPointRow> {
  const row = await repo.setStatus(id, status, note, by)
  if (!row) throw notFound('服务点')
  return row
}

export async function deleteHelpPoint(repo: HelpPointsRepository, id: string, by: string): Promise<void> {
  if (!(await repo.delete(id, by))) throw notFound('服务点')
}
