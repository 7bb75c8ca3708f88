/**
 * Two of the four systems as uploads (docs/projects.md): the real-name roster (Art. 28; ID numbers
 * encrypted with the keyed hash claims use, so a claimant on a roster is found without decrypting)
 * and the monthly payroll of the dedicated wage account (Art. 29–31). Each upload is all or nothing.
 */
import { isValidIdNumber, maskIdNumber, parseYuanToFen, shanghaiDate } from '@huxin/shared'
import { uuidv7 } from '../../lib/ids'
import type { Actor } from '../casework/index'
import type { PiiCipher } from '../pii/index'
import { ImportRejected, parseDate, readColumns } from './csv-columns'
import type { PayrollInsert, RosterInsert } from './repository'
import { findVisibleProject, type ProjectDeps } from './service'

export const ROSTER_MAX_ROWS = 20_000

const ROSTER_COLUMNS = {
  name: ['name', '姓名'],
  idNumber: ['idnumber', '身份证号', '身份证号码', '公民身份号码'],
  trade: ['trade', '工种'],
  startedOn: ['startedon', '进场日期', '入场日期', '开始日期'],
} as const
const PAYROLL_COLUMNS = {
  name: ['name', '姓名'],
  idNumber: ['idnumber', '身份证号', '身份证号码', '公民身份号码'],
  amount: ['amount', '实发工资（元）', '实发工资(元)', '实发工资', '金额'],
  paidOn: ['paidon', '发放日期', '支付日期'],
} as const

interface WorkerDeps extends ProjectDeps {
  pii: PiiCipher
}

/** Name and ID number of a row, checked; the same ID twice in one file is an error. */
function worker(row: { get(c: 'name' | 'idNumber'): string; fail(f: string, m: string): void; line: number }, seen: Map<string, number>, today: string) {
  const name = row.get('name')
  let ok = true
  if (name.length < 1 || name.length > 50) {
    row.fail('name', '姓名应为 1–50 个字')
    ok = false
  }
  const id = row.get('idNumber').toUpperCase()
  if (!isValidIdNumber(id, today)) {
    row.fail('idNumber', '身份证号无效（校验位或出生日期不符）')
    ok = false
  } else if (seen.has(id)) {
    row.fail('idNumber', `与第 ${seen.get(id)} 行是同一人`)
    ok = false
  } else seen.set(id, row.line)
  return ok ? { name, id } : undefined
}

export async function uploadRoster(deps: WorkerDeps, actor: Actor, projectId: string, text: string) {
  const project = await findVisibleProject(deps, actor, projectId)
  const now = deps.now?.() ?? new Date()
  const today = shanghaiDate(now)
  const rows: RosterInsert[] = []
  const seen = new Map<string, number>()
  readColumns<keyof typeof ROSTER_COLUMNS>(text, ROSTER_COLUMNS, ['name', 'idNumber', 'trade', 'startedOn'], ROSTER_MAX_ROWS, (row) => {
    const who = worker(row, seen, today)
    const trade = row.get('trade')
    if (trade.length < 1 || trade.length > 50) row.fail('trade', '请填写工种（最多 50 个字）')
    const startedOn = parseDate(row.get('startedOn'))
    if (!startedOn) row.fail('startedOn', `日期无效“${row.get('startedOn')}”`)
    if (!who || !startedOn || trade.length < 1 || trade.length > 50) return
    rows.push({
      id: uuidv7(now.getTime()),
      projectId: project.id,
      name: who.name,
      idEnc: deps.pii.encrypt(who.id),
      idHash: deps.pii.hash(who.id),
      idMasked: maskIdNumber(who.id),
      trade,
      startedOn,
      createdAt: now,
    })
  })
  await deps.projects.db.transaction((tx) => deps.projects.upsertRoster(rows, tx))
  const counts = await deps.projects.rosterCounts([project.id])
  return { imported: rows.length, rosterCount: counts.get(project.id) ?? 0 }
}

export async function uploadPayroll(deps: WorkerDeps, actor: Actor, projectId: string, month: string, text: string) {
  const project = await findVisibleProject(deps, actor, projectId)
  const now = deps.now?.() ?? new Date()
  const today = shanghaiDate(now)
  if (month > today.slice(0, 7)) throw new ImportRejected([{ line: 0, field: 'month', message: '不能登记未来月份的工资' }])
  const rows: PayrollInsert[] = []
  const seen = new Map<string, number>()
  readColumns<keyof typeof PAYROLL_COLUMNS>(text, PAYROLL_COLUMNS, ['name', 'idNumber', 'amount'], ROSTER_MAX_ROWS, (row) => {
    const who = worker(row, seen, today)
    const amountFen = parseYuanToFen(row.get('amount').replace(/,/g, ''))
    if (amountFen === undefined) row.fail('amount', `金额无效“${row.get('amount')}”（元，最多两位小数）`)
    const paidText = row.get('paidOn')
    const paidOn = paidText ? parseDate(paidText) : today
    if (!paidOn) row.fail('paidOn', `日期无效“${paidText}”`)
    if (!who || amountFen === undefined || !paidOn) return
    rows.push({
      id: uuidv7(now.getTime()),
      projectId: project.id,
      month,
      workerName: who.name,
      idHash: deps.pii.hash(who.id),
      idMasked: maskIdNumber(who.id),
      amountFen,
      paidOn,
      createdAt: now,
    })
  })
  await deps.projects.db.transaction((tx) => deps.projects.replacePayroll(project.id, month, rows, tx))
  return { month, imported: rows.length, amountFen: rows.reduce((s, r) => s + r.amountFen, 0) }
}
