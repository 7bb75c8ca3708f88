/**
 * The triage queue (API.md, Case work): claims awaiting acceptance in the caller's jurisdiction,
 * highest priority first. The priority is computed in SQL from the claim, its group, its employer
 * and a fixed instant `asOf` carried in the cursor, so every page of one walk through the queue
 * is ordered by the same numbers (formula: docs/casework.md).
 */
import { employerKey, type TriageQuery, type TriageReason } from '@huxin/shared'
import { createHash } from 'node:crypto'
import { sql, type SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import type { RawQuery } from '../../db/client'
import { rowMapper } from '../../db/rows'
import { claims } from '../../db/schema/index'
import { validationFailed } from '../../lib/http-errors'
import type { WorkingDayCalendar } from '../calendar/index'
import type { ClaimRow } from '../claims/index'
import type { RecoveredFen } from '../claims/index'
import { jurisdictionTowns, type Actor } from './workflow'

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

interface PageRow {
  t_row: string
  t_priority: number | string
  t_group_workers: number | string
  t_repeat_employer: boolean
  t_blacklisted: boolean
  t_wages: string
  t_compensation: string
  t_indemnity: string
  t_social_insurance: string
}

const toClaimRow = rowMapper(claims)
const dialect = new PgDialect()

/** An integer of our own (points, page size) as a literal, so the prepared plan does not guess it. */
function n(value: number): SQL {
  if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`)
  return sql.raw(String(value))
}

/** A code (status, town, source: lower-case letters, digits, `_`) as a literal; anything else stays a parameter. */
function code(value: string): SQL {
  return /^[a-z0-9_]{1,40}$/.test(value) ? sql.raw(`'${value}'`) : sql`${value}`
}

export interface TriageEntry {
  row: ClaimRow
  priority: number
  recovered: RecoveredFen
  reasons: TriageReason[]
  groupWorkers: number
}

export async function triage(
  run: RawQuery,
  calendar: WorkingDayCalendar,
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
  // Status, towns and source are written into the text (codes only, see `code`): the statement is
  // prepared per text and its plan then fits the queue — with parameters, the generic plan guessed
  // thousands of rows and chose parallel scans and hash joins for a 300-claim queue.
  const filters: SQL[] = [sql`c.status = ${code(query.status ?? 'submitted')}`, sql`c.merged_into_id is null`]
  if (towns !== undefined) filters.push(sql`c.town in (${sql.join(towns.map(code), sql`, `)})`)
  if (query.town) filters.push(sql`c.town = ${code(query.town)}`)
  if (query.source) filters.push(sql`c.source = ${code(query.source)}`)
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

  // Group workers, repeat and blacklisted employers come from totals the database keeps
  // (claim_groups.workers_total, employers.claims_count: migration 0010): one index probe into each
  // table per queued claim instead of summing the group's and the employer's claims for every one.
  // Written as scalar subqueries so they stay probes: as joins, the planner read the whole
  // employers table into a hash for a 300-claim queue (EXPLAIN on 100,000 claims: 15 ms of 30).
  // `materialized`: each probe runs once per queued claim, not once per use of its result.
  const ranked = sql`
    with base as materialized (
      select c.id, c.source, c.amount_owed_fen, ${dueSql} as accept_due_at, c.workers_count,
        coalesce((select g.workers_total from claim_groups g where g.id = c.group_id), 0) as group_workers,
        coalesce((select (e.claims_count > 1)::int + 2 * (e.blacklist_status <> 'none')::int
                  from employers e where e.key = c.employer_key), 0) as employer_flags
      from claims c
      where ${sql.join(filters, sql` and `)}
    ), flagged as (
      select base.*, employer_flags & 1 = 1 as repeat_employer, employer_flags & 2 = 2 as blacklisted from base
    ), scored as (
      select id, group_workers, repeat_employer, blacklisted,
        ((case when greatest(group_workers, workers_count) >= 5 then ${n(P.groupCase)} else 0 end)
        + (case when accept_due_at < ${asOfSql} then ${n(P.overdue)}
                else greatest(0, 5 - ceil(extract(epoch from (accept_due_at - ${asOfSql})) / 86400))::int * ${n(P.deadlinePerDay)} end)
        + least(${n(P.amountMax)}, amount_owed_fen / ${n(P.amountFenPerPoint)})::int
        + (case when repeat_employer then ${n(P.repeatEmployer)} else 0 end)
        + (case when blacklisted then ${n(P.blacklistedEmployer)} else 0 end)
        + (case when source = 'national_platform' then ${n(P.nationalDispatch)} else 0 end))::int as priority
      from flagged
    )
    select id, priority, group_workers, repeat_employer, blacklisted from scored
    ${after ? sql`where (priority, id) < (${after.priority}, ${after.id}::uuid)` : sql``}
    order by priority desc, id desc
    limit ${n(limit + 1)}`
  // The page's whole rows and the money recovered on each, in the same round trip.
  const statement = sql`
    with page as (${ranked})
    select page.priority as t_priority, page.group_workers as t_group_workers, page.repeat_employer as t_repeat_employer,
      page.blacklisted as t_blacklisted, m.wages as t_wages, m.compensation as t_compensation, m.indemnity as t_indemnity,
      m.social_insurance as t_social_insurance, row_to_json(c)::text as t_row
    from page
    join claims c on c.id = page.id
    cross join lateral (
      select coalesce(sum(r.amount_fen) filter (where r.kind = 'wages'), 0)::text as wages,
        coalesce(sum(r.amount_fen) filter (where r.kind = 'compensation'), 0)::text as compensation,
        coalesce(sum(r.amount_fen) filter (where r.kind = 'indemnity'), 0)::text as indemnity,
        coalesce(sum(r.amount_fen) filter (where r.kind = 'social_insurance'), 0)::text as social_insurance
      from recoveries r where r.claim_id = c.id
    ) m
    order by page.priority desc, page.id desc`
  // Prepared per text (the filters used make the text, values are bound): planning this statement
  // cost more than running it on a 300-claim queue (EXPLAIN, docs/casework.md).
  const built = dialect.sqlToQuery(statement)
  const name = `huxin_triage_${createHash('sha1').update(built.sql).digest('hex').slice(0, 20)}`
  const result = await run<PageRow>(built.sql, built.params, name)
  const page = result.rows.slice(0, limit)
  const entries: TriageEntry[] = []
  for (const raw of page) {
    // One JSON text per claim: parsed natively, much cheaper than the driver's per-column parsing.
    const row = toClaimRow(JSON.parse(raw.t_row) as Record<string, unknown>)
    const s: ScoredRow = {
      id: row.id,
      priority: raw.t_priority,
      group_workers: raw.t_group_workers,
      repeat_employer: raw.t_repeat_employer,
      blacklisted: raw.t_blacklisted,
    }
    const recovered = {
      wages: Number(raw.t_wages),
      compensation: Number(raw.t_compensation),
      indemnity: Number(raw.t_indemnity),
      socialInsurance: Number(raw.t_social_insurance),
    }
    const groupWorkers = Math.max(Number(s.group_workers), row.workersCount)
    entries.push({ row, priority: Number(s.priority), groupWorkers, recovered, reasons: reasonsFor(row, groupWorkers, s, asOf, calendar) })
  }
  const last = page[page.length - 1]
  const nextCursor =
    result.rows.length > limit && last ? encode({ priority: Number(last.t_priority), id: entries[entries.length - 1]!.row.id, asOf: asOf.toISOString() }) : null
  return { entries, nextCursor }
}

/** The deadline that counts: acceptance, or the national platform's when it is earlier. */
export function dueOf(row: Pick<ClaimRow, 'acceptDueAt' | 'nationalDueAt'>): Date {
  return row.nationalDueAt && row.nationalDueAt.getTime() < row.acceptDueAt.getTime() ? row.nationalDueAt : row.acceptDueAt
}

/** The reasons behind a priority, with the points each adds (they sum to `priority`). */
function reasonsFor(row: ClaimRow, groupWorkers: number, s: ScoredRow, asOf: Date, calendar: WorkingDayCalendar): TriageReason[] {
  const P = TRIAGE_POINTS
  const reasons: TriageReason[] = []
  if (groupWorkers >= 5) {
    reasons.push({ code: 'group_case', label: `群体性案件（${groupWorkers}人）`, points: P.groupCase })
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
    reasons.push({ code: 'amount', label: `欠薪金额 ${(row.amountOwedFen / 100).toFixed(2)} 元`, points: amountPoints })
  }
  if (s.repeat_employer) reasons.push({ code: 'repeat_employer', label: '该单位另有欠薪投诉', points: P.repeatEmployer })
  if (s.blacklisted) reasons.push({ code: 'blacklisted_employer', label: '该单位已申请或列入失信名单', points: P.blacklistedEmployer })
  if (row.source === 'national_platform') {
    reasons.push({ code: 'national_dispatch', label: '全国根治欠薪线索反映平台交办', points: P.nationalDispatch })
  }
  return reasons
}
