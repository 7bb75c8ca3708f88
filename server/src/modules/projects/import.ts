/**
 * The housing department's permit list (施工许可证) as CSV: every line checked before anything is
 * stored; one failing line and nothing is (the employers import's rule). Builder and general
 * contractor are linked to the register by credit code, else normalised name.
 */
import { isValidCreditCode, parseYuanToFen, TOWNS, type CreateProjectBody, type RegisterImportResponse } from '@huxin/shared'
import { ImportRejected, parseDate, readColumns } from './csv-columns'
import { newProjectRow, type ProjectDeps } from './service'
import type { ProjectInsert } from './repository'

export const PROJECT_IMPORT_MAX_ROWS = 50_000

const COLUMNS = {
  permitNumber: ['permitnumber', '施工许可证号', '许可证号', '施工许可证编号'],
  name: ['name', '项目名称', '工程名称'],
  town: ['town', '镇街', '所属镇街', '镇（街道）', '镇(街道)'],
  address: ['address', '项目地址', '工程地址', '建设地址'],
  lat: ['lat', '纬度'],
  lng: ['lng', '经度'],
  builder: ['builder', '建设单位'],
  builderCreditCode: ['buildercreditcode', '建设单位统一社会信用代码', '建设单位信用代码'],
  generalContractor: ['generalcontractor', '施工总承包单位', '施工单位', '总承包单位'],
  gcCreditCode: ['gccreditcode', '施工总承包单位统一社会信用代码', '施工单位信用代码', '总承包单位信用代码'],
  permitDate: ['permitdate', '发证日期', '许可日期'],
  startedOn: ['startedon', '开工日期', '计划开工日期'],
  endsOn: ['endson', '竣工日期', '计划竣工日期'],
  contractValue: ['contractvalue', '合同价款（元）', '合同价款(元)', '合同价款', '合同金额'],
  depositAmount: ['depositamount', '保证金金额（元）', '保证金金额(元)', '保证金金额'],
  payDay: ['payday', '工资发放日'],
} as const
type Column = keyof typeof COLUMNS
const REQUIRED: Column[] = ['permitNumber', 'name', 'town', 'builder', 'generalContractor', 'permitDate']

function townOf(raw: string): string | undefined {
  const text = raw.trim()
  return TOWNS.find((t) => t.code === text.toLowerCase() || t.name === text)?.code
}

/** Reads and checks the whole file; throws ImportRejected with every line's problems. */
export function parseProjectCsv(text: string): { line: number; body: CreateProjectBody }[] {
  const out: { line: number; body: CreateProjectBody }[] = []
  const seen = new Map<string, number>()
  readColumns<Column>(text, COLUMNS, REQUIRED, PROJECT_IMPORT_MAX_ROWS, (row) => {
    let ok = true
    const fail = (field: string, message: string) => {
      ok = false
      row.fail(field, message)
    }
    const permitNumber = row.get('permitNumber')
    if (permitNumber.length < 3 || permitNumber.length > 60) fail('permitNumber', '施工许可证号应为 3–60 个字符')
    const first = seen.get(permitNumber)
    if (first !== undefined) fail('permitNumber', `与第 ${first} 行的许可证号相同`)
    else seen.set(permitNumber, row.line)
    const name = row.get('name')
    if (name.length < 2 || name.length > 200) fail('name', '项目名称应为 2–200 个字')
    const town = townOf(row.get('town'))
    if (!town) fail('town', `未知的镇（街道）“${row.get('town')}”`)
    const party = (nameColumn: 'builder' | 'generalContractor', codeColumn: 'builderCreditCode' | 'gcCreditCode') => {
      const partyName = row.get(nameColumn)
      if (partyName.length < 2 || partyName.length > 200) fail(nameColumn, '单位名称应为 2–200 个字')
      const code = row.get(codeColumn).toUpperCase()
      if (code && !isValidCreditCode(code)) fail(codeColumn, '统一社会信用代码校验位不符')
      return { name: partyName, ...(code ? { creditCode: code } : {}) }
    }
    const builder = party('builder', 'builderCreditCode')
    const generalContractor = party('generalContractor', 'gcCreditCode')
    const date = (column: 'permitDate' | 'startedOn' | 'endsOn', required: boolean) => {
      const raw = row.get(column)
      if (!raw) {
        if (required) fail(column, '请填写日期')
        return undefined
      }
      const parsed = parseDate(raw)
      if (!parsed) fail(column, `日期无效“${raw}”（应为 YYYY-MM-DD）`)
      return parsed
    }
    const permitDate = date('permitDate', true)
    const startedOn = date('startedOn', false) ?? permitDate
    const endsOn = date('endsOn', false)
    if (startedOn && endsOn && endsOn < startedOn) fail('endsOn', '竣工日期不能早于开工日期')
    const money = (column: 'contractValue' | 'depositAmount') => {
      const raw = row.get(column).replace(/,/g, '')
      if (!raw) return undefined
      const fen = parseYuanToFen(raw)
      if (fen === undefined) fail(column, `金额无效“${row.get(column)}”（元，最多两位小数）`)
      return fen
    }
    const contractValueFen = money('contractValue')
    const depositAmountFen = money('depositAmount')
    const coordinate = (column: 'lat' | 'lng', limit: number) => {
      const raw = row.get(column)
      if (!raw) return undefined
      const value = Number(raw)
      if (!Number.isFinite(value) || Math.abs(value) > limit) fail(column, `坐标无效“${raw}”`)
      return value
    }
    const lat = coordinate('lat', 90)
    const lng = coordinate('lng', 180)
    if ((lat === undefined) !== (lng === undefined)) fail(lat === undefined ? 'lat' : 'lng', '经纬度应同时填写')
    const payDayText = row.get('payDay')
    const payDay = payDayText ? Number(payDayText) : undefined
    if (payDay !== undefined && !(Number.isInteger(payDay) && payDay >= 1 && payDay <= 31)) fail('payDay', '工资发放日应为 1–31')
    if (!ok || !town || !permitDate || !startedOn) return
    const address = row.get('address')
    out.push({
      line: row.line,
      body: {
        permitNumber,
        name,
        town: town as CreateProjectBody['town'],
        site: { ...(lat !== undefined && lng !== undefined ? { lat, lng } : {}), ...(address ? { address } : {}) },
        builder,
        generalContractor,
        permitDate,
        startedOn,
        ...(endsOn ? { endsOn } : {}),
        ...(contractValueFen !== undefined ? { contractValueFen } : {}),
        ...(depositAmountFen !== undefined ? { depositAmountFen } : {}),
        ...(payDay !== undefined ? { payDay } : {}),
      },
    })
  })
  return out
}

/** Imports the list in one transaction: every project, or (any line failing) none. */
export async function importProjects(deps: ProjectDeps, text: string): Promise<RegisterImportResponse> {
  const parsed = parseProjectCsv(text)
  const existing = await deps.projects.existingPermits(parsed.map((p) => p.body.permitNumber))
  const duplicates = parsed.filter((p) => existing.has(p.body.permitNumber))
  if (duplicates.length > 0) {
    throw new ImportRejected(duplicates.map((p) => ({ line: p.line, field: 'permitNumber', message: '该施工许可证号已登记' })))
  }
  const now = deps.now?.() ?? new Date()
  const rows: ProjectInsert[] = []
  for (const p of parsed) rows.push(await newProjectRow(deps, p.body, new Date(now.getTime() + rows.length)))
  await deps.projects.db.transaction(async (tx) => deps.projects.insert(rows, tx))
  return { imported: rows.length, errors: [] }
}
