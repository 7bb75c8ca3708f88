import type { FastifyBaseLogger } from 'fastify'
import type { NationalConfig } from '../../config'

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

/** What the engine logs through: the app's logger or the worker's pino. */
export type EngineLog = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>

/** The sync engine's options, from the national platform's configuration. */
export function syncEngineOptions(config: NationalConfig): SyncEngineOptions {
  return {
    concurrency: config.concurrency,
    batchSize: config.batchSize,
    sendBatchSize: config.sendBatchSize,
    maxAttempts: config.maxAttempts,
    backoffBaseMs: config.backoffBaseMs,
    backoffCapMs: config.backoffCapMs,
    // Longer than a request may take, so a live worker keeps its rows.
    leaseMs: config.sendTimeoutMs * 2 + 5_000,
    pullIntervalMs: config.pullIntervalMs,
  }
}
