/**
 * The figures' SQL: one statement over the totals the database keeps itself (migration 0010) —
 * `stats_daily` for the period-additive figures, `claim_groups.group_case_at` for group cases,
 * `stats_clue_employers` for the employers of the period's clues, `national_clues` for the clues
 * that joined a claim we already had (a few per day), the register (`employers.supervised`) for the
 * incidence rate's denominator, `case_outcomes` for the social-insurance orders and registrations
 * (a few hundred a year), `stats_open_due` for overdue
 * closures before today — plus the few claim rows counted one by one (overdue acceptances, today's
 * closing deadlines).
 */
import { IN_INVESTIGATION_STATUSES } from '@huxin/shared'
import { asc, eq, sql, type SQL } from 'drizzle-orm'
import type { Database, Executor } from '../../db/client'
import { caseOutcomes } from '../../db/schema/index'
import { rawRow } from '../../db/raw'

/** The period and place the figures are asked for, worked out by the caller in Shanghai days. */
export interface FiguresPeriod {
  /** First and last Shanghai day, `YYYY-MM-DD`. */
  fromDay: string
  toDay: string
  /** The same period as instants: its first one, and the first one after it. */
  from: Date
  to: Date
  now: Date
  /** Today in Shanghai, `YYYY-MM-DD`, and its first instant. */
  today: string
  todayStart: Date
  /** undefined = every town. */
  towns: readonly string[] | undefined
}

/** The period's figures as counted, before the rates are worked out; sums of fen come as text. */
export interface PeriodFigures {
  clues_received: number
  clues_linked: number
  clue_employers: number
  employers_known: number
  complaints_accepted: number
  group_cases: number
  workers_involved: number
  closed_cases: number
  wages_fen: string
  compensation_fen: string
  indemnity_fen: string
  social_fen: string
  social_ordered_fen: string
  social_registrations: number
  police: number
  blacklist: number
  police_enterprises: number
  blacklist_enterprises: number
  overdue_acceptance: number
  overdue_closure: number
  deposit_holders: number
  deposit_stored: number
  deposit_exempt: number
  deposit_deferred: number
  deposit_deferred_completed: number
  deposit_cancelled: number
  deposit_amount: number | string
  ratings_count: number
  ratings_total: number
}

/**
 * Literals, not parameters: the planner then matches claims_close_due_idx (migration 0010), whose
 * predicate lists the same statuses (server/test/modules/figures/sql-constants.test.ts).
 */
const IN_INVESTIGATION = sql.raw(IN_INVESTIGATION_STATUSES.map((s) => `'${s}'`).join(', '))

export type CaseOutcomeRow = typeof caseOutcomes.$inferSelect

export function createFiguresRepository(db: Database) {
  return {
    async insertOutcome(row: typeof caseOutcomes.$inferInsert, tx: Executor = db): Promise<CaseOutcomeRow> {
      const [inserted] = await tx.insert(caseOutcomes).values(row).returning()
      return inserted!
    },

    /** A claim's case outcomes, oldest first. */
    async listOutcomes(claimId: string, tx: Executor = db): Promise<CaseOutcomeRow[]> {
      return tx.select().from(caseOutcomes).where(eq(caseOutcomes.claimId, claimId)).orderBy(asc(caseOutcomes.decidedAt), asc(caseOutcomes.id))
    },

    db,
    async periodFigures(period: FiguresPeriod, tx: Executor = db): Promise<PeriodFigures | undefined> {
      const { towns } = period
      const inTowns = (column: SQL): SQL =>
        towns === undefined
          ? sql`true`
          : towns.length === 0
            ? sql`false`
            : sql`${column} in (${sql.join(
                towns.map((t) => sql`${t}`),
                sql`, `,
              )})`
      const f = sql`${period.from.toISOString()}::timestamptz`
      const t = sql`${period.to.toISOString()}::timestamptz`
      const n = sql`${period.now.toISOString()}::timestamptz`
      const todayStart = sql`${period.todayStart.toISOString()}::timestamptz`
      // Deadlines of the days before today are counted per day (stats_open_due), today's one by one.
      return rawRow<PeriodFigures>(
        tx,
        sql`
    with daily as (
      select coalesce(sum(clues), 0) as clues, coalesce(sum(accepted), 0) as accepted, coalesce(sum(workers), 0) as workers,
        coalesce(sum(closed), 0) as closed, coalesce(sum(police_transfers), 0) as police,
        coalesce(sum(blacklist_applications), 0) as blacklist, coalesce(sum(wages_fen), 0) as wages,
        coalesce(sum(compensation_fen), 0) as compensation, coalesce(sum(indemnity_fen), 0) as indemnity,
        coalesce(sum(social_insurance_fen), 0) as social
      from stats_daily where day >= ${period.fromDay}::date and day <= ${period.toDay}::date and ${inTowns(sql`town`)}
    ), registry as (
      select count(*) filter (where supervised and ${inTowns(sql`town`)}) as known
      from employers
    ), deposits as (
      -- The wage-guarantee deposits of the projects permitted in the period (docs/figures.md,
      -- deposits; modules/projects), each counted once by where its ledger stood at the end of the
      -- period: a move recorded after it does not count, so a past year's figures stay as reported.
      select count(*) as holders,
        count(*) filter (where deposit_exempt_at < ${t} or (deposit_stored_at < ${t} and deposit_deferred_at is null)) as stored,
        count(*) filter (where deposit_exempt_at < ${t}) as exempt,
        count(*) filter (where deposit_deferred_at < ${t}) as deferred,
        count(*) filter (where deposit_deferred_at < ${t} and deposit_stored_at < ${t}) as deferred_completed,
        count(*) filter (where deposit_cancelled_at < ${t}) as cancelled
      from projects where permit_date >= ${period.fromDay} and permit_date <= ${period.toDay} and ${inTowns(sql`town`)}
    ), deposit_stores as (
      -- The amounts their ledger stored before the period's end (a later change of the project's
      -- amount, a draw or a top-up does not change what was stored).
      select coalesce(sum(e.amount_fen), 0) as amount
      from project_deposit_events e join projects p on p.id = e.project_id
      where e.action = 'store' and e.created_at < ${t}
        and p.permit_date >= ${period.fromDay} and p.permit_date <= ${period.toDay} and ${inTowns(sql`p.town`)}
    ), rated as (
      -- The claimants' ratings given in the period (claims_rated_at_idx, migration 0014).
      select count(*) as n, coalesce(sum(rating_score), 0) as total
      from claims where rated_at >= ${f} and rated_at < ${t} and ${inTowns(sql`town`)}
    ), enforcement as (
      -- The seed counts police transfers and blacklist applications by enterprise (2 家企业):
      -- distinct employers of the period's events (claim_events_enforcement_idx).
      select count(distinct c.employer_key) filter (where e.type = 'transfer_police') as police,
        count(distinct c.employer_key) filter (where e.type = 'apply_blacklist') as blacklist
      from claim_events e join claims c on c.id = e.claim_id
      where e.type in ('transfer_police', 'apply_blacklist') and e.created_at >= ${f} and e.created_at < ${t} and ${inTowns(sql`c.town`)}
    ), linked as (
      select count(*) as clues from national_clues nc join claims c on c.id = nc.claim_id
      where nc.disposition = 'linked' and nc.received_at >= ${f} and nc.received_at < ${t} and ${inTowns(sql`c.town`)}
    ), outcomes as (
      -- Case outcomes decided in the period (case_outcomes_decided_idx, migration 0021), in the claim's town.
      select coalesce(sum(o.amount_fen) filter (where o.kind = 'social_insurance_order'), 0) as ordered,
        coalesce(sum(o.workers) filter (where o.kind = 'social_insurance_registration'), 0) as registrations
      from case_outcomes o join claims c on c.id = o.claim_id
      where o.decided_at >= ${f} and o.decided_at < ${t} and ${inTowns(sql`c.town`)}
    )
    select
      (daily.clues + linked.clues)::int as clues_received,
      linked.clues::int as clues_linked,
      (select count(distinct k) from (
         select employer_key as k from stats_clue_employers
         where day >= ${period.fromDay}::date and day <= ${period.toDay}::date and clues > 0 and ${inTowns(sql`town`)}
         union all
         select c.employer_key from national_clues nc join claims c on c.id = nc.claim_id
         where nc.disposition = 'linked' and nc.received_at >= ${f} and nc.received_at < ${t} and ${inTowns(sql`c.town`)}
       ) named)::int as clue_employers,
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
      outcomes.ordered::text as social_ordered_fen,
      outcomes.registrations::int as social_registrations,
      daily.police::int as police,
      daily.blacklist::int as blacklist,
      enforcement.police::int as police_enterprises,
      enforcement.blacklist::int as blacklist_enterprises,
      (select count(*) from claims where status = 'submitted' and merged_into_id is null
         and accept_due_at < ${n} and ${inTowns(sql`town`)})::int as overdue_acceptance,
      ((select coalesce(sum(open), 0) from stats_open_due where day < ${period.today}::date and ${inTowns(sql`town`)})
        + (select count(*) from claims where status in (${IN_INVESTIGATION})
           and merged_into_id is null and close_due_at >= ${todayStart} and close_due_at < ${n} and ${inTowns(sql`town`)}))::int
        as overdue_closure,
      deposits.holders::int as deposit_holders,
      deposits.stored::int as deposit_stored,
      deposits.exempt::int as deposit_exempt,
      deposits.deferred::int as deposit_deferred,
      deposits.deferred_completed::int as deposit_deferred_completed,
      deposits.cancelled::int as deposit_cancelled,
      deposit_stores.amount::bigint as deposit_amount,
      rated.n::int as ratings_count,
      rated.total::int as ratings_total
    from daily, registry, deposits, deposit_stores, rated, linked, enforcement, outcomes
  `,
      )
    },
  }
}

export type FiguresRepository = ReturnType<typeof createFiguresRepository>
