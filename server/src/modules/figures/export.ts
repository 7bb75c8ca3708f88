/**
 * The figures as a table for people (GET /api/v1/stats.csv and .xlsx): a row per town of the
 * caller's reach (or the chosen town), a row per month of the period, and a total row, with the
 * columns of FIGURES (shared/src/domain/figures.ts) under Chinese headers; money in yuan with two
 * decimals, rates in percent. Every row is computeStats for its town or month, so the file says
 * exactly what /stats says for the same query.
 */
import {
  figuresPresent,
  figureValue,
  figureUnitSuffix,
  fenToYuanPlain,
  rateToPercentPlain,
  TOWN_CODES,
  townName,
  type FigureDefinition,
  type Stats,
  type StatsQuery,
} from '@huxin/shared'
import ExcelJS from 'exceljs'
import { validationFailed } from '../../lib/http-errors'
import { jurisdictionTowns, type Actor } from '../casework/index'
import type { FiguresRepository } from './repository'
import { computeStats, periodOf } from './stats'

/** Months of one export at most (ten years). */
export const MAX_EXPORT_MONTHS = 120

export interface ExportRow {
  /** 合计 / 分街镇 / 分月 */
  kind: 'total' | 'town' | 'month'
  /** The row's name: 合计, the town's name, `2024年3月`. */
  scope: string
  /** The town's code (town rows) or `YYYY-MM` (month rows). */
  code?: string
  stats: Stats
}

export interface FiguresTable {
  from: string
  to: string
  town: string | undefined
  columns: FigureDefinition[]
  rows: ExportRow[]
}

const KIND_LABELS: Record<ExportRow['kind'], string> = { total: '合计', town: '分街镇', month: '分月' }

/** The months the period touches, each clipped to the period: `[from, to, label]`. */
export function monthsOfPeriod(from: string, to: string): [string, string, string][] {
  const months: [string, string, string][] = []
  let year = Number(from.slice(0, 4))
  let month = Number(from.slice(5, 7))
  for (;;) {
    const first = `${year}-${String(month).padStart(2, '0')}-01`
    if (first > to) break
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate()
    const last = `${year}-${String(month).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`
    months.push([first < from ? from : first, last > to ? to : last, `${year}年${month}月`])
    if (months.length > MAX_EXPORT_MONTHS) {
      throw validationFailed([{ field: 'querystring.to', message: `导出期间不能超过 ${MAX_EXPORT_MONTHS} 个月` }])
    }
    month += 1
    if (month === 13) {
      month = 1
      year += 1
    }
  }
  return months
}

export async function figuresTable(figures: FiguresRepository, actor: Actor, query: StatsQuery, now: Date = new Date()): Promise<FiguresTable> {
  // The total first: it checks the period and the town (400/404) before anything else runs.
  const total = await computeStats(figures, actor, query, now)
  const { from, to } = periodOf(query, now)
  const reach = jurisdictionTowns(actor)
  const towns = query.town ? [query.town] : TOWN_CODES.filter((t) => reach === undefined || reach.includes(t))
  // The rows are independent statements: issued together, the pool runs them side by side.
  const townRows = towns.map(
    async (town): Promise<ExportRow> => ({ kind: 'town', scope: townName(town) ?? town, code: town, stats: await computeStats(figures, actor, { from, to, town }, now) }),
  )
  const monthRows = monthsOfPeriod(from, to).map(
    async ([monthFrom, monthTo, label]): Promise<ExportRow> => ({
      kind: 'month',
      scope: label,
      code: monthFrom.slice(0, 7),
      stats: await computeStats(figures, actor, { from: monthFrom, to: monthTo, town: query.town }, now),
    }),
  )
  const rows = await Promise.all([...townRows, ...monthRows])
  rows.push({ kind: 'total', scope: '合计', stats: total })
  return { from, to, town: query.town, columns: figuresPresent(total), rows }
}

/** A figure's header: label and unit (`追讨工资（含经济补偿金）（元）`). */
export const figureHeader = (f: FigureDefinition) => `${f.label}${figureUnitSuffix(f.unit)}`

/** The present-moment figures are not per month: their month cells stay empty. */
const shows = (row: ExportRow, f: FigureDefinition) => !(row.kind === 'month' && f.scope === 'now')

function plainValue(f: FigureDefinition, value: unknown): string {
  if (typeof value !== 'number') return ''
  if (f.unit === 'fen') return fenToYuanPlain(value)
  if (f.unit === 'rate') return rateToPercentPlain(value)
  return String(value)
}

const FIXED_HEADERS = ['类别', '范围', '开始日期', '结束日期']

/** CSV (RFC 4180, CRLF) with a BOM, so Excel opens the Chinese headers as UTF-8. */
export function tableCsv(table: FiguresTable): string {
  const cell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s)
  const lines = [[...FIXED_HEADERS, ...table.columns.map(figureHeader)].map(cell).join(',')]
  for (const row of table.rows) {
    const values = table.columns.map((f) => (shows(row, f) ? plainValue(f, figureValue(row.stats as Record<string, unknown>, f.key)) : ''))
    lines.push([KIND_LABELS[row.kind], row.scope, row.stats.from, row.stats.to, ...values].map(cell).join(','))
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

/** The same table as an xlsx workbook (one sheet): money as yuan numbers `0.00`, rates as `0.00%`. */
export async function tableXlsx(table: FiguresTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'HuXin'
  const sheet = workbook.addWorksheet('数据统计')
  sheet.addRow([...FIXED_HEADERS, ...table.columns.map(figureHeader)]).font = { bold: true }
  for (const row of table.rows) {
    const values = table.columns.map((f): number | null => {
      const value = figureValue(row.stats as Record<string, unknown>, f.key)
      if (!shows(row, f) || typeof value !== 'number') return null
      return f.unit === 'fen' ? value / 100 : value
    })
    sheet.addRow([KIND_LABELS[row.kind], row.scope, row.stats.from, row.stats.to, ...values])
  }
  table.columns.forEach((f, i) => {
    const column = sheet.getColumn(FIXED_HEADERS.length + i + 1)
    if (f.unit === 'fen') column.numFmt = '#,##0.00'
    else if (f.unit === 'rate') column.numFmt = '0.00%'
    column.width = Math.max(12, figureHeader(f).length * 2)
  })
  sheet.getColumn(2).width = 14
  sheet.getColumn(3).width = 12
  sheet.getColumn(4).width = 12
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: 1 }]
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
