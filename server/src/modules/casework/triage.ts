/**
 * The triage queue (API.md, Case work): claims awaiting acceptance in the caller's jurisdiction,
 * highest priority first. The priority is computed in SQL from the claim, its group, its employer
 * and a fixed instant `asOf` carried in the cursor, so every page of one walk through the queue
 * is ordered by the same numbers (formula: docs/casework.md).
 */
import { employerKey, formatFen, GROUP_CASE_MIN_WORKERS, isValidMobile, type TriageQuery, type TriageReason, type TriageSort } from '@huxin/shared'
import { validationFailed } from '../../lib/http-errors'
import type { WorkingDayCalendar } from '../calendar/index'
import type { ClaimRow, RecoveredFen } from '../claims/index'
import { shanghaiDate, shanghaiDayStart, TOWN_CODES, type TownCode } from '@huxin/shared'
import { jurisdictionTowns, type Actor } from './access'
import { isSortKeyValue, type CaseworkRepository, type TriagePageRow, type TriageSearch, type TriageSortSpec } from './repository/index'
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

/** A cursor of the priority sort carries `priority`; other sorts `sort`, `dir` and `key` (the row's sort key as text). */
interface TriageCursor {
  priority?: number
  sort?: TriageSort
  dir?: 'asc' | 'desc'
  key?: string
  id: string
  asOf: string
}

const encode = (c: TriageCursor) => Buffer.from(JSON.stringify(c)).toString('base64url')

/** Sorts whose natural order is largest first; the others read earliest/alphabetical first. */
const DESC_BY_DEFAULT: readonly TriageSort[] = ['priority', 'amount', 'workers']

export function sortSpec(query: Pick<TriageQuery, 'sort' | 'order'>): TriageSortSpec {
  const sort = query.sort ?? 'priority'
  return { sort, dir: query.order ?? (DESC_BY_DEFAULT.includes(sort) ? 'desc' : 'asc') }
}

/**
 * What `q` asks for: a full mobile number (spaces, dashes, +86 allowed) → its keyed hash, never a
 * decrypted row; exactly 4 digits → the phone's last four (kept in the masked form); else text
 * matched in reference, employer name and claimant name.
 */
export function triageSearch(q: string | undefined, hash: (value: string) => string): TriageSearch | undefined {
  const text = q?.trim()
  if (!text) return undefined
  const digits = text.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '')
  if (isValidMobile(digits)) return { phoneHash: hash(digits) }
  if (/^\d{4}$/.test(digits)) return { phoneLast4: digits }
  return { text }
}

function decode(cursor: string): (TriageCursor & { key: string }) | undefined {
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
  if (!isUuid(c.id) || !asOf) return undefined
  if (c.sort === undefined) {
    if (!isInt4(c.priority)) return undefined
    return { sort: 'priority', dir: 'desc', key: String(c.priority), id: c.id, asOf: asOf.toISOString() }
  }
  const spec = sortSpec({ sort: c.sort, order: c.dir })
  if (!SORTS.has(spec.sort) || (c.dir !== 'asc' && c.dir !== 'desc') || typeof c.key !== 'string') return undefined
  if (!isSortKeyValue(spec.sort, c.key)) return undefined
  return { sort: spec.sort, dir: c.dir, key: c.key, id: c.id, asOf: asOf.toISOString() }
}

const SORTS: ReadonlySet<string> = new Set<TriageSort>(['priority', 'deadline', 'amount', 'workers', 'reference', 'employer', 'received'])

export interface TriageEntry {
  row: ClaimRow
  priority: number
  recovered: RecoveredFen
  reasons: TriageReason[]
  groupWorkers: number
}

export async function triage(
  deps: { repo: CaseworkRepository; calendar: WorkingDayCalendar; hash: (value: string) => string },
  actor: Actor,
  query: TriageQuery,
  now: Date = new Date(),
): Promise<{ entries: TriageEntry[]; nextCursor: string | null }> {
  const limit = query.limit ?? 20
  const after = query.cursor === undefined ? undefined : decode(query.cursor)
  const spec = sortSpec(query)
  if (query.cursor !== undefined && (!after || after.sort !== spec.sort || after.dir !== spec.dir)) {
    throw validationFailed([{ field: 'querystring.cursor', message: '无效的分页位置' }])
  }
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
    search: triageSearch(query.q, deps.hash),
    sort: spec,
    towns,
    town: query.town,
    source: query.source,
    employerKey: key,
    overdue: query.overdue,
    asOf,
    after: after ? { key: after.key, id: after.id } : undefined,
    limit,
    weights: TRIAGE_POINTS,
  })
  const entries = rows.map((r): TriageEntry => {
    const groupWorkers = Math.max(r.groupWorkersTotal, r.claim.workersCount)
    return { row: r.claim, priority: r.priority, groupWorkers, recovered: r.recovered, reasons: reasonsFor(r, asOf, deps.calendar) }
  })
  const last = entries[entries.length - 1]
  const lastRow = rows[rows.length - 1]
  let nextCursor: string | null = null
  if (more && last && lastRow) {
    nextCursor =
      spec.sort === 'priority' && spec.dir === 'desc'
        ? encode({ priority: last.priority, id: last.row.id, asOf: asOf.toISOString() })
        : encode({ sort: spec.sort, dir: spec.dir, key: lastRow.sortKey, id: last.row.id, asOf: asOf.toISOString() })
  }
  return { entries, nextCursor }
}

/** One claim's priority and reasons, whatever its status (the claim page); undefined outside the caller's reach. */
export async function claimPriority(
  deps: { repo: CaseworkRepository; calendar: WorkingDayCalendar },
  actor: Actor,
  claimId: string,
  now: Date = new Date(),
): Promise<{ priority: number; reasons: TriageReason[] } | undefined> {
  const towns = jurisdictionTowns(actor)
  if (towns !== undefined && towns.length === 0) return undefined
  const { rows } = await deps.repo.triagePage({ status: undefined, claimId, towns, asOf: now, limit: 1, weights: TRIAGE_POINTS })
  const row = rows[0]
  return row ? { priority: row.priority, reasons: reasonsFor(row, now, deps.calendar) } : undefined
}

/** The desk's header figures: filed today (Asia/Shanghai), awaiting acceptance, overdue. */
export async function triageCounts(deps: { repo: CaseworkRepository }, actor: Actor, now: Date = new Date()) {
  const towns = jurisdictionTowns(actor)
  const covered = (towns ?? TOWN_CODES).filter((t): t is TownCode => (TOWN_CODES as readonly string[]).includes(t))
  if (towns !== undefined && towns.length === 0) return { receivedToday: 0, awaiting: 0, overdue: 0, towns: covered }
  return { ...(await deps.repo.triageCounts({ towns, dayStart: shanghaiDayStart(shanghaiDate(now)), now })), towns: covered }
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
