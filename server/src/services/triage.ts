/**
 * The triage queue (API.md, Case work): claims awaiting acceptance in the caller's jurisdiction,
 * highest priority first. The priority is computed in SQL from the claim, its group, its employer
 * and a fixed instant `asOf` carried in the cursor, so every page of one walk through the queue
 * is ordered by the same numbers (formula: docs/casework.md).
 */
import { employerKey, type TriageQuery, type TriageReason } from '@huxin/shared'
import { inArray, sql, type SQL } from 'drizzle-orm'
import type { Database } from '../db/client'
import { claims } from '../db/schema/index'
import { validationFailed } from '../lib/http-errors'
import { workingDaysUntil } from '../lib/working-days'
import type { ClaimRow } from '../repositories/claims-repository'
import { jurisdictionTowns, type Actor } from './case-workflow'

/** Points of each reason (docs/casework.md). */
export const TRIAGE_POINTS = {
  groupCase: 1000,
  overdue: 400,
  /** per calendar day less than 5 left before acceptDueAt */
  deadlinePerDay: 60,
  nationalDispatch: 200,
  blacklistedEmployer: 150,
  repeatEmployer: 100,
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
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<TriageCursor>
    if (
      typeof c.priority === 'number' &&
      Number.isInteger(c.priority) &&
      typeof c.id === 'string' &&
      /^[0-9a-f-]{36}$/.test(c.id) &&
      typeof c.asOf === 'string' &&
      !Number.isNaN(Date.parse(c.asOf))
    ) {
      return { priority: c.priority, id: c.id, asOf: c.asOf }
    }
  } catch {
    // fall through
  }
  return undefined
}

interface ScoredRow {
  id: string
  priority: number | string
  group_workers: number | string
  repeat_employer: boolean
  blacklisted: boolean
}

export interface TriageEntry {
  row: ClaimRow
  priority: number
  reasons: TriageReason[]
  groupWorkers: number
}

export async function triage(
  db: Database,
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

  const P = TRIAGE_POINTS
  const filters: SQL[] = [sql`c.status = ${query.status ?? 'submitted'}`, sql`c.merged_into_id is null`]
  if (towns !== undefined) filters.push(sql`c.town in (${sql.join(towns.map((t) => sql`${t}`), sql`, `)})`)
  if (query.town) filters.push(sql`c.town = ${query.town}`)
  if (query.source) filters.push(sql`c.source = ${query.source}`)
  if (query.employer) {
    const text = query.employer.trim()
    const key = /^[0-9A-Za-z]{18}$/.test(text) ? employerKey({ name: '', creditCode: text }) : employerKey({ name: text })
    filters.push(sql`c.employer_key = ${key}`)
  }
  // A clue dispatched by the national platform carries the platform's own deadline; the earlier
  // of the two is the one that counts (docs/casework.md, docs/national-platform.md).
  const dueSql = sql`least(c.accept_due_at, coalesce(c.national_due_at, c.accept_due_at))`
  if (query.overdue === true) filters.push(sql`${dueSql} < ${asOf.toISOString()}::timestamptz`)
  if (query.overdue === false) filters.push(sql`${dueSql} >= ${asOf.toISOString()}::timestamptz`)
  const asOfSql = sql`${asOf.toISOString()}::timestamptz`

  const statement = sql`
    with base as (
      select c.id, c.source, c.amount_owed_fen, ${dueSql} as accept_due_at, c.workers_count,
        coalesce((select sum(g.workers_count) from claims g
                  where g.group_id = c.group_id and g.merged_into_id is null
                    and g.status not in ('rejected', 'withdrawn')), 0) as group_workers,
        exists (select 1 from claims o where o.employer_key = c.employer_key and o.id <> c.id
                and o.merged_into_id is null) as repeat_employer,
        coalesce((select e.blacklist_status <> 'none' from employers e where e.key = c.employer_key), false) as blacklisted
      from claims c
      where ${sql.join(filters, sql` and `)}
    ), scored as (
      select id, group_workers, repeat_employer, blacklisted,
        ((case when greatest(group_workers, workers_count) >= 5 then ${P.groupCase} else 0 end)
        + (case when accept_due_at < ${asOfSql} then ${P.overdue}
                else greatest(0, 5 - ceil(extract(epoch from (accept_due_at - ${asOfSql})) / 86400))::int * ${P.deadlinePerDay} end)
        + least(${P.amountMax}, amount_owed_fen / ${P.amountFenPerPoint})::int
        + (case when repeat_employer then ${P.repeatEmployer} else 0 end)
        + (case when blacklisted then ${P.blacklistedEmployer} else 0 end)
        + (case when source = 'national_platform' then ${P.nationalDispatch} else 0 end))::int as priority
      from base
    )
    select id, priority, group_workers, repeat_employer, blacklisted from scored
    ${after ? sql`where (priority, id) < (${after.priority}, ${after.id}::uuid)` : sql``}
    order by priority desc, id desc
    limit ${limit + 1}`
  const result = (await db.execute(statement)) as unknown as { rows: ScoredRow[] }
  const scored = result.rows.slice(0, limit)
  const rows = scored.length === 0 ? [] : await db.select().from(claims).where(inArray(claims.id, scored.map((s) => s.id)))
  const byId = new Map(rows.map((r) => [r.id, r]))
  const entries: TriageEntry[] = []
  for (const s of scored) {
    const row = byId.get(s.id)
    if (!row) continue
    const groupWorkers = Math.max(Number(s.group_workers), row.workersCount)
    entries.push({ row, priority: Number(s.priority), groupWorkers, reasons: reasonsFor(row, groupWorkers, s, asOf) })
  }
  const last = scored[scored.length - 1]
  const nextCursor =
    result.rows.length > limit && last ? encode({ priority: Number(last.priority), id: last.id, asOf: asOf.toISOString() }) : null
  return { entries, nextCursor }
}

/** The deadline that counts: acceptance, or the national platform's when it is earlier. */
export function dueOf(row: Pick<ClaimRow, 'acceptDueAt' | 'nationalDueAt'>): Date {
  return row.nationalDueAt && row.nationalDueAt.getTime() < row.acceptDueAt.getTime() ? row.nationalDueAt : row.acceptDueAt
}

/** The reasons behind a priority, with the points each adds (they sum to `priority`). */
function reasonsFor(row: ClaimRow, groupWorkers: number, s: ScoredRow, asOf: Date): TriageReason[] {
  const P = TRIAGE_POINTS
  const reasons: TriageReason[] = []
  if (groupWorkers >= 5) {
    reasons.push({ code: 'group_case', label: `群体性案件（${groupWorkers}人）`, points: P.groupCase })
  }
  const due = dueOf(row)
  const workingDaysLeft = workingDaysUntil(asOf, due)
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
    reasons.push({ code: 'amount', label: `欠薪金额 ${(row.amountOwedFen / 100).toFixed(2)} 元`, points: amountPoints })
  }
  if (s.repeat_employer) reasons.push({ code: 'repeat_employer', label: '该单位另有欠薪投诉', points: P.repeatEmployer })
  if (s.blacklisted) reasons.push({ code: 'blacklisted_employer', label: '该单位已申请或列入失信名单', points: P.blacklistedEmployer })
  if (row.source === 'national_platform') {
    reasons.push({ code: 'national_dispatch', label: '全国根治欠薪线索反映平台交办', points: P.nationalDispatch })
  }
  return reasons
}
