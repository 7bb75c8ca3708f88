/**
 * The triage page in one round trip: the queued claims scored in SQL (formula: docs/casework.md),
 * the page's whole rows and the money recovered on each. The statement is prepared under a name
 * derived from its text: the filters used make the text, values are bound.
 */
import { createHash } from 'node:crypto'
import { sql, type SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import type { RawQuery } from '../../../db/client'
import { rowMapper } from '../../../db/rows'
import { claims } from '../../../db/schema/index'
import type { ClaimRow, RecoveredFen } from '../../claims/index'

/** Points of each reason, as the caller's rules weigh them. */
export interface TriageWeights {
  groupCase: number
  overdue: number
  deadlinePerDay: number
  nationalDispatch: number
  blacklistedEmployer: number
  repeatEmployer: number
  recoveryDisputed: number
  amountFenPerPoint: number
  amountMax: number
}

/** What the desk sorts by (TRIAGE_SORTS) and how: the key's SQL over the `scored` row, bigint or text. */
export interface TriageSortSpec {
  sort: 'priority' | 'deadline' | 'amount' | 'workers' | 'reference' | 'employer' | 'received'
  dir: 'asc' | 'desc'
}

/** A search the caller prepared: a phone's keyed hash, its last 4 digits, or text. */
export type TriageSearch = { phoneHash: string } | { phoneLast4: string } | { text: string }

/** The SQL of each sort key (computed per queued claim; timestamps as epoch microseconds). */
const SORT_KEYS: Record<TriageSortSpec['sort'], { sql: string; kind: 'bigint' | 'text' }> = {
  priority: { sql: 'priority::bigint', kind: 'bigint' },
  deadline: { sql: '(extract(epoch from accept_due_at) * 1000000)::bigint', kind: 'bigint' },
  amount: { sql: 'amount_owed_fen::bigint', kind: 'bigint' },
  workers: { sql: 'workers_count::bigint', kind: 'bigint' },
  reference: { sql: 'reference', kind: 'text' },
  employer: { sql: 'employer_name', kind: 'text' },
  received: { sql: '(extract(epoch from created_at) * 1000000)::bigint', kind: 'bigint' },
}

/** Whether a cursor's key is one this sort could have written (a bigint PostgreSQL holds, or short text). */
export function isSortKeyValue(sort: TriageSortSpec['sort'], key: string): boolean {
  if (SORT_KEYS[sort].kind === 'text') return key.length <= 300
  if (!/^-?\d{1,19}$/.test(key)) return false
  const value = BigInt(key)
  return value >= -(2n ** 63n) && value < 2n ** 63n
}

export interface TriagePageQuery {
  /** undefined: any status (one claim's priority, `claimId`). */
  status: string | undefined
  claimId?: string | undefined
  search?: TriageSearch | undefined
  sort?: TriageSortSpec | undefined
  /** The jurisdiction's towns; undefined = every town. */
  towns: readonly string[] | undefined
  town?: string | undefined
  source?: string | undefined
  employerKey?: string | undefined
  /** true: only past the deadline; false: only within it. */
  overdue?: boolean | undefined
  /** The instant every page of one walk through the queue is scored at. */
  asOf: Date
  /** Keyset position: rows strictly after it in the sort (key as text; the priority when sorting by it). */
  after?: { key: string; id: string } | undefined
  limit: number
  weights: TriageWeights
}

export interface TriagePageRow {
  claim: ClaimRow
  priority: number
  /** The row's sort key as text (for the next cursor). */
  sortKey: string
  /** claim_groups.workers_total of the claim's group (0 without one): declared figures. */
  groupWorkersTotal: number
  /** The workers the system can count for the claim and its group (what the group-case points weigh). */
  countedWorkers: number
  repeatEmployer: boolean
  blacklisted: boolean
  /** The claimant disputes a recorded payment that is not settled yet (recovery_disputes). */
  recoveryDisputed: boolean
  recovered: RecoveredFen
}

interface PageRow {
  t_row: string
  t_sort_key: string
  t_priority: number | string
  t_group_workers: number | string
  t_counted: number | string
  t_repeat_employer: boolean
  t_blacklisted: boolean
  t_disputed: boolean
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

export function triageQueries(run: RawQuery) {
  return {
    /** One page of the queue, highest priority first; `more` when rows follow it. */
    async triagePage(query: TriagePageQuery): Promise<{ rows: TriagePageRow[]; more: boolean }> {
      const { asOf, after, limit, towns } = query
      const P = query.weights
      // Status, towns and source are written into the text (codes only, see `code`): the statement is
      // prepared per text and its plan then fits the queue — with parameters, the generic plan guessed
      // thousands of rows and chose parallel scans and hash joins for a 300-claim queue.
      const filters: SQL[] = [sql`c.merged_into_id is null`]
      if (query.status !== undefined) filters.push(sql`c.status = ${code(query.status)}`)
      if (query.claimId !== undefined) filters.push(sql`c.id = ${query.claimId}::uuid`)
      const search = query.search
      if (search && 'phoneHash' in search) filters.push(sql`c.claimant_phone_hash = ${search.phoneHash}`)
      if (search && 'phoneLast4' in search) filters.push(sql`right(c.claimant_phone_masked, 4) = ${search.phoneLast4}`)
      if (search && 'text' in search) {
        // Reference, employer and claimant name are stored in clear (DOMAIN.md): no row is decrypted.
        const like = `%${search.text.replace(/[%_\\]/g, '\\$&')}%`
        filters.push(sql`(c.reference ilike ${like} or c.employer_name ilike ${like} or c.claimant_name ilike ${like})`)
      }
      if (towns !== undefined) filters.push(sql`c.town in (${sql.join(towns.map(code), sql`, `)})`)
      if (query.town) filters.push(sql`c.town = ${code(query.town)}`)
      if (query.source) filters.push(sql`c.source = ${code(query.source)}`)
      if (query.employerKey !== undefined) filters.push(sql`c.employer_key = ${query.employerKey}`)
      // A clue dispatched by the national platform carries the platform's own deadline; the earlier
      // of the two is the one that counts (docs/casework.md, docs/national-platform.md).
      const dueSql = sql`least(c.accept_due_at, coalesce(c.national_due_at, c.accept_due_at))`
      if (query.overdue === true) filters.push(sql`${dueSql} < ${asOf.toISOString()}::timestamptz`)
      if (query.overdue === false) filters.push(sql`${dueSql} >= ${asOf.toISOString()}::timestamptz`)
      const asOfSql = sql`${asOf.toISOString()}::timestamptz`
      const key = SORT_KEYS[query.sort?.sort ?? 'priority']
      const dir = query.sort?.dir ?? 'desc'

      // Group workers, repeat and blacklisted employers come from totals the database keeps
      // (claim_groups.workers_total, employers.claims_count: migration 0010): one index probe into each
      // table per queued claim instead of summing the group's and the employer's claims for every one.
      // Written as scalar subqueries so they stay probes: as joins, the planner read the whole
      // employers table into a hash for a 300-claim queue (EXPLAIN on 100,000 claims: 15 ms of 30).
      // `materialized`: each probe runs once per queued claim, not once per use of its result.
      //
      // The group-case points weigh only workers the system can count (docs/security.md):
      // per claim, the claimant and the co-workers they named, or the count an inspector confirmed
      // (a clue from the national platform carries the platform's count); per group, each distinct
      // claimant once (their largest such count) — so one worker filing many claims with a huge
      // declared workersCount is one worker, and a declared figure counts once confirmed.
      const counted = (x: string) =>
        sql.raw(
          `(case when ${x}.workers_count_confirmed is not null then ${x}.workers_count_confirmed ` +
            `when ${x}.source <> 'miniprogram' then ${x}.workers_count else 1 + jsonb_array_length(${x}.co_workers) end)`,
        )
      const ranked = sql`
    with base as materialized (
      select c.id, c.source, c.amount_owed_fen, ${dueSql} as accept_due_at, c.group_id, ${counted('c')} as counted_workers,
        c.reference, c.employer_name, c.workers_count, c.created_at,
        coalesce((select g.workers_total from claim_groups g where g.id = c.group_id), 0) as group_workers,
        coalesce((select (e.claims_count > 1)::int + 2 * (e.blacklist_status <> 'none')::int
                  from employers e where e.key = c.employer_key), 0) as employer_flags,
        exists (select 1 from recovery_disputes d where d.claim_id = c.id and d.resolved_at is null) as disputed
      from claims c
      where ${sql.join(filters, sql` and `)}
    ), groups as materialized (
      select g.gid, (select coalesce(sum(per_claimant.w), 0) from (
          select max(${counted('x')}) as w from claims x
          where x.group_id = g.gid and x.merged_into_id is null and x.status not in ('rejected', 'withdrawn')
          group by coalesce(x.claimant_user_id::text, x.claimant_id_hash, x.claimant_phone_hash, x.id::text)
        ) per_claimant)::int as group_counted
      from (select distinct group_id as gid from base where group_id is not null) g
    ), flagged as (
      select base.*, greatest(base.counted_workers, coalesce(groups.group_counted, 0)) as counted,
        employer_flags & 1 = 1 as repeat_employer, employer_flags & 2 = 2 as blacklisted
      from base left join groups on groups.gid = base.group_id
    ), scored as (
      select id, group_workers, counted, repeat_employer, blacklisted, disputed,
        accept_due_at, amount_owed_fen, workers_count, reference, employer_name, created_at,
        ((case when counted >= 5 then ${n(P.groupCase)} else 0 end)
        + (case when accept_due_at < ${asOfSql} then ${n(P.overdue)}
                else greatest(0, 5 - ceil(extract(epoch from (accept_due_at - ${asOfSql})) / 86400))::int * ${n(P.deadlinePerDay)} end)
        + least(${n(P.amountMax)}, amount_owed_fen / ${n(P.amountFenPerPoint)})::int
        + (case when repeat_employer then ${n(P.repeatEmployer)} else 0 end)
        + (case when blacklisted then ${n(P.blacklistedEmployer)} else 0 end)
        + (case when disputed then ${n(P.recoveryDisputed)} else 0 end)
        + (case when source = 'national_platform' then ${n(P.nationalDispatch)} else 0 end))::int as priority
      from flagged
    )
    , keyed as (select scored.*, ${sql.raw(key.sql)} as sort_key from scored)
    select id, priority, group_workers, counted, repeat_employer, blacklisted, disputed, sort_key from keyed
    ${after ? sql`where (sort_key, id) ${sql.raw(dir === 'desc' ? '<' : '>')} (${after.key}::${sql.raw(key.kind)}, ${after.id}::uuid)` : sql``}
    order by sort_key ${sql.raw(dir)}, id ${sql.raw(dir)}
    limit ${n(limit + 1)}`
      // The page's whole rows and the money recovered on each, in the same round trip.
      const statement = sql`
    with page as (${ranked})
    select page.sort_key::text as t_sort_key, page.priority as t_priority, page.group_workers as t_group_workers, page.counted as t_counted, page.repeat_employer as t_repeat_employer,
      page.blacklisted as t_blacklisted, page.disputed as t_disputed, m.wages as t_wages, m.compensation as t_compensation, m.indemnity as t_indemnity,
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
    order by page.sort_key ${sql.raw(dir)}, page.id ${sql.raw(dir)}`
      // Prepared per text (the filters used make the text, values are bound): planning this statement
      // cost more than running it on a 300-claim queue (EXPLAIN, docs/casework.md).
      const built = dialect.sqlToQuery(statement)
      const name = `huxin_triage_${createHash('sha1').update(built.sql).digest('hex').slice(0, 20)}`
      const result = await run<PageRow>(built.sql, built.params, name)
      const rows = result.rows.slice(0, limit).map(
        (raw): TriagePageRow => ({
          // One JSON text per claim: parsed natively, much cheaper than the driver's per-column parsing.
          claim: toClaimRow(JSON.parse(raw.t_row) as Record<string, unknown>),
          priority: Number(raw.t_priority),
          sortKey: raw.t_sort_key,
          groupWorkersTotal: Number(raw.t_group_workers),
          countedWorkers: Number(raw.t_counted),
          repeatEmployer: raw.t_repeat_employer,
          blacklisted: raw.t_blacklisted,
          recoveryDisputed: raw.t_disputed,
          recovered: {
            wages: Number(raw.t_wages),
            compensation: Number(raw.t_compensation),
            indemnity: Number(raw.t_indemnity),
            socialInsurance: Number(raw.t_social_insurance),
          },
        }),
      )
      return { rows, more: result.rows.length > limit }
    },

    /**
     * The desk's header figures in one statement: filed since `dayStart` (any status), awaiting
     * acceptance, and awaiting past the deadline that counts (as the queue's `overdue` filter).
     */
    async triageCounts(query: { towns: readonly string[] | undefined; dayStart: Date; now: Date }) {
      const filters: SQL[] = [sql`c.merged_into_id is null`, sql`(c.status = 'submitted' or c.created_at >= ${query.dayStart.toISOString()}::timestamptz)`]
      if (query.towns !== undefined) filters.push(sql`c.town in (${sql.join(query.towns.map(code), sql`, `)})`)
      const statement = sql`
    select count(*) filter (where c.created_at >= ${query.dayStart.toISOString()}::timestamptz)::int as received_today,
      count(*) filter (where c.status = 'submitted')::int as awaiting,
      count(*) filter (where c.status = 'submitted'
        and least(c.accept_due_at, coalesce(c.national_due_at, c.accept_due_at)) < ${query.now.toISOString()}::timestamptz)::int as overdue
    from claims c where ${sql.join(filters, sql` and `)}`
      const built = dialect.sqlToQuery(statement)
      const result = await run<{ received_today: number | string; awaiting: number | string; overdue: number | string }>(built.sql, built.params)
      const row = result.rows[0]
      return { receivedToday: Number(row?.received_today ?? 0), awaiting: Number(row?.awaiting ?? 0), overdue: Number(row?.overdue ?? 0) }
    },
  }
}
