/**
 * The national-platform sync engine (docs/national-platform.md): send loops that drain the
 * outbox, a pull loop for dispatched clues, and the daily reconciliation. Runs inside `npm start`
 * or alone as `npm run worker`; any number of engines may run against one database.
 *
 * Delivery guarantees, and what gives each:
 * - nothing lost: a row leaves `pending` only for `sent` or (after N attempts) `failed`; a worker
 *   killed mid-send leaves its rows `sending` under a lease, and when the lease runs out another
 *   worker takes them again;
 * - nothing doubled: rows are claimed with `FOR UPDATE SKIP LOCKED` and a lease, so two workers
 *   never hold the same row; a resend after a crash or a lost answer carries the same messageId,
 *   which the platform deduplicates; results are written only by the holder of the current attempt;
 * - causal order per claim: a row is claimed only when every earlier row of its claim is sent.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'drizzle-orm'
import type { FastifyBaseLogger } from 'fastify'
import { NationalPlatformError, type NationalPort, type OutboundMessage } from './adapter'
import type { Database } from '../../db/client'
import { mapStatusToProgress, type DispatchedClue, type OutboxKind, type PlatformClueView } from './protocol'
import type { PiiCipher } from '../pii/index'
import type { ClaimsRepository } from '../claims/index'
import type { WorkingDayCalendar } from '../calendar/index'
import { backoffDelayMs } from '../../lib/backoff'
import { InvalidClueError, receiveClue } from './inbox'
import { readState, writeState } from './state'

export interface SyncEngineOptions {
  /** Send loops running side by side (each claims its own batch). */
  concurrency: number
  batchSize: number
  /** Messages per request (the platform's batch endpoint); 1 = one request per message. */
  sendBatchSize?: number
  maxAttempts: number
  backoffBaseMs: number
  backoffCapMs: number
  /** How long a claimed row stays reserved; must exceed the adapter's request timeout. */
  leaseMs: number
  pullIntervalMs: number
  /** Page size of a pull. Default 100. */
  pullLimit?: number
  /** Wait when the outbox has nothing due. Default 500. */
  idlePollMs?: number
  /** Default 24 h; 0 = never on its own. */
  reconcileIntervalMs?: number
  /** Whether `start()` runs the pull loop. Default true. */
  pull?: boolean
}

export interface SyncEngineDeps {
  db: Database
  claims: ClaimsRepository
  pii: PiiCipher
  calendar: WorkingDayCalendar
  port: NationalPort
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>
}

interface ClaimedRow {
  id: number
  claimId: string
  seq: number
  kind: OutboxKind
  payload: Record<string, unknown>
  messageId: string
  attempts: number
  clueId: string | null
}

interface Sent {
  id: number
  attempts: number
  response: unknown
  kind: OutboxKind
  claim_id: string
  clue_id: string | null
}

interface Failed {
  id: number
  attempts: number
  park: boolean
  delay_ms: number
  error: string
}

export interface SyncStatus {
  outboxPending: number
  failed: number
  lastPullAt: string | null
  lastPushAt: string | null
  lagSeconds: number
}

export interface Mismatch {
  kind: 'missing_on_platform' | 'missing_locally' | 'progress_differs' | 'unknown_locally'
  clueId: string
  claimId: string | null
  local: string | null
  platform: string | null
}

export interface ReconciliationReport {
  checkedAt: string
  platformClues: number
  localClues: number
  /** Claims with messages still on their way: not compared. */
  inFlight: number
  mismatches: Mismatch[]
}

type Rows<T> = { rows: T[] }

export function createSyncEngine(deps: SyncEngineDeps, options: SyncEngineOptions) {
  const { db, port, log } = deps
  const idlePollMs = options.idlePollMs ?? 500
  const leaseSeconds = Math.max(1, Math.ceil(options.leaseMs / 1000))
  let stopping: AbortController | undefined
  const loops: Promise<void>[] = []
  let lastPushWrite = 0

  /** Up to `limit` due rows, each the oldest unsent of its claim, reserved for this worker. */
  async function claimBatch(limit: number): Promise<ClaimedRow[]> {
    const result = (await db.execute(sql`
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
        (select c.national_clue_id from claims c where c.id = o.claim_id) as clue_id`)) as unknown as Rows<{
      id: number | string
      claim_id: string
      seq: number
      kind: OutboxKind
      payload: Record<string, unknown>
      message_id: string
      attempts: number
      clue_id: string | null
    }>
    return result.rows.map((r) => ({
      id: Number(r.id),
      claimId: r.claim_id,
      seq: Number(r.seq),
      kind: r.kind,
      payload: r.payload,
      messageId: r.message_id,
      attempts: Number(r.attempts),
      clueId: r.clue_id,
    }))
  }

  type Outcome = { ok: true; sent: Sent } | { ok: false; failed: Failed }

  const succeeded = (row: ClaimedRow, response: unknown, clueId: string | null): Outcome => ({
    ok: true,
    sent: { id: row.id, attempts: row.attempts, response, kind: row.kind, claim_id: row.claimId, clue_id: clueId },
  })

  const delivered = (row: ClaimedRow, data: Record<string, unknown>): Outcome =>
    succeeded(row, data, row.kind === 'register' && typeof data.clueId === 'string' ? data.clueId : null)

  function failedWith(row: ClaimedRow, error: unknown): Outcome {
    const retryable = error instanceof NationalPlatformError ? error.retryable : true
    const park = !retryable || row.attempts >= options.maxAttempts
    const message = error instanceof Error ? error.message : String(error)
    return {
      ok: false,
      failed: {
        id: row.id,
        attempts: row.attempts,
        park,
        delay_ms: park ? 0 : backoffDelayMs(row.attempts, options.backoffBaseMs, options.backoffCapMs),
        error: message.slice(0, 500),
      },
    }
  }

  /** The message of a row, or the outcome when there is nothing to send. */
  function prepare(row: ClaimedRow): { message: OutboundMessage } | { outcome: Outcome } {
    // Linked to a dispatched clue before its registration went out: the platform knows it already.
    if (row.kind === 'register' && row.clueId !== null) return { outcome: succeeded(row, { skipped: 'already linked to a clue', clueId: row.clueId }, null) }
    const clueId = row.kind === 'ack' ? (typeof row.payload.clueId === 'string' ? row.payload.clueId : undefined) : (row.clueId ?? undefined)
    if (row.kind !== 'register' && clueId === undefined) {
      return { outcome: failedWith(row, new NationalPlatformError('NO_CLUE_ID', false, `a ${row.kind} message needs the claim's clue id`)) }
    }
    return {
      message: {
        kind: row.kind,
        messageId: row.messageId,
        seq: row.seq,
        localClaimId: row.claimId,
        ...(clueId === undefined ? {} : { clueId }),
        payload: row.payload,
      },
    }
  }

  async function deliverOne(row: ClaimedRow, message: OutboundMessage): Promise<Outcome> {
    try {
      return delivered(row, await port.send(message))
    } catch (error) {
      return failedWith(row, error)
    }
  }

  async function deliverChunk(chunk: { row: ClaimedRow; message: OutboundMessage }[]): Promise<Outcome[]> {
    try {
      const results = await port.sendBatch(chunk.map((c) => c.message))
      return results.map((result, i) => {
        const { row } = chunk[i] as { row: ClaimedRow }
        return result.ok ? delivered(row, result.data) : failedWith(row, result.error)
      })
    } catch (error) {
      return chunk.map(({ row }) => failedWith(row, error))
    }
  }

  /** Sends a claimed batch: in parallel, one message per request or `sendBatchSize` per request. */
  async function deliverAll(rows: ClaimedRow[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = []
    const toSend: { row: ClaimedRow; message: OutboundMessage }[] = []
    for (const row of rows) {
      const prepared = prepare(row)
      if ('outcome' in prepared) outcomes.push(prepared.outcome)
      else toSend.push({ row, message: prepared.message })
    }
    const size = options.sendBatchSize ?? 1
    if (size <= 1) {
      outcomes.push(...(await Promise.all(toSend.map(({ row, message }) => deliverOne(row, message)))))
    } else {
      const chunks: (typeof toSend)[] = []
      for (let i = 0; i < toSend.length; i += size) chunks.push(toSend.slice(i, i + size))
      for (const result of await Promise.all(chunks.map(deliverChunk))) outcomes.push(...result)
    }
    return outcomes
  }

  /**
   * Records the outcomes of one batch. Every update is fenced by `attempts`: a worker whose lease
   * ran out (and whose row another worker took) cannot overwrite the newer attempt's result.
   */
  async function record(sent: Sent[], failed: Failed[]): Promise<void> {
    if (sent.length > 0) {
      await db.transaction(async (tx) => {
        await tx.execute(sql`
          update national_outbox o
          set status = 'sent', sent_at = now(), locked_until = null, last_error = null, response = v.response
          from jsonb_to_recordset(${JSON.stringify(sent)}::jsonb) as v(id bigint, attempts int, response jsonb)
          where o.id = v.id and o.attempts = v.attempts and o.status = 'sending'`)
        const registered = sent.filter((s) => s.clue_id !== null)
        if (registered.length > 0) {
          await tx.execute(sql`
            update claims c set national_clue_id = v.clue_id
            from jsonb_to_recordset(${JSON.stringify(registered)}::jsonb) as v(claim_id uuid, clue_id text)
            where c.id = v.claim_id and c.national_clue_id is null`)
        }
      })
      if (Date.now() - lastPushWrite > 1_000) {
        lastPushWrite = Date.now()
        await writeState(db, 'lastPushAt', new Date().toISOString())
      }
    }
    if (failed.length > 0) {
      await db.execute(sql`
        update national_outbox o
        set status = case when v.park then 'failed' else 'pending' end,
            next_attempt_at = now() + make_interval(secs => v.delay_ms / 1000.0),
            locked_until = null,
            last_error = v.error
        from jsonb_to_recordset(${JSON.stringify(failed)}::jsonb) as v(id bigint, attempts int, park boolean, delay_ms int, error text)
        where o.id = v.id and o.attempts = v.attempts and o.status = 'sending'`)
      for (const f of failed) if (f.park) log.warn({ outboxId: f.id, attempts: f.attempts, lastError: f.error }, 'national message parked as failed')
    }
  }

  /** Claims one batch, sends it (in parallel across claims) and records the outcomes; returns its size. */
  async function drainOnce(limit = options.batchSize): Promise<number> {
    const rows = await claimBatch(limit)
    if (rows.length === 0) return 0
    const outcomes = await deliverAll(rows)
    const sent: Sent[] = []
    const failed: Failed[] = []
    for (const outcome of outcomes) {
      if (outcome.ok) sent.push(outcome.sent)
      else failed.push(outcome.failed)
    }
    await record(sent, failed)
    return rows.length
  }

  async function sendLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let claimed = 0
      try {
        claimed = await drainOnce()
      } catch (error) {
        log.warn({ err: error }, 'national outbox round failed')
      }
      if (claimed === 0) {
        try {
          await sleep(idlePollMs, undefined, { signal })
        } catch {
          return
        }
      }
    }
  }

  async function pullOnce(): Promise<number> {
    let cursor = await readState<string>(db, 'pullCursor')
    let total = 0
    for (;;) {
      const page = await port.pullDispatched(cursor, options.pullLimit ?? 100)
      for (const clue of page.items) {
        try {
          await receiveClue(deps, clue, 'pull')
        } catch (error) {
          // One bad clue must not hold up the rest; it stays unacknowledged, which reconciliation shows.
          if (error instanceof InvalidClueError) log.warn({ field: error.field }, 'dispatched clue refused')
          else throw error
        }
      }
      total += page.items.length
      // Saved only once the page is stored: a crash before this repeats the page, which is harmless.
      cursor = page.nextCursor
      await writeState(db, 'pullCursor', cursor)
      if (!page.hasMore || page.items.length === 0) break
    }
    await writeState(db, 'lastPullAt', new Date().toISOString())
    return total
  }

  async function receive(clue: DispatchedClue, via: 'pull' | 'webhook') {
    return receiveClue(deps, clue, via)
  }

  async function pullLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await pullOnce()
      } catch (error) {
        log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'national pull failed')
      }
      try {
        await sleep(options.pullIntervalMs, undefined, { signal })
      } catch {
        return
      }
    }
  }

  async function reconcileLoop(signal: AbortSignal, everyMs: number): Promise<void> {
    while (!signal.aborted) {
      try {
        await sleep(everyMs, undefined, { signal })
      } catch {
        return
      }
      try {
        const report = await reconcile()
        if (report.mismatches.length > 0) log.warn({ mismatches: report.mismatches.length }, 'national reconciliation found mismatches')
      } catch (error) {
        log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'national reconciliation failed')
      }
    }
  }

  /** Compares the platform's view of every clue with ours and stores the report. */
  async function reconcile(): Promise<ReconciliationReport> {
    const platform = new Map<string, PlatformClueView>()
    let cursor: string | undefined
    do {
      const page = await port.listClues({ ...(cursor === undefined ? {} : { cursor }), limit: 1000 })
      for (const item of page.items) platform.set(item.clueId, item)
      cursor = page.nextCursor ?? undefined
    } while (cursor !== undefined)

    const local = (await db.execute(sql`
      select c.id, c.national_clue_id as clue_id, c.status,
        exists (select 1 from national_outbox o where o.claim_id = c.id and o.status <> 'sent') as in_flight,
        exists (select 1 from national_outbox o where o.claim_id = c.id and o.kind = 'result' and o.status = 'sent') as result_sent
      from claims c where c.national_clue_id is not null`)) as unknown as Rows<{
      id: string
      clue_id: string
      status: string
      in_flight: boolean
      result_sent: boolean
    }>
    const received = (await db.execute(sql`select clue_id, claim_id from national_clues`)) as unknown as Rows<{ clue_id: string; claim_id: string }>

    const mismatches: Mismatch[] = []
    const knownClues = new Set<string>()
    let inFlight = 0
    for (const row of local.rows) {
      knownClues.add(row.clue_id)
      if (row.in_flight) {
        inFlight++
        continue
      }
      const seen = platform.get(row.clue_id)
      if (!seen) {
        mismatches.push({ kind: 'missing_on_platform', clueId: row.clue_id, claimId: row.id, local: row.status, platform: null })
        continue
      }
      const expected = row.result_sent ? 'CLOSED' : mapStatusToProgress(row.status)
      const actual = seen.progress ?? 'RECEIVED'
      if (expected !== actual) mismatches.push({ kind: 'progress_differs', clueId: row.clue_id, claimId: row.id, local: expected, platform: actual })
    }
    for (const row of received.rows) knownClues.add(row.clue_id)
    for (const clue of platform.values()) {
      if (knownClues.has(clue.clueId)) continue
      mismatches.push({
        kind: clue.origin === 'dispatched' ? 'missing_locally' : 'unknown_locally',
        clueId: clue.clueId,
        claimId: clue.localClaimId,
        local: null,
        platform: clue.progress,
      })
    }
    const report: ReconciliationReport = {
      checkedAt: new Date().toISOString(),
      platformClues: platform.size,
      localClues: knownClues.size,
      inFlight,
      mismatches,
    }
    await writeState(db, 'lastReconciliation', report)
    return report
  }

  async function status(): Promise<SyncStatus> {
    const pending = (await db.execute(sql`
      select count(*)::int as n, min(created_at) as oldest from national_outbox where status in ('pending', 'sending')`)) as unknown as Rows<{
      n: number | string
      oldest: Date | string | null
    }>
    const failed = (await db.execute(sql`select count(*)::int as n from national_outbox where status = 'failed'`)) as unknown as Rows<{ n: number | string }>
    const oldest = pending.rows[0]?.oldest
    return {
      outboxPending: Number(pending.rows[0]?.n ?? 0),
      failed: Number(failed.rows[0]?.n ?? 0),
      lastPullAt: (await readState<string>(db, 'lastPullAt')) ?? null,
      lastPushAt: (await readState<string>(db, 'lastPushAt')) ?? null,
      lagSeconds: oldest ? Math.max(0, Math.round((Date.now() - new Date(oldest).getTime()) / 1000)) : 0,
    }
  }

  return {
    claimBatch,
    drainOnce,
    pullOnce,
    receive,
    reconcile,
    status,
    /** Starts the send loops, the pull loop and the daily reconciliation. */
    start() {
      if (stopping) return
      stopping = new AbortController()
      const { signal } = stopping
      for (let i = 0; i < options.concurrency; i++) loops.push(sendLoop(signal))
      if (options.pull ?? true) loops.push(pullLoop(signal))
      const every = options.reconcileIntervalMs ?? 86_400_000
      if (every > 0) loops.push(reconcileLoop(signal, every))
    },
    /** Stops taking new work and waits for the batches in flight to be recorded. */
    async stop() {
      stopping?.abort()
      await Promise.all(loops.splice(0))
      stopping = undefined
    },
  }
}

export type SyncEngine = ReturnType<typeof createSyncEngine>

/** Failed (parked) messages, newest first, for the admin list. */
export async function listFailed(db: Database, limit: number) {
  const result = (await db.execute(sql`
    select id::int8 as id, claim_id, seq, kind, message_id, attempts, last_error, created_at
    from national_outbox where status = 'failed' order by id desc limit ${limit}`)) as unknown as Rows<{
    id: number | string
    claim_id: string
    seq: number
    kind: OutboxKind
    message_id: string
    attempts: number
    last_error: string | null
    created_at: Date | string
  }>
  return result.rows.map((r) => ({
    id: Number(r.id),
    claimId: r.claim_id,
    seq: Number(r.seq),
    kind: r.kind,
    messageId: r.message_id,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    createdAt: new Date(r.created_at).toISOString(),
  }))
}

/** An admin's retry: the parked row is due again with a fresh attempt budget. False when no such failed row. */
export async function retryFailed(db: Database, id: number): Promise<boolean> {
  const result = (await db.execute(sql`
    update national_outbox set status = 'pending', attempts = 0, next_attempt_at = now(), last_error = null
    where id = ${id} and status = 'failed' returning id`)) as unknown as Rows<unknown>
  return result.rows.length > 0
}
