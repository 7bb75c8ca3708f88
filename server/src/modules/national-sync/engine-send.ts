/**
 * The send side of the sync engine: a round claims a batch of due outbox rows under a lease,
 * sends them (in parallel across claims, one message or `sendBatchSize` per request) and records
 * each outcome, fenced by the attempt that made it.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { backoffDelayMs } from '../../lib/backoff'
import { NationalPlatformError, type NationalPort, type OutboundMessage } from './adapter'
import type { EngineLog, SyncEngineOptions } from './engine-options'
import type { ClaimedRow, FailedAttempt, NationalSyncRepository, SentAttempt } from './repository/index'

type Outcome = { ok: true; sent: SentAttempt } | { ok: false; failed: FailedAttempt }

export interface SenderDeps {
  repository: NationalSyncRepository
  port: NationalPort
  log: EngineLog
}

export function createSender(deps: SenderDeps, options: SyncEngineOptions) {
  const { repository, port, log } = deps
  const idlePollMs = options.idlePollMs ?? 500
  const leaseSeconds = Math.max(1, Math.ceil(options.leaseMs / 1000))
  let lastPushWrite = 0

  const succeeded = (row: ClaimedRow, response: unknown, clueId: string | null): Outcome => ({
    ok: true,
    sent: { id: row.id, attempts: row.attempts, response, claimId: row.claimId, clueId },
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
        delayMs: park ? 0 : backoffDelayMs(row.attempts, options.backoffBaseMs, options.backoffCapMs),
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

  /** Records the outcomes of one batch (the repository fences every write by `attempts`). */
  async function record(sent: SentAttempt[], failed: FailedAttempt[]): Promise<void> {
    if (sent.length > 0) {
      await repository.recordSent(sent)
      if (Date.now() - lastPushWrite > 1_000) {
        lastPushWrite = Date.now()
        await repository.writeState('lastPushAt', new Date().toISOString())
      }
    }
    if (failed.length > 0) {
      await repository.recordFailed(failed)
      for (const f of failed) if (f.park) log.warn({ outboxId: f.id, attempts: f.attempts, lastError: f.error }, 'national message parked as failed')
    }
  }

  /** Claims one batch, sends it (in parallel across claims) and records the outcomes; returns its size. */
  async function drainOnce(limit = options.batchSize): Promise<number> {
    const rows = await repository.claimBatch(limit, leaseSeconds)
    if (rows.length === 0) return 0
    const outcomes = await deliverAll(rows)
    const sent: SentAttempt[] = []
    const failed: FailedAttempt[] = []
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

  return { drainOnce, sendLoop }
}
