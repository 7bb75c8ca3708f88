/**
 * Sliding-window limits kept in the database (`rate_events`), so they hold across several server
 * processes. Check-and-record runs under a transaction-scoped advisory lock on the bucket, so
 * concurrent requests cannot both slip under the limit.
 */
import { and, count, eq, gt, lt, min, sql } from 'drizzle-orm'
import type { Executor } from '../../db/client'
import { rateEvents } from '../../db/schema/index'

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
 * how long to wait. Must run inside a transaction (`tx`).
 */
export async function consumeRateLimits(tx: Executor, limits: RateLimit[], now = new Date()): Promise<RateDecision> {
  let retryAfterSeconds = 0
  for (const limit of limits) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${limit.bucket}, 0))`)
    const since = new Date(now.getTime() - limit.windowMs)
    const [row] = await tx
      .select({ n: count(), oldest: min(rateEvents.createdAt) })
      .from(rateEvents)
      .where(and(eq(rateEvents.bucket, limit.bucket), gt(rateEvents.createdAt, since)))
    if (row && row.n >= limit.max && row.oldest) {
      const oldest = new Date(row.oldest).getTime()
      retryAfterSeconds = Math.max(retryAfterSeconds, Math.ceil((oldest + limit.windowMs - now.getTime()) / 1000))
    }
  }
  if (retryAfterSeconds > 0) return { allowed: false, retryAfterSeconds }
  await tx.insert(rateEvents).values(limits.map((l) => ({ bucket: l.bucket, createdAt: now })))
  return { allowed: true, retryAfterSeconds: 0 }
}

/** Old events serve no window any more. */
export async function purgeRateEvents(tx: Executor, olderThan: Date): Promise<void> {
  await tx.delete(rateEvents).where(lt(rateEvents.createdAt, olderThan))
}
