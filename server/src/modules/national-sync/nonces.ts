/**
 * Spent nonces of the platform's signed requests, in the database (national_nonces): a webhook
 * delivery replayed to another server process sharing the database is refused as well
 * (docs/national-platform.md, Signatures). Expired rows are swept now and then.
 */
import type { NationalSyncRepository } from './repository/index'

const SWEEP_EVERY_MS = 60_000

export interface SharedNonceStore {
  /** True the first time `key` is seen while remembered; false for a replay. */
  remember(key: string, ttlSeconds: number): Promise<boolean>
}

export function createDatabaseNonceStore(repository: NationalSyncRepository, now: () => number = Date.now): SharedNonceStore {
  let nextSweep = 0
  return {
    async remember(key, ttlSeconds) {
      const at = now()
      if (at >= nextSweep) {
        nextSweep = at + SWEEP_EVERY_MS
        await repository.sweepNonces(new Date(at))
      }
      return repository.spendNonce(key, new Date(at + ttlSeconds * 1000), new Date(at))
    },
  }
}
