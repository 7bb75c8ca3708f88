/**
 * The bureau's figures (DOMAIN.md, "Figures the bureau reports") computed from the data for a
 * period of Shanghai days and a town. Every definition is in docs/casework.md, Figures.
 */
import { GROUP_CASE_MIN_WORKERS, type Stats, type StatsQuery } from '@huxin/shared'
import { sql, type SQL } from 'drizzle-orm'
import type { Database } from '../db/client'
import { notFound, validationFailed } from '../lib/http-errors'
import { jurisdictionTowns, type Actor } from './case-workflow'

const SHANGHAI_OFFSET_MS = 8 * 3_600_000
const dayStart = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS)

/** Statuses that count as finished for the closure rate. */
const FINISHED = ['resolved', 'closed', 'transferred_police', 'transferred_enforcement']

export async function computeStats(db: Database, actor: Actor, query: StatsQuery, now: Date = new Date()): Promise<Stats> {
  const from = dayStart(query.from)
  const to = new Date(dayStart(query.to).getTime() + 86_400_000)
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to <= from) {
    throw validationFailed([{ field: 'querystring.to', message: '结束日期不能早于开始日期' }])
  }
  const reach = jurisdictionTowns(actor)
  if (query.town && reach !== undefined && !reach.includes(query.town)) throw notFound('镇（街道）')
  const towns = query.town ? [query.town] : reach
  const inTowns = (column: SQL): SQL =>
    towns === undefined
      ? sql`true`
      : towns.length === 0
        ? sql`false`
        : sql`${column} in (${sql.join(
            towns.map((t) => sql`${t}`),
            sql`, `,
          )})`
  const f = sql`${from.toISOString()}::timestamptz`
  const t = sql`${to.toISOString()}::timestamptz`
  const n = sql`${now.toISOString()}::timestamptz`
  const finished = sql.join(
    FINISHED.map((s) => sql`${s}`),
    sql`, `,
  )
  const result = (await db.execute(sql`
    with accepted as (
      select id, group_id, workers_count, status, employer_key from claims
      where accepted_at >= ${f} and accepted_at < ${t} and merged_into_id is null and ${inTowns(sql`town`)}
    ), clues as (
      select employer_key from claims
      where source = 'national_platform' and created_at >= ${f} and created_at < ${t} and ${inTowns(sql`town`)}
    ), money as (
      select r.kind, sum(r.amount_fen) as fen from recoveries r join claims c on c.id = r.claim_id
      where r.paid_at >= ${f} and r.paid_at < ${t} and ${inTowns(sql`c.town`)}
      group by r.kind
    ), enforcement as (
      select e.type, count(*) as n from claim_events e join claims c on c.id = e.claim_id
      where e.type in ('transfer_police', 'apply_blacklist') and e.created_at >= ${f} and e.created_at < ${t}
        and ${inTowns(sql`c.town`)}
      group by e.type
    )
    select
      (select count(*) from clues)::int as clues_received,
      (select count(distinct employer_key) from clues)::int as clue_employers,
      (select count(*) from employers)::int as employers_known,
      (select count(*) from accepted)::int as complaints_accepted,
      (select count(*) from (select group_id from accepted group by group_id
         having sum(workers_count) >= ${GROUP_CASE_MIN_WORKERS}) g)::int as group_cases,
      (select coalesce(sum(workers_count), 0) from accepted)::int as workers_involved,
      (select count(*) from accepted where status in (${finished}))::int as closed_cases,
      coalesce((select fen from money where kind = 'wages'), 0)::text as wages_fen,
      coalesce((select fen from money where kind = 'compensation'), 0)::text as compensation_fen,
      coalesce((select fen from money where kind = 'indemnity'), 0)::text as indemnity_fen,
      coalesce((select fen from money where kind = 'social_insurance'), 0)::text as social_fen,
      coalesce((select n from enforcement where type = 'transfer_police'), 0)::int as police,
      coalesce((select n from enforcement where type = 'apply_blacklist'), 0)::int as blacklist,
      (select count(*) from claims where status = 'submitted' and merged_into_id is null
         and accept_due_at < ${n} and ${inTowns(sql`town`)})::int as overdue_acceptance,
      (select count(*) from claims where status in ('accepted', 'investigating', 'mediating', 'ordered_to_pay')
         and merged_into_id is null and close_due_at < ${n} and ${inTowns(sql`town`)})::int as overdue_closure,
      (select count(*) from employers where deposit_status is not null)::int as deposit_holders,
      (select count(*) from employers where deposit_status = 'stored')::int as deposit_stored,
      (select count(*) from employers where deposit_status = 'exempt')::int as deposit_exempt,
      (select count(*) from employers where deposit_status = 'deferred')::int as deposit_deferred
  `)) as unknown as { rows: Record<string, number | string>[] }
  const r = result.rows[0] ?? {}
  const num = (key: string) => Number(r[key] ?? 0)
  const accepted = num('complaints_accepted')
  const wages = num('wages_fen')
  const compensation = num('compensation_fen')
  return {
    from: query.from,
    to: query.to,
    town: query.town,
    cluesReceived: num('clues_received'),
    clueIncidenceRate: num('employers_known') === 0 ? 0 : num('clue_employers') / num('employers_known'),
    complaintsAccepted: accepted,
    groupCases: num('group_cases'),
    workersInvolved: num('workers_involved'),
    wagesRecoveredFen: wages + compensation,
    wagesOnlyRecoveredFen: wages,
    compensationRecoveredFen: compensation,
    indemnityRecoveredFen: num('indemnity_fen'),
    socialInsuranceOrderedFen: num('social_fen'),
    closureRate: accepted === 0 ? 0 : num('closed_cases') / accepted,
    closedCases: num('closed_cases'),
    policeTransfers: num('police'),
    blacklistApplications: num('blacklist'),
    overdueAcceptance: num('overdue_acceptance'),
    overdueClosure: num('overdue_closure'),
    depositPermitHolders: num('deposit_holders'),
    depositStored: num('deposit_stored'),
    depositExempt: num('deposit_exempt'),
    depositDeferred: num('deposit_deferred'),
  }
}

/** The same figures as CSV: a header row of field names and one row of values (UTF-8, BOM for Excel). */
export function statsCsv(stats: Stats): string {
  const entries = Object.entries(stats).filter(([, v]) => v !== undefined)
  const cell = (v: unknown) => {
    const s = String(v)
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
  }
  return `\uFEFF${entries.map(([k]) => k).join(',')}\r\n${entries.map(([, v]) => cell(v)).join(',')}\r\n`
}
