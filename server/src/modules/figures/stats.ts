/**
 * The bureau's figures (DOMAIN.md, "Figures the bureau reports") for a period of Shanghai days and
 * a town. Every definition is in docs/casework.md, Figures. The period-additive figures come from
 * `stats_daily` (one row per day and town, kept by the database's triggers in the writers'
 * transactions, migration 0010), group cases from `claim_groups.group_case_at`, the distinct
 * employers of the period's clues from `stats_clue_employers`, overdue closures from
 * `stats_open_due` (days before today) and the claims due today; overdue acceptances are few
 * (submitted claims only) and counted from the rows.
 */
import type { Stats, StatsQuery } from '@huxin/shared'
import { sql, type SQL } from 'drizzle-orm'
import type { Database } from '../../db/client'
import { notFound, validationFailed } from '../../lib/http-errors'
import { jurisdictionTowns, type Actor } from '../casework/index'

const SHANGHAI_OFFSET_MS = 8 * 3_600_000
const dayStart = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS)


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
  // Deadlines of the days before today are counted per day (stats_open_due), today's one by one.
  const today = new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
  const todayStart = sql`${dayStart(today).toISOString()}::timestamptz`
  const result = (await db.execute(sql`
    with daily as (
      select coalesce(sum(clues), 0) as clues, coalesce(sum(accepted), 0) as accepted, coalesce(sum(workers), 0) as workers,
        coalesce(sum(closed), 0) as closed, coalesce(sum(police_transfers), 0) as police,
        coalesce(sum(blacklist_applications), 0) as blacklist, coalesce(sum(wages_fen), 0) as wages,
        coalesce(sum(compensation_fen), 0) as compensation, coalesce(sum(indemnity_fen), 0) as indemnity,
        coalesce(sum(social_insurance_fen), 0) as social
      from stats_daily where day >= ${query.from}::date and day <= ${query.to}::date and ${inTowns(sql`town`)}
    ), registry as (
      select count(*) as known, count(deposit_status) as holders,
        count(*) filter (where deposit_status = 'stored') as stored,
        count(*) filter (where deposit_status = 'exempt') as exempt,
        count(*) filter (where deposit_status = 'deferred') as deferred
      from employers
    )
    select
      daily.clues::int as clues_received,
      (select count(distinct employer_key) from stats_clue_employers
         where day >= ${query.from}::date and day <= ${query.to}::date and clues > 0 and ${inTowns(sql`town`)})::int as clue_employers,
      registry.known::int as employers_known,
      daily.accepted::int as complaints_accepted,
      (select count(*) from claim_groups
         where group_case_at >= ${f} and group_case_at < ${t} and ${inTowns(sql`group_case_town`)})::int as group_cases,
      daily.workers::int as workers_involved,
      daily.closed::int as closed_cases,
      daily.wages::text as wages_fen,
      daily.compensation::text as compensation_fen,
      daily.indemnity::text as indemnity_fen,
      daily.social::text as social_fen,
      daily.police::int as police,
      daily.blacklist::int as blacklist,
      (select count(*) from claims where status = 'submitted' and merged_into_id is null
         and accept_due_at < ${n} and ${inTowns(sql`town`)})::int as overdue_acceptance,
      ((select coalesce(sum(open), 0) from stats_open_due where day < ${today}::date and ${inTowns(sql`town`)})
        + (select count(*) from claims where status in ('accepted', 'investigating', 'mediating', 'ordered_to_pay')
           and merged_into_id is null and close_due_at >= ${todayStart} and close_due_at < ${n} and ${inTowns(sql`town`)}))::int
        as overdue_closure,
      registry.holders::int as deposit_holders,
      registry.stored::int as deposit_stored,
      registry.exempt::int as deposit_exempt,
      registry.deferred::int as deposit_deferred
    from daily, registry
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
