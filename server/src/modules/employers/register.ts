/**
 * The register of employers under supervision (API.md, Register): an admin's entry, the CSV import
 * of the market-regulation list (all or nothing), and the matching of the employers claims name to
 * the register — by credit code (the same key), else by normalised name, else by a person.
 */
import {
  EMPLOYER_SIZE_LABELS,
  EMPLOYER_SIZES,
  INDUSTRIES,
  INDUSTRY_LABELS,
  TOWNS,
  employerKey,
  isValidCreditCode,
  normaliseName,
  type CreateEmployerBody,
  type EmployerDetail,
  type RegisterImportResponse,
} from '@huxin/shared'
import { CsvSyntaxError, parseCsv } from '../../lib/csv'
import { HttpError, validationFailed } from '../../lib/http-errors'
import { md5Uuid } from '../../lib/ids'
import type { Actor } from '../casework/index'
import type { RegisterEntry } from './repository'
import { employerPage, findEmployer, getEmployer, keyOfCursor, type EmployerDeps } from './service'

/** Rows one import may hold: the zone's market-regulation list is about 100,000. */
export const EMPLOYER_IMPORT_MAX_ROWS = 200_000
/** Line errors reported at most; the rest are counted in the message. */
const MAX_REPORTED_ERRORS = 1_000

/** The id the database gives an employer's key, whether a claim or the register wrote it first (migration 0006, the register's insert). */
const idOfKey = (key: string) => md5Uuid(`employer:${key}`)

function entryOf(body: { name: string; creditCode?: string | undefined; town: string; industry: string; size?: string | undefined }): RegisterEntry {
  const name = body.name.trim()
  const creditCode = body.creditCode?.trim().toUpperCase() || null
  const nameKey = normaliseName(name)
  // employerKey's rule, with the name normalised once (an import normalises 100,000 of them).
  const key = creditCode ? employerKey({ name: '', creditCode }) : `nm:${nameKey}`
  return { key, name, nameKey, creditCode, town: body.town, industry: body.industry, size: body.size ?? null }
}

/** An admin enters one employer; 409 when it is already in the register. */
export async function createEmployer(deps: EmployerDeps, actor: Actor, body: CreateEmployerBody): Promise<EmployerDetail> {
  if (body.creditCode !== undefined && !isValidCreditCode(body.creditCode)) {
    throw validationFailed([{ field: 'creditCode', message: '统一社会信用代码校验位不符，请核对' }])
  }
  if (!normaliseName(body.name)) throw validationFailed([{ field: 'name', message: '请填写单位名称' }])
  const entry = entryOf(body)
  const existing = await deps.employers.findByKey(entry.key)
  if (existing?.supervised) {
    throw new HttpError(409, 'EMPLOYER_EXISTS', '该用人单位已在名录中', [{ field: entry.creditCode ? 'creditCode' : 'name', message: '已在名录中' }], undefined, {
      employerId: existing.id,
    })
  }
  await deps.employers.register([entry])
  return getEmployer(deps, actor, idOfKey(entry.key))
}

type ImportError = RegisterImportResponse['errors'][number]

/** The columns of the import, each under its English name or the Chinese header of the list. */
const COLUMN_NAMES: Record<'name' | 'creditCode' | 'town' | 'industry' | 'size', readonly string[]> = {
  name: ['name', '单位名称', '企业名称', '名称'],
  creditCode: ['creditcode', '统一社会信用代码', '信用代码'],
  town: ['town', '镇街', '所属镇街', '镇（街道）', '镇(街道)'],
  industry: ['industry', '行业'],
  size: ['size', '规模', '企业规模'],
}
const REQUIRED_COLUMNS = ['name', 'town', 'industry'] as const
type Column = keyof typeof COLUMN_NAMES

/** A value given as its code or its Chinese label (企业 after a size is allowed). */
function lookup(codes: readonly string[], labels: Record<string, string>, raw: string): string | undefined {
  const text = raw.trim()
  if (codes.includes(text.toLowerCase())) return text.toLowerCase()
  const bare = text.replace(/企业$/, '')
  return codes.find((c) => labels[c] === text || labels[c] === bare)
}
const TOWN_LABELS = Object.fromEntries(TOWNS.map((t) => [t.code, t.name]))
const TOWN_CODES = TOWNS.map((t) => t.code)

export class ImportRejected extends Error {
  constructor(readonly errors: ImportError[]) {
    super('import rejected')
  }
}

/**
 * Reads and checks the whole file; throws ImportRejected with every line's problems (nothing is
 * written then), or a 400 for a file that is not a usable CSV at all.
 */
export function parseEmployerCsv(text: string): RegisterEntry[] {
  let records
  try {
    records = parseCsv(text)
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new ImportRejected([{ line: error.line, field: 'csv', message: error.message }])
    throw error
  }
  const [header, ...rows] = records
  if (!header) throw validationFailed([{ field: 'body', message: '文件为空' }])
  if (rows.length > EMPLOYER_IMPORT_MAX_ROWS) throw validationFailed([{ field: 'body', message: `一次最多导入 ${EMPLOYER_IMPORT_MAX_ROWS} 行` }])
  const errors: ImportError[] = []
  const index = new Map<Column, number>()
  header.fields.forEach((raw, i) => {
    const name = raw.trim().toLowerCase()
    const column = (Object.keys(COLUMN_NAMES) as Column[]).find((c) => COLUMN_NAMES[c].includes(name))
    if (!column) errors.push({ line: header.line, field: raw, message: `未知的列“${raw}”，可用：${Object.keys(COLUMN_NAMES).join(', ')}` })
    else if (index.has(column)) errors.push({ line: header.line, field: raw, message: '列重复' })
    else index.set(column, i)
  })
  for (const column of REQUIRED_COLUMNS) if (!index.has(column)) errors.push({ line: header.line, field: column, message: '缺少这一列' })
  if (errors.length > 0) throw new ImportRejected(errors)

  const cell = (fields: string[], column: Column) => {
    const i = index.get(column)
    return i === undefined ? '' : (fields[i] ?? '').trim()
  }
  const seen = new Map<string, number>()
  const entries: RegisterEntry[] = []
  for (const { line, fields } of rows) {
    const problems: ImportError[] = []
    const fail = (field: string, message: string) => problems.push({ line, field, message })
    if (fields.length !== header.fields.length) fail('columns', `应有 ${header.fields.length} 列，实有 ${fields.length} 列`)
    const name = cell(fields, 'name')
    if (name.length < 2 || name.length > 200) fail('name', '单位名称应为 2–200 个字')
    const creditCode = cell(fields, 'creditCode').toUpperCase()
    if (creditCode && !isValidCreditCode(creditCode)) fail('creditCode', '统一社会信用代码校验位不符')
    const town = lookup(TOWN_CODES, TOWN_LABELS, cell(fields, 'town'))
    if (!town) fail('town', `未知的镇（街道）“${cell(fields, 'town')}”`)
    const industry = lookup(INDUSTRIES, INDUSTRY_LABELS, cell(fields, 'industry'))
    if (!industry) fail('industry', `未知的行业“${cell(fields, 'industry')}”`)
    const sizeText = cell(fields, 'size')
    const size = sizeText ? lookup(EMPLOYER_SIZES, EMPLOYER_SIZE_LABELS, sizeText) : undefined
    if (sizeText && !size) fail('size', `未知的规模“${sizeText}”，可用：微型、小型、中型、大型`)
    if (problems.length === 0 && town && industry) {
      const entry = entryOf({ name, creditCode: creditCode || undefined, town, industry, size })
      const first = seen.get(entry.key)
      if (!entry.nameKey) fail('name', '单位名称不能只有标点')
      else if (first !== undefined) fail(creditCode ? 'creditCode' : 'name', `与第 ${first} 行是同一单位`)
      else {
        seen.set(entry.key, line)
        entries.push(entry)
      }
    }
    errors.push(...problems)
  }
  if (errors.length > 0) throw new ImportRejected(errors)
  return entries
}

/** Imports the list in one transaction: every entry, or (any line failing) none. */
export async function importEmployers(deps: EmployerDeps, text: string): Promise<RegisterImportResponse> {
  const entries = parseEmployerCsv(text)
  await deps.employers.register(entries)
  return { imported: entries.length, errors: [] }
}

/** The body of a refused import: API.md's error shape and `{ imported: 0, errors }` beside it. */
export function importRejectedBody(errors: ImportError[]) {
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

/** Employers claims name that the register does not hold, for a person to resolve. */
export async function listUnmatched(deps: EmployerDeps, query: { cursor?: string; limit?: number }) {
  const limit = query.limit ?? 20
  const rows = await deps.employers.unmatched(keyOfCursor(query.cursor), limit + 1)
  return employerPage(deps, rows, limit)
}

/** A person links a claim-named employer to its register entry, or (null) removes the link. */
export async function linkEmployer(deps: EmployerDeps, actor: Actor, id: string, registerId: string | null): Promise<EmployerDetail> {
  const row = await findEmployer(deps, id)
  if (row.supervised) throw new HttpError(409, 'EMPLOYER_IN_REGISTER', '该用人单位本身就在名录中', [{ field: 'id', message: '已在名录中' }])
  let linkedKey: string | null = null
  if (registerId !== null) {
    const target = await deps.employers.findById(registerId)
    if (!target) throw new HttpError(404, 'NOT_FOUND', '名录中的用人单位不存在', [{ field: 'registerId', message: '不存在' }])
    if (!target.supervised) throw new HttpError(409, 'NOT_IN_REGISTER', '只能关联到名录中的用人单位', [{ field: 'registerId', message: '不在名录中' }])
    linkedKey = target.key
  }
  await deps.employers.update(row.key, { linkedKey })
  return getEmployer(deps, actor, id)
}
