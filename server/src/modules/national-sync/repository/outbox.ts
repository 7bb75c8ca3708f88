/**
 * The transactional outbox (docs/national-platform.md, "Sync engine"), national_outbox: messages
 * are appended in the transaction of the change they report and leased by the send loops with
 * `FOR UPDATE SKIP LOCKED`. Every write of an outcome is fenced by `attempts`, so a worker whose
 * lease ran out (and whose row another worker took) cannot overwrite the newer attempt's result.
 */
import { randomUUID } from 'node:crypto'
import { and, countDistinct, eq, inArray, sql, sum } from 'drizzle-orm'
import type { Database, Executor } from '../../../db/client'
import { rawRow, rawRows } from '../../../db/raw'
import { recoveries } from '../../../db/schema/index'
import type { AckPayload, OutboxKind, ProgressPayload, RegisterPayload, ResultPayload } from '../protocol'

export interface NationalMessageInput {
  claimId: string
  kind: OutboxKind
  payload: RegisterPayload | ProgressPayload | ResultPayload | AckPayload | Record<string, unknown>
}

/**
 * Inserts one outbox row inside the caller's transaction; its `seq` follows the claim's last one.
 * The caller must hold the claim's row lock (`claims.lockById`) — every status transition does —
 * so two transactions never race for the same `seq` (the unique (claim_id, seq) would refuse one).
 */
export async function enqueueNationalMessage(tx: Executor, input: NationalMessageInput): Promise<{ messageId: string; seq: number }> {
  const messageId = randomUUID()
  const row = await rawRow<{ seq: number }>(
    tx,
    sql`
    insert into national_outbox (claim_id, seq, kind, payload, message_id)
    select ${input.claimId}::uuid, coalesce(max(seq), 0) + 1, ${input.kind}, ${JSON.stringify(input.payload)}::jsonb, ${messageId}::uuid
    from national_outbox where claim_id = ${input.claimId}::uuid
    returning seq`,
  )
  const seq = row?.seq
  if (seq === undefined) throw new Error('outbox insert returned nothing')
  return { messageId, seq: Number(seq) }
}

/** A row reserved for one send attempt, with the clue id its claim carries (if any). */
export interface ClaimedRow {
  id: number
  claimId: string
  seq: number
  kind: OutboxKind
  payload: Record<string, unknown>
  messageId: string
  attempts: number
  clueId: string | null
}

/** A delivered attempt; `clueId` is the clue id a registration brought back, to keep on the claim. */
export interface SentAttempt {
  id: number
  attempts: number
  response: unknown
  claimId: string
  clueId: string | null
}

/** A failed attempt: parked as failed, or due again after `delayMs`. */
export interface FailedAttempt {
  id: number
  attempts: number
  park: boolean
  delayMs: number
  error: string
}

export interface OutboxDepth {
  pending: number
  failed: number
  oldestPendingAt: Date | null
}

/** A parked message, for the admin list. */
export interface FailedMessage {
  id: number
  claimId: string
  seq: number
  kind: OutboxKind
  messageId: string
  attempts: number
  lastError: string | null
  createdAt: string
}

export function outboxQueries(db: Database) {
  return {
    /** Up to `limit` due rows, each the oldest unsent of its claim, reserved for `leaseSeconds`. */
    async claimBatch(limit: number, leaseSeconds: number, tx: Executor = db): Promise<ClaimedRow[]> {
      const rows = await rawRows<{
        id: number | string
        claim_id: string
        seq: number
        kind: OutboxKind
        payload: Record<string, unknown>
        message_id: string
        attempts: number
        clue_id: string | null
      }>(
        tx,
        sql`
      with ready as (
        select o.id from national_outbox o
        where o.status in ('pending', 'sending')
          and o.next_attempt_at <= now()
          and (o.status = 'pending' or o.locked_until < now())
          and not exists (
            select 1 from national_outbox p
            where p.claim_id = o.claim_id and p.seq < o.seq and p.status <> 'sent')
        order by o.next_attempt_at, o.id
        limit ${limit}
        for update of o skip locked
      )
      update national_outbox o
      set status = 'sending', attempts = o.attempts + 1, locked_until = now() + make_interval(secs => ${leaseSeconds})
      from ready
      where o.id = ready.id
      returning o.id::int8 as id, o.claim_id, o.seq, o.kind, o.payload, o.message_id, o.attempts,
        (select c.national_clue_id from claims c where c.id = o.claim_id) as clue_id`,
      )
      return rows.map((r) => ({
        id: Number(r.id),
        claimId: r.claim_id,
        seq: Number(r.seq),
        kind: r.kind,
        payload: r.payload,
        messageId: r.message_id,
        attempts: Number(r.attempts),
        clueId: r.clue_id,
      }))
    },

    /** Marks the rows sent and, in the same transaction, gives registered claims their clue ids. */
    async recordSent(sent: SentAttempt[]): Promise<void> {
      if (sent.length === 0) return
      const rows = sent.map((s) => ({ id: s.id, attempts: s.attempts, response: s.response, claim_id: s.claimId, clue_id: s.clueId }))
      await db.transaction(async (tx) => {
        await tx.execute(sql`
          update national_outbox o
          set status = 'sent', sent_at = now(), locked_until = null, last_error = null, response = v.response
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id bigint, attempts int, response jsonb)
          where o.id = v.id and o.attempts = v.attempts and o.status = 'sending'`)
        const registered = rows.filter((s) => s.clue_id !== null)
        if (registered.length > 0) {
          await tx.execute(sql`
            update claims c set national_clue_id = v.clue_id
            from jsonb_to_recordset(${JSON.stringify(registered)}::jsonb) as v(claim_id uuid, clue_id text)
            where c.id = v.claim_id and c.national_clue_id is null`)
        }
      })
    },

    /** Parks the rows as failed or makes them due again after their delay. */
    async recordFailed(failed: FailedAttempt[], tx: Executor = db): Promise<void> {
      if (failed.length === 0) return
      const rows = failed.map((f) => ({ id: f.id, attempts: f.attempts, park: f.park, delay_ms: f.delayMs, error: f.error }))
      await tx.execute(sql`
        update national_outbox o
        set status = case when v.park then 'failed' else 'pending' end,
            next_attempt_at = now() + make_interval(secs => v.delay_ms / 1000.0),
            locked_until = null,
            last_error = v.error
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id bigint, attempts int, park boolean, delay_ms int, error text)
        where o.id = v.id and o.attempts = v.attempts and o.status = 'sending'`)
    },

    /** Rows still to send, parked rows, and when the oldest row still to send was written. */
    async depth(tx: Executor = db): Promise<OutboxDepth> {
      const pending = await rawRow<{ n: number | string; oldest: Date | string | null }>(
        tx,
        sql`select count(*)::int as n, min(created_at) as oldest from national_outbox where status in ('pending', 'sending')`,
      )
      const failed = await rawRow<{ n: number | string }>(tx, sql`select count(*)::int as n from national_outbox where status = 'failed'`)
      const oldest = pending?.oldest
      return {
        pending: Number(pending?.n ?? 0),
        failed: Number(failed?.n ?? 0),
        oldestPendingAt: oldest ? new Date(oldest) : null,
      }
    },

    /** Failed (parked) messages, newest first. */
    async listFailed(limit: number, tx: Executor = db): Promise<FailedMessage[]> {
      const rows = await rawRows<{
        id: number | string
        claim_id: string
        seq: number
        kind: OutboxKind
        message_id: string
        attempts: number
        last_error: string | null
        created_at: Date | string
      }>(
        tx,
        sql`
    select id::int8 as id, claim_id, seq, kind, message_id, attempts, last_error, created_at
    from national_outbox where status = 'failed' order by id desc limit ${limit}`,
      )
      return rows.map((r) => ({
        id: Number(r.id),
        claimId: r.claim_id,
        seq: Number(r.seq),
        kind: r.kind,
        messageId: r.message_id,
        attempts: Number(r.attempts),
        lastError: r.last_error,
        createdAt: new Date(r.created_at).toISOString(),
      }))
    },

    /** The parked row is due again with a fresh attempt budget. False when no such failed row. */
    async retryFailed(id: number, tx: Executor = db): Promise<boolean> {
      const rows = await rawRows<{ id: number | string }>(
        tx,
        sql`
    update national_outbox set status = 'pending', attempts = 0, next_attempt_at = now(), last_error = null
    where id = ${id} and status = 'failed' returning id`,
      )
      return rows.length > 0
    },

    /**
     * What was recovered for a claim's workers (wages, compensation, indemnity) and how many
     * distinct workers the per-worker rows name, for the result message of a closing change.
     * Reversals (negative rows, migration 0018) are deducted: a worker whose payments were all
     * reversed is not counted as paid.
     */
    async recoveredFor(claimId: string, tx: Executor = db): Promise<{ amountFen: number; workersNamed: number }> {
      const paidWorkers = tx
        .select({ name: recoveries.workerName })
        .from(recoveries)
        .where(and(eq(recoveries.claimId, claimId), inArray(recoveries.kind, ['wages', 'compensation', 'indemnity'])))
        .groupBy(recoveries.workerName)
        .having(sql`sum(${recoveries.amountFen}) > 0`)
        .as('paid_workers')
      const [paid] = await tx
        .select({ fen: sum(recoveries.amountFen) })
        .from(recoveries)
        .where(and(eq(recoveries.claimId, claimId), inArray(recoveries.kind, ['wages', 'compensation', 'indemnity'])))
      const [named] = await tx.select({ workers: countDistinct(paidWorkers.name) }).from(paidWorkers)
      return { amountFen: Math.max(0, Number(paid?.fen ?? 0)), workersNamed: Number(named?.workers ?? 0) }
    },
  }
}
