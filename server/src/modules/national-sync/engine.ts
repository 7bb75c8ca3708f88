/**
 * The national-platform sync engine (docs/national-platform.md): send loops that drain the
 * outbox (engine-send.ts), a pull loop for dispatched clues (engine-pull.ts), and the daily
 * reconciliation (engine-reconcile.ts). Runs inside `npm start` or alone as `npm run worker`; any
 * number of engines may run against one database.
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
import type { NationalPort } from './adapter'
import type { Database } from '../../db/client'
import type { DispatchedClue } from './protocol'
import type { PiiCipher } from '../pii/index'
import type { ClaimsRepository } from '../claims/index'
import type { WorkingDayCalendar } from '../calendar/index'
import type { EngineLog, SyncEngineOptions } from './engine-options'
import { createPuller } from './engine-pull'
import { createReconciler } from './engine-reconcile'
import { createSender } from './engine-send'
import { receiveClue } from './inbox'
import { createNationalSyncRepository } from './repository/index'

export type { Mismatch, ReconciliationReport } from './engine-reconcile'

export interface SyncEngineDeps {
  db: Database
  claims: ClaimsRepository
  pii: PiiCipher
  calendar: WorkingDayCalendar
  port: NationalPort
  log: EngineLog
}

export interface SyncStatus {
  outboxPending: number
  failed: number
  lastPullAt: string | null
  lastPushAt: string | null
  lagSeconds: number
}

export function createSyncEngine(deps: SyncEngineDeps, options: SyncEngineOptions) {
  const repository = createNationalSyncRepository(deps.db)
  const receive = (clue: DispatchedClue, via: 'pull' | 'webhook') => receiveClue({ ...deps, repository }, clue, via)
  const sender = createSender({ repository, port: deps.port, log: deps.log }, options)
  const puller = createPuller({ repository, port: deps.port, log: deps.log, receive }, options)
  const reconciler = createReconciler({ repository, port: deps.port, log: deps.log })
  let stopping: AbortController | undefined
  const loops: Promise<void>[] = []

  async function status(): Promise<SyncStatus> {
    const depth = await repository.depth()
    return {
      outboxPending: depth.pending,
      failed: depth.failed,
      lastPullAt: (await repository.readState<string>('lastPullAt')) ?? null,
      lastPushAt: (await repository.readState<string>('lastPushAt')) ?? null,
      lagSeconds: depth.oldestPendingAt ? Math.max(0, Math.round((Date.now() - depth.oldestPendingAt.getTime()) / 1000)) : 0,
    }
  }

  return {
    drainOnce: sender.drainOnce,
    pullOnce: puller.pullOnce,
    receive,
    reconcile: reconciler.reconcile,
    status,
    /** Starts the send loops, the pull loop and the daily reconciliation. */
    start() {
      if (stopping) return
      stopping = new AbortController()
      const { signal } = stopping
      for (let i = 0; i < options.concurrency; i++) loops.push(sender.sendLoop(signal))
      if (options.pull ?? true) loops.push(puller.pullLoop(signal))
      const every = options.reconcileIntervalMs ?? 86_400_000
      if (every > 0) loops.push(reconciler.reconcileLoop(signal, every))
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
