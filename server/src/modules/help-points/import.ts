/**
 * Admins import a real set of help points from CSV or GeoJSON (docs/help-points.md, Import).
 * Every row is checked on its own: good rows are stored (in one transaction, each with its audit
 * row and live notification), bad rows are reported by CSV line or GeoJSON feature index with the
 * field and the reason.
 */
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import {
  CreateHelpPointBody,
  HELP_POINT_KIND_LABELS,
  TOWNS,
  WEEKDAYS,
  type HelpPointImportResponse,
  type OpeningInterval,
  type WeeklyHours,
} from '@huxin/shared'
import { CsvSyntaxError, parseCsv } from '../../lib/csv'
import { HttpError, validationFailed } from '../../lib/http-errors'
import { toFieldErrors } from '../../plugins/error-handler'
import type { HelpPointsRepository, NewHelpPoint } from './repository/index'
import { valuesOfCreate } from './service'

export const IMPORT_MAX_ROWS = 5_000

export const CSV_COLUMNS = [
  'name',
  'kind',
  'address',
  'lat',
  'lng',
  'phones',
  'town',
  'services',
  'hours',
  'openOnHolidays',
  'status',
  'statusNote',
  'isSample',
] as const

const validateBody = addFormats.default(new Ajv({ allErrors: true, strict: false, coerceTypes: false })).compile(CreateHelpPointBody)

type Rejected = HelpPointImportResponse['rejected'][number]

class RowProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}

const DAY_INDEX = new Map<string, number>(WEEKDAYS.map((d, i) => [d, i]))

/**
 * `mon-fri 08:30-12:00,13:30-17:30; sat 09:00-12:00` or `daily 00:00-24:00`: groups separated by
 * `;`, each days (a day, a range or a comma list of them) and intervals.
 */
export function parseCompactHours(text: string): WeeklyHours {
  const hours: WeeklyHours = {}
  for (const group of text.split(';').map((g) => g.trim()).filter(Boolean)) {
    const match = /^([a-z,\- ]+?)\s+([0-9:,\- ]+)$/i.exec(group)
    if (!match) throw new RowProblem('hours', `无法识别“${group}”，例：mon-fri 08:30-12:00,13:30-17:30`)
    const days = new Set<number>()
    for (const part of match[1]!.toLowerCase().replaceAll(' ', '').split(',')) {
      if (part === 'daily') WEEKDAYS.forEach((_, i) => days.add(i))
      else if (part.includes('-')) {
        const [from, to] = part.split('-').map((d) => DAY_INDEX.get(d))
        if (from === undefined || to === undefined || from > to) throw new RowProblem('hours', `星期范围不正确：${part}`)
        for (let i = from; i <= to; i++) days.add(i)
      } else {
        const day = DAY_INDEX.get(part)
        if (day === undefined) throw new RowProblem('hours', `星期应为 mon…sun：${part}`)
        days.add(day)
      }
    }
    const intervals = match[2]!
      .replaceAll(' ', '')
      .split(',')
      .map((span) => {
        const m = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(span)
        if (!m) throw new RowProblem('hours', `时间段应为 HH:MM-HH:MM：${span}`)
        return [m[1]!, m[2]!] as OpeningInterval
      })
    for (const day of days) hours[WEEKDAYS[day]!] = intervals
  }
  return hours
}

const list = (value: unknown): string[] | undefined => {
  if (value === undefined || value === null || value === '') return undefined
  if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter(Boolean)
  return String(value)
    .split(/[;；]/)
    .map((v) => v.trim())
    .filter(Boolean)
}

const KIND_BY_LABEL = new Map<string, string>(Object.entries(HELP_POINT_KIND_LABELS).map(([kind, label]) => [label, kind]))
const TOWN_BY_NAME = new Map<string, string>(TOWNS.map((t) => [t.name, t.code]))

function optionalText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  const text = String(value).trim()
  return text === '' ? undefined : text
}

function bool(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'boolean') return value
  const text = String(value).trim().toLowerCase()
  if (['true', '1', 'yes', '是'].includes(text)) return true
  if (['false', '0', 'no', '否'].includes(text)) return false
  throw new RowProblem(field, '应为 true 或 false')
}

function coordinate(value: unknown, field: 'lat' | 'lng'): number | undefined {
  if (value === undefined || value === null || value === '') return undefined
  const n = typeof value === 'number' ? value : Number(String(value).trim())
  if (!Number.isFinite(n)) throw new RowProblem(field, '应为数字')
  return n
}

/** One imported record (CSV row or GeoJSON feature properties) → a create body. */
function bodyOf(props: Record<string, unknown>, location: { lat?: number; lng?: number }): Record<string, unknown> {
  const kindRaw = optionalText(props.kind)
  const kind = kindRaw === undefined ? undefined : (KIND_BY_LABEL.get(kindRaw) ?? kindRaw)
  const townRaw = optionalText(props.town)
  const hoursRaw = props.hours
  const hours =
    hoursRaw === undefined || hoursRaw === null || hoursRaw === ''
      ? undefined
      : typeof hoursRaw === 'object'
        ? hoursRaw
        : parseCompactHours(String(hoursRaw))
  const { lat, lng } = location
  if ((lat === undefined) !== (lng === undefined)) throw new RowProblem(lat === undefined ? 'lat' : 'lng', '经纬度需成对填写')
  const body: Record<string, unknown> = {
    name: optionalText(props.name) ?? '',
    kind,
    address: optionalText(props.address),
    location: lat === undefined ? undefined : { lat, lng },
    phones: list(props.phones),
    town: townRaw === undefined ? undefined : (TOWN_BY_NAME.get(townRaw) ?? townRaw),
    services: list(props.services),
    hours,
    exceptions: typeof props.exceptions === 'object' && props.exceptions !== null ? props.exceptions : undefined,
    openOnHolidays: bool(props.openOnHolidays, 'openOnHolidays'),
    status: optionalText(props.status),
    statusNote: optionalText(props.statusNote),
    isSample: bool(props.isSample, 'isSample'),
  }
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key]
  return body
}

interface Candidate {
  line: number
  build: () => Record<string, unknown>
}

function candidatesFromCsv(text: string): Candidate[] {
  let records
  try {
    records = parseCsv(text)
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw validationFailed([{ field: `line ${error.line}`, message: error.message }])
    throw error
  }
  const [header, ...rows] = records
  if (!header) throw validationFailed([{ field: 'body', message: 'CSV 为空' }])
  const columns = header.fields.map((f) => f.trim())
  const known = new Set<string>(CSV_COLUMNS)
  const unknown = columns.filter((c) => !known.has(c))
  if (unknown.length > 0) throw validationFailed(unknown.map((c) => ({ field: `header.${c}`, message: `不认识的列；可用的列：${CSV_COLUMNS.join(',')}` })))
  for (const required of ['name', 'kind'] as const) {
    if (!columns.includes(required)) throw validationFailed([{ field: `header.${required}`, message: '缺少必需的列' }])
  }
  return rows.map((record) => ({
    line: record.line,
    build: () => {
      if (record.fields.length !== columns.length) throw new RowProblem('(row)', `应有 ${columns.length} 列，实有 ${record.fields.length} 列`)
      const props = Object.fromEntries(columns.map((c, i) => [c, record.fields[i]]))
      return bodyOf(props, { lat: coordinate(props.lat, 'lat'), lng: coordinate(props.lng, 'lng') })
    },
  }))
}

function candidatesFromGeoJson(value: unknown): Candidate[] {
  const collection = value as { type?: unknown; features?: unknown }
  if (typeof value !== 'object' || value === null || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw validationFailed([{ field: 'body', message: '应为 GeoJSON FeatureCollection' }])
  }
  return (collection.features as unknown[]).map((feature, index) => ({
    line: index,
    build: () => {
      const f = feature as { type?: unknown; geometry?: { type?: unknown; coordinates?: unknown } | null; properties?: unknown }
      if (typeof f !== 'object' || f === null || f.type !== 'Feature') throw new RowProblem('(feature)', '应为 GeoJSON Feature')
      const props = (typeof f.properties === 'object' && f.properties !== null ? f.properties : {}) as Record<string, unknown>
      let location: { lat?: number; lng?: number } = {}
      if (f.geometry !== null && f.geometry !== undefined) {
        const coords = f.geometry.coordinates
        if (f.geometry.type !== 'Point' || !Array.isArray(coords) || coords.length < 2 || !coords.slice(0, 2).every((c) => typeof c === 'number' && Number.isFinite(c))) {
          throw new RowProblem('geometry', '应为 Point，坐标 [lng, lat]')
        }
        location = { lng: coords[0] as number, lat: coords[1] as number }
      }
      return bodyOf(props, location)
    },
  }))
}

export type ImportFormat = 'csv' | 'geojson'

/** The file's format from the request's content type; 415 for anything else. */
export function importFormatOf(contentType: string | undefined): ImportFormat {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  if (type === 'text/csv') return 'csv'
  if (type === 'application/geo+json' || type === 'application/json') return 'geojson'
  throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 text/csv 或 application/geo+json 上传')
}

export async function importHelpPoints(
  repo: HelpPointsRepository,
  input: { format: ImportFormat; body: unknown; by: string; replaceSamples: boolean },
): Promise<HelpPointImportResponse> {
  const candidates =
    input.format === 'csv' ? candidatesFromCsv(String(input.body)) : candidatesFromGeoJson(typeof input.body === 'string' ? parseJson(input.body) : input.body)
  if (candidates.length > IMPORT_MAX_ROWS) throw validationFailed([{ field: 'body', message: `一次最多导入 ${IMPORT_MAX_ROWS} 条` }])

  const rejected: Rejected[] = []
  const good: NewHelpPoint[] = []
  for (const candidate of candidates) {
    try {
      const body = candidate.build()
      if (!validateBody(body)) {
        const [first] = toFieldErrors(validateBody.errors as Parameters<typeof toFieldErrors>[0], 'body')
        rejected.push({ line: candidate.line, field: first?.field ?? '(row)', message: first?.message ?? '无效' })
        continue
      }
      good.push(valuesOfCreate(body as CreateHelpPointBody, input.by))
    } catch (error) {
      if (error instanceof RowProblem) rejected.push({ line: candidate.line, field: error.field, message: error.message })
      else if (isValidationError(error)) {
        const first = error.details?.[0]
        rejected.push({ line: candidate.line, field: first?.field ?? '(row)', message: first?.message ?? error.message })
      } else throw error
    }
  }

  if (good.length > 0) await repo.importRows(good, input.by, input.replaceSamples)
  return { imported: good.length, rejected }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw validationFailed([{ field: 'body', message: '不是有效的 JSON' }])
  }
}

function isValidationError(error: unknown): error is { details?: { field: string; message: string }[]; message: string } {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'VALIDATION_FAILED'
}
