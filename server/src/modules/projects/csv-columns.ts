/**
 * Reading a CSV by named columns (English names or the Chinese headers of the source), with every
 * problem reported by line, as the employers register's import does (modules/employers/register.ts).
 */
import type { RegisterImportResponse } from '@huxin/shared'
import { CsvSyntaxError, parseCsv } from '../../lib/csv'
import { validationFailed } from '../../lib/http-errors'

export type LineError = RegisterImportResponse['errors'][number]

export class ImportRejected extends Error {
  constructor(readonly errors: LineError[]) {
    super('import rejected')
  }
}

export interface CsvRow<C extends string> {
  line: number
  get(column: C): string
  fail(field: string, message: string): void
}

/**
 * Calls `each` for every data row; the problems it reports and those of the header are collected,
 * and thrown together (ImportRejected) once the whole file has been read.
 */
export function readColumns<C extends string>(
  text: string,
  columns: Record<C, readonly string[]>,
  required: readonly C[],
  maxRows: number,
  each: (row: CsvRow<C>) => void,
): void {
  let records
  try {
    records = parseCsv(text)
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new ImportRejected([{ line: error.line, field: 'csv', message: error.message }])
    throw error
  }
  const [header, ...rows] = records
  if (!header || rows.length === 0) throw validationFailed([{ field: 'body', message: '文件为空' }])
  if (rows.length > maxRows) throw validationFailed([{ field: 'body', message: `一次最多导入 ${maxRows} 行` }])
  const errors: LineError[] = []
  const index = new Map<C, number>()
  const names = Object.keys(columns) as C[]
  header.fields.forEach((raw, i) => {
    const name = raw.trim().toLowerCase()
    const column = names.find((c) => columns[c].includes(name))
    if (!column) errors.push({ line: header.line, field: raw, message: `未知的列“${raw}”，可用：${names.join(', ')}` })
    else if (index.has(column)) errors.push({ line: header.line, field: raw, message: '列重复' })
    else index.set(column, i)
  })
  for (const column of required) if (!index.has(column)) errors.push({ line: header.line, field: column, message: '缺少这一列' })
  if (errors.length > 0) throw new ImportRejected(errors)
  for (const { line, fields } of rows) {
    if (fields.length !== header.fields.length) {
      errors.push({ line, field: 'columns', message: `应有 ${header.fields.length} 列，实有 ${fields.length} 列` })
      continue
    }
    each({
      line,
      get: (column) => {
        const i = index.get(column)
        return i === undefined ? '' : (fields[i] ?? '').trim()
      },
      fail: (field, message) => errors.push({ line, field, message }),
    })
  }
  if (errors.length > 0) throw new ImportRejected(errors)
}

const MAX_REPORTED_ERRORS = 1_000

/** The body of a refused import: API.md's error shape and `{ imported: 0, errors }` beside it. */
export function importRejectedBody(errors: LineError[]) {
  const reported = errors.slice(0, MAX_REPORTED_ERRORS)
  const more = errors.length - reported.length
  return {
    error: {
      code: 'IMPORT_REJECTED',
      message: `有 ${errors.length} 处错误，未导入任何一行${more > 0 ? `（仅列出前 ${reported.length} 处）` : ''}`,
      details: reported.map((e) => ({ field: `line ${e.line}: ${e.field}`, message: e.message })),
    },
    imported: 0,
    errors: reported,
  }
}

export const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/
export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/

/** `2024/3/5`, `2024-03-05` or `2024年3月5日` → `2024-03-05`; undefined when not a real date. */
export function parseDate(raw: string): string | undefined {
  const m = /^(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?$/.exec(raw.trim())
  if (!m) return undefined
  const text = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`
  const d = new Date(`${text}T00:00:00Z`)
  return DATE_RE.test(text) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text ? text : undefined
}
