/**
 * The triage queue (API.md, Case work): claims awaiting acceptance in the caller's jurisdiction,
 * highest priority first. The priority is computed in SQL from the claim, its group, its employer
 * and a fixed instant `asOf` carried in the cursor, so every page of one walk through the queue
 * is ordered by the same numbers (formula: docs/casework.md).
 */
import { employerKey, formatFen, GROUP_CASE_MIN_WORKERS, type TriageQuery, type TriageReason } from '@huxin/shared'
import { validationFailed } from '../../lib/http-errors'
import type { WorkingDayCalendar } from '../calendar/index'
import type { ClaimRow, RecoveredFen } from '../claims/index'
import { jurisdictionTowns, type Actor } from './access'
import type { CaseworkRepository, TriagePageRow } from './repository/index'
import { cursorInstant, cursorText, isInt4, isUuid } from '../../lib/cursor'

/** Points of each reason (docs/casework.md). */
const TRIAGE_POINTS = {
  groupCase: 1000,
  overdue: 400,
  /** per calendar day less than 5 left before acceptDueAt */
  deadlinePerDay: 60,
  nationalDispatch: 200,
  blacklistedEmployer: 150,
  repeatEmployer: 100,
  /** the claimant disputes a recorded payment (没收到 / 金额不对), until it is settled */
  recoveryDisputed: 300,
  /** one point per 5,000 yuan owed, at most 200 */
  amountFenPerPoint: 500_000,
  amountMax: 200,
} as const

interface TriageCursor {
  priority: number
  id: string
  asOf: string
}

const encode = (c: TriageCursor) => Buffer.from(JSON.stringify(c)).toString('base64url')

function decode(cursor: string): TriageCursor | undefined {
  const text = cursorText(cursor)
  if (text === undefined) return undefined
  let c: Partial<TriageCursor>
  try {
    c = JSON.parse(text) as Partial<TriageCursor>
  } catch {
    return undefined
  }
  if (typeof c !== 'object' || c === null) return undefined
  const asOf = cursorInstant(c.asOf)
  if (!isInt4(c.priority) || !isUuid(c.id) || !asOf) return undefined
  return { priority: c.priority, id: c.id, asOf: asOf.toISOString() }
}

export interface TriageEntry {
  row: ClaimRow
  priority: number
  recovered: RecoveredFen
  reasons: TriageReason[]
  groupWorkers: number
}

export async function triage(
  deps: { repo: CaseworkRepository; calendar: WorkingDayCalendar },
  actor: Actor,
  query: TriageQuery,
  now: Date = new Date(),
): Promise<{ entries: TriageEntry[]; nextCursor: string | null }> {
  const limit = query.limit ?? 20
  const after = query.cursor === undefined ? undefined : decode(query.cursor)
  if (query.cursor !== undefined && !after) throw validationFailed([{ field: 'querystring.cursor', message: '无效的分页位置' }])
  const asOf = after ? new Date(after.asOf) : now
  const towns = jurisdictionTowns(actor)
  if (towns !== undefined && towns.length === 0) return { entries: [], nextCursor: null }

  let key: string | undefined
  if (query.employer) {
    const text = query.employer.trim()
    key = /^[0-9A-Za-z]{18}$/.test(text) ? employerKey({ name: '', creditCode: text }) : employerKey({ name: text })
  }
  const { rows, more } = await deps.repo.triagePage({
    status: query.status ?? 'submitted',
    towns,
    town: query.town,
    source: query.source,
    employerKey: key,
    overdue: query.overdue,
    asOf,
    after,
    limit,
    weights: TRIAGE_POINTS,
  })
  const entries = rows.map((r): TriageEntry => {
    const groupWorkers = Math.max(r.groupWorkersTotal, r.claim.workersCount)
    return { row: r.claim, priority: r.priority, groupWorkers, recovered: r.recovered, reasons: reasonsFor(r, asOf, deps.calendar) }
  })
  const last = entries[entries.length - 1]
  const nextCursor = more && last ? encode({ priority: last.priority, id: last.row.id, asOf: asOf.toISOString() }) : null
  return { entries, nextCursor }
}

/** The deadline that counts: acceptance, or the national platform's when it is earlier. */
export function dueOf(row: Pick<ClaimRow, 'acceptDueAt' | 'nationalDueAt'>): Date {
  return row.nationalDueAt && row.nationalDueAt.getTime() < row.acceptDueAt.getTime() ? row.nationalDueAt : row.acceptDueAt
}

/** The reasons behind a priority, with the points each adds (they sum to `priority`). */
function reasonsFor(scored: TriagePageRow, asOf: Date, calendar: WorkingDayCalendar): TriageReason[] {
  const row = scored.claim
  const P = TRIAGE_POINTS
  const reasons: TriageReason[] = []
  // Weighed by the workers the system can count (claimant, named co-workers, distinct claimants,
  // confirmed counts), not the declared figure (docs/security.md).
  if (scored.countedWorkers >= GROUP_CASE_MIN_WORKERS) {
    reasons.push({ code: 'group_case', label: `群体性案件（可核实 ${scored.countedWorkers} 人）`, points: P.groupCase })
  }
  const due = dueOf(row)
  const workingDaysLeft = calendar.workingDaysUntil(asOf, due)
  if (due.getTime() < asOf.getTime()) {
    reasons.push({ code: 'overdue', label: `已超过受理期限 ${Math.abs(workingDaysLeft)} 个工作日`, points: P.overdue, workingDaysLeft })
  } else {
    const calendarDaysLeft = Math.ceil((due.getTime() - asOf.getTime()) / 86_400_000)
    reasons.push({
      code: 'deadline',
      label: `距受理期限还剩 ${workingDaysLeft} 个工作日`,
      points: Math.max(0, 5 - calendarDaysLeft) * P.deadlinePerDay,
      workingDaysLeft,
    })
  }
  const amountPoints = Math.min(P.amountMax, Math.floor(row.amountOwedFen / P.amountFenPerPoint))
  if (amountPoints > 0) {
    reasons.push({ code: 'amount', label: `欠薪金额 ${formatFen(row.amountOwedFen)} 元`, points: amountPoints })
  }
  if (scored.repeatEmployer) reasons.push({ code: 'repeat_employer', label: '该单位另有欠薪投诉', points: P.repeatEmployer })
  if (scored.blacklisted) reasons.push({ code: 'blacklisted_employer', label: '该单位已申请或列入失信名单', points: P.blacklistedEmployer })
  if (scored.recoveryDisputed) reasons.push({ code: 'recovery_disputed', label: '工资到账有异议', points: P.recoveryDisputed })
  if (row.source === 'national_platform') {
    reasons.push({ code: 'national_dispatch', label: '全国根治欠薪线索反映平台交办', points: P.nationalDispatch })
  }
  return reasons
}
