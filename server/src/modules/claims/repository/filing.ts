/**
 * Filing: the per-day reference numbers and the one statement that stores a batch of new claims
 * with their first event, idempotency keys and first national-platform message.
 */
import { randomUUID } from 'node:crypto'
import { getTableColumns, sql } from 'drizzle-orm'
import type { Database, RawQuery } from '../../../db/client'
import { claimEvents, claims, referenceCounters } from '../../../db/schema/index'
import { createTickBatcher } from '../../../lib/tick-batcher'
import { registerPayload } from '../../national-sync/index'
import type { ClaimEventRow, ClaimRow } from './records'

/**
 * Hands out per-day reference numbers. Low traffic takes one number per claim (contiguous); when
 * a block is used up within a second the next block doubles (up to 64), so a burst of filings
 * does not queue on the counter row. Numbers are unique across processes, not gapless: a
 * restart forfeits the rest of a block.
 */
function createReferenceAllocator(db: Database) {
  const blocks = new Map<string, { next: number; last: number; size: number; takenAt: number }>()
  const pending = new Map<string, Promise<void>>()

  async function reserve(day: string): Promise<void> {
    const previous = blocks.get(day)
    const busy = previous !== undefined && Date.now() - previous.takenAt < 1_000
    const size = previous ? (busy ? Math.min(previous.size * 2, 64) : Math.max(1, Math.floor(previous.size / 2))) : 1
    const [row] = await db
      .insert(referenceCounters)
      .values({ day, last: size })
      .onConflictDoUpdate({ target: referenceCounters.day, set: { last: sql`${referenceCounters.last} + ${size}` } })
      .returning({ last: referenceCounters.last })
    if (!row) throw new Error('reference counter did not return a value')
    blocks.set(day, { next: row.last - size + 1, last: row.last, size, takenAt: Date.now() })
    for (const key of blocks.keys()) if (key < day) blocks.delete(key)
  }

  return {
    async next(isoDay: string): Promise<string> {
      const day = isoDay.replaceAll('-', '')
      for (;;) {
        const block = blocks.get(day)
        if (block && block.next <= block.last) {
          const n = block.next++
          return `JK-${day}-${String(n).padStart(4, '0')}`
        }
        let wait = pending.get(day)
        if (!wait) {
          wait = reserve(day).finally(() => pending.delete(day))
          pending.set(day, wait)
        }
        await wait
      }
    },
  }
}

/**
 * The statement behind `insertFiled`, written once from the schema's own column list (building it
 * with the query builder on every filing cost about 1 ms of CPU: tests/bench).
 *
 * One statement stores a whole BATCH of filings (see `createFilingBatcher`), each atomically with
 * its key, so there is no window in which a claim exists without its idempotency key or the other
 * way round. Per filing (a row of `i`):
 *  - `w` counts the worker's filings of the last hour and day (`huxin_filings_of`, migration 0014,
 *    which locks the worker) plus their earlier ones in this batch; `l` says whether the worker's
 *    filing limits allow one more (`allowed`; a refused filing stores nothing, not even its key).
 *    Staff filing on a worker's behalf (scope `staff:<id>`) is not limited and locks nothing;
 *  - `l` takes a transaction-scoped advisory lock on the key without waiting: a second request
 *    with the same key while the first is still running finds it taken (→ 409, in flight);
 *  - `k` records the key of an allowed filing, unless a finished request already did (→ replay or 422);
 *  - `c` and `e` insert the claim and its first event only for the keys `k` inserted;
 *  - `o` writes each new claim's first national-platform message (register, seq 1) into the
 *    outbox (modules/national-sync/outbox.ts), in the same statement and so the same transaction.
 * The batcher never puts one key twice into a batch, so `k` cannot skip a key of its own batch.
 */
const INSERT_FILED = (() => {
  const claimColumns = Object.entries(getTableColumns(claims))
  const eventColumns = Object.entries(getTableColumns(claimEvents))
  // The rows travel as one JSON document keyed by column name; PostgreSQL turns each into a typed
  // row. One parameter instead of fifty per filing: much less work in the driver. Null columns are
  // left out (a new claim has some thirty): jsonb_populate_record over a null row gives them null
  // all the same, and the document is a third shorter to write and to parse.
  const toDocument = (columns: [string, { name: string }][], row: Record<string, unknown>) => {
    const document: Record<string, unknown> = {}
    for (const [property, column] of columns) {
      const value = row[property]
      if (value !== null && value !== undefined) document[column.name] = value
    }
    return document
  }
  const text =
    `with i as (select * from jsonb_to_recordset($1::jsonb) as t(n int, c jsonb, e jsonb, scope text, key text, hash text, o jsonb, m text)), ` +
    // The worker's filings of the last hour and day (function of migration 0014: it locks the
    // worker first, so concurrent statements cannot both slip under the limit), plus their
    // earlier filings in this batch (`rank`).
    `w as (select i.*, f.hour_n, f.hour_oldest, f.day_n, f.day_oldest, (row_number() over (partition by i.scope order by i.n))::int as rank ` +
    `from i cross join lateral huxin_filings_of(case when i.scope like 'staff:%' then null else i.scope::uuid end, (i.c ->> 'created_at')::timestamptz) f), ` +
    `l as (select w.*, pg_try_advisory_xact_lock(hashtextextended(w.scope || ':' || w.key, 0)) as got, ` +
    `(w.scope like 'staff:%' or (w.hour_n + w.rank <= $2::int and w.day_n + w.rank <= $3::int)) as allowed from w), ` +
    `k as (insert into "idempotency_keys" ("scope", "key", "request_hash", "state", "claim_id") ` +
    `select scope, key, hash, 'done', (c ->> 'id')::uuid from l where got and allowed on conflict do nothing returning scope, key), ` +
    `lk as (select l.c, l.e, l.o, l.m from l join k using (scope, key)), ` +
    `c as (insert into "claims" select r.* from lk, jsonb_populate_record(null::"claims", lk.c) r), ` +
    `e as (insert into "claim_events" select r.* from lk, jsonb_populate_record(null::"claim_events", lk.e) r), ` +
    // The claims' groups and employers are registered on first sight, with their totals, by the
    // claims' insert trigger (migration 0010; ids md5-derived as in lib/ids), once per statement.
    `o as (insert into "national_outbox" ("claim_id", "seq", "kind", "payload", "message_id") ` +
    `select (lk.c ->> 'id')::uuid, 1, 'register', lk.o, lk.m::uuid from lk) ` +
    // The workers of each new claim's group (group case at 5, docs/casework.md): the group's total
    // before this statement (claim_groups.workers_total, kept by the claims triggers of migration
    // 0010, which run after it) plus the group's filings in this batch — in the same round trip.
    `select l.n, l.got, l.allowed, l.rank, l.hour_n, l.day_n, l.hour_oldest, l.day_oldest, ` +
    `exists (select 1 from k where k.scope = l.scope and k.key = l.key) as inserted, ` +
    `coalesce((select cg.workers_total from "claim_groups" cg where cg.id = (l.c ->> 'group_id')::uuid), 0)::int + ` +
    `(select coalesce(sum((x.c ->> 'workers_count')::int), 0) from lk x where x.c ->> 'group_id' = l.c ->> 'group_id')::int ` +
    `as group_workers from l`
  return {
    text,
    document: (n: number, filing: PendingFiling) => ({
      n,
      c: toDocument(claimColumns, filing.claim),
      e: toDocument(eventColumns, filing.event),
      scope: filing.key.scope,
      key: filing.key.key,
      hash: filing.key.requestHash,
      o: registerPayload(filing.claim),
      m: randomUUID(),
    }),
  }
})()

interface PendingFiling {
  claim: ClaimRow
  event: ClaimEventRow
  key: IdempotencyKeyRef
}

/** Largest number of filings in one statement. */
const MAX_BATCH = 64

/**
 * Group commit for filings (lib/tick-batcher.ts): requests that reach the insert in the same turn
 * of the event loop are stored by one statement, one round trip, one plan execution and one WAL
 * flush for the lot instead of one each — under load about 2.5 times the filings per second
 * (tests/bench). A key twice in one batch would file twice: the second waits for the next batch
 * and then finds the first one's key (→ replay).
 */
function createFilingBatcher(query: RawQuery, limits: FilingLimits) {
  const file = createTickBatcher<PendingFiling, Filed>({
    maxBatch: MAX_BATCH,
    keyOf: (filing) => `${filing.key.scope}\u0000${filing.key.key}`,
    async run(batch) {
      // Sorted by worker, so statements lock workers (huxin_filings_of) in one order: no deadlock.
      const documents = batch
        .map((filing, n) => INSERT_FILED.document(n, filing))
        .sort((a, b) => (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : a.n - b.n))
      const { rows } = await query<FiledRow>(INSERT_FILED.text, [JSON.stringify(documents), limits.perHour, limits.perDay], 'huxin_insert_filed_claims')
      const outcomes: (Filed | undefined)[] = batch.map(() => undefined)
      for (const row of rows) {
        const filing = batch[row.n]
        if (!filing) continue
        const groupWorkers = Number(row.group_workers)
        if (!row.got) outcomes[row.n] = { outcome: 'in_flight', groupWorkers }
        else if (row.inserted) outcomes[row.n] = { outcome: 'created', groupWorkers }
        else if (!row.allowed) outcomes[row.n] = { outcome: 'limited', groupWorkers, limit: refusal(row, limits, filing.claim.createdAt) }
        else outcomes[row.n] = { outcome: 'exists', groupWorkers }
      }
      return outcomes
    },
  })
  return (claim: ClaimRow, event: ClaimEventRow, key: IdempotencyKeyRef) => file({ claim, event, key })
}

interface FiledRow {
  n: number
  got: boolean
  allowed: boolean
  rank: number
  hour_n: number
  day_n: number
  hour_oldest: string | Date | null
  day_oldest: string | Date | null
  inserted: boolean
  group_workers: number | string
}

const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000

/**
 * Which window refused a filing and when to try again: when the oldest filing of that window
 * leaves it (a lower bound when several of the batch were refused; the next try says again).
 */
function refusal(row: FiledRow, limits: FilingLimits, at: Date): FilingRefusal {
  const wait = (oldest: string | Date | null, windowMs: number) =>
    oldest === null ? windowMs : new Date(oldest).getTime() + windowMs - at.getTime()
  const overDay = row.day_n + row.rank > limits.perDay
  const overHour = row.hour_n + row.rank > limits.perHour
  const ms = Math.max(overHour ? wait(row.hour_oldest, HOUR_MS) : 0, overDay ? wait(row.day_oldest, DAY_MS) : 0)
  return { window: overDay ? 'day' : 'hour', max: overDay ? limits.perDay : limits.perHour, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) }
}

/** Most filings per worker in any hour and any 24 hours (config: HUXIN_FILING_MAX_PER_HOUR / _PER_DAY). */
export interface FilingLimits {
  perHour: number
  perDay: number
}

/** No limit: the largest counts PostgreSQL's int holds. */
export const NO_FILING_LIMITS: FilingLimits = { perHour: 2_147_483_647, perDay: 2_147_483_647 }

export interface FilingRefusal {
  window: 'hour' | 'day'
  max: number
  retryAfterSeconds: number
}

export interface IdempotencyKeyRef {
  scope: string
  key: string
  requestHash: string
}

/**
 * `created`: stored. `in_flight`: the same key is being filed right now. `exists`: filed before.
 * `limited`: not stored, the worker's filing limit is reached (`limit`) — unless the key was filed
 * before, which the caller checks (a replay never counts as a new filing).
 */
export type FiledOutcome = 'created' | 'in_flight' | 'exists' | 'limited'

/** What the filing statement says of one filing; `groupWorkers` counts for a created claim. */
export interface Filed {
  outcome: FiledOutcome
  groupWorkers: number
  limit?: FilingRefusal
}

export function createFilingQueries(db: Database, query: RawQuery, limits: FilingLimits = NO_FILING_LIMITS) {
  const allocator = createReferenceAllocator(db)
  return {
    /**
     * Next human reference for a Shanghai calendar day, `JK-YYYYMMDD-NNNN`. Numbers are taken
     * from the day's counter row in blocks (see `createReferenceAllocator`), so the hot row is
     * touched once per block, not once per claim.
     */
    nextReference: (day: string) => allocator.next(day),

    /**
     * Stores a newly filed claim, its first timeline event and its idempotency key atomically,
     * batched with the other filings of the same event-loop turn (`createFilingBatcher`).
     */
    insertFiled: createFilingBatcher(query, limits),
  }
}
