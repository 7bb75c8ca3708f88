/**
 * Sliding-window limits kept in the database (`rate_events`), so they hold across several server
 * processes. Check-and-record runs under a transaction-scoped advisory lock on the bucket, so
 * concurrent requests cannot both slip under the limit.
 */
import type { Transaction } from '../../db/client'
import type { UsersRepository } from './repository'

export interface RateLimit {
  bucket: string
  max: number
  windowMs: number
}

export interface RateDecision {
  allowed: boolean
  /** Seconds until the oldest event in the window leaves it (when refused). */
  retryAfterSeconds: number
}

/**
 * Records one event in each bucket if every limit allows it; otherwise records nothing and says
 * how long to wait. Runs inside the caller's transaction, which holds the buckets' locks.
 */
export async function consumeRateLimits(
  repo: UsersRepository,
  tx: Transaction,
  limits: RateLimit[],
  now = new Date(),
): Promise<RateDecision> {
  let retryAfterSeconds = 0
  for (const limit of limits) {
    await repo.lockRateBucket(limit.bucket, tx)
    const { n, oldest } = await repo.rateEventsSince(limit.bucket, new Date(now.getTime() - limit.windowMs), tx)
    if (n >= limit.max && oldest) {
      retryAfterSeconds = Math.max(retryAfterSeconds, Math.ceil((oldest.getTime() + limit.windowMs - now.getTime()) / 1000))
    }
  }
  if (retryAfterSeconds > 0) return { allowed: false, retryAfterSeconds }
  await repo.recordRateEvents(limits.map((l) => l.bucket), now, tx)
  return { allowed: true, retryAfterSeconds: 0 }
}
