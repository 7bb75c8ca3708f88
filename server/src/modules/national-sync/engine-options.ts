import type { NationalConfig } from '../../config'
import type { SyncEngineOptions } from './engine'

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
