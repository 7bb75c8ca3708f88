import { and, eq, lt, sql } from 'drizzle-orm'
import type { Database, Executor, RawQuery } from '../db/client'
import { idempotencyKeys } from '../db/schema/index'

/** An in-flight key whose request died (process killed) may be taken over after this long. */
const ABANDONED_AFTER_MS = 60_000

export type IdempotencyBegin =
  | { outcome: 'proceed' }
  | { outcome: 'replay'; claimId: string }
  | { outcome: 'mismatch' }
  | { outcome: 'in_flight' }

/** Hot path of every filing: a prepared statement rather than a query built each time. */
const CLAIM_KEY = `insert into "idempotency_keys" ("scope", "key", "request_hash", "state") values ($1, $2, $3, 'in_flight') on conflict do nothing returning "key"`

export function createIdempotencyRepository(db: Database, query: RawQuery) {
  return {
    /**
     * Claims `key` for this request, committed at once so a concurrent retry sees it in flight.
     */
    async begin(scope: string, key: string, requestHash: string): Promise<IdempotencyBegin> {
      const inserted = await query(CLAIM_KEY, [scope, key, requestHash], 'huxin_claim_idempotency_key')
      if (inserted.rows.length > 0) return { outcome: 'proceed' }

      const [existing] = await db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)))
      if (!existing) return this.begin(scope, key, requestHash) // removed meanwhile: try again
      if (existing.requestHash !== requestHash) return { outcome: 'mismatch' }
      if (existing.state === 'done' && existing.claimId) return { outcome: 'replay', claimId: existing.claimId }

      // In flight: take it over only if its owner has clearly died.
      const takenOver = await db
        .update(idempotencyKeys)
        .set({ lockedAt: sql`now()` })
        .where(
          and(
            eq(idempotencyKeys.scope, scope),
            eq(idempotencyKeys.key, key),
            eq(idempotencyKeys.state, 'in_flight'),
            lt(idempotencyKeys.lockedAt, new Date(Date.now() - ABANDONED_AFTER_MS)),
          ),
        )
        .returning({ key: idempotencyKeys.key })
      return takenOver.length > 0 ? { outcome: 'proceed' } : { outcome: 'in_flight' }
    },

    async complete(scope: string, key: string, claimId: string, tx: Executor = db): Promise<void> {
      await tx
        .update(idempotencyKeys)
        .set({ state: 'done', claimId })
        .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)))
    },

    /** The request failed before anything was stored: free the key so a retry can proceed. */
    async release(scope: string, key: string): Promise<void> {
      await db
        .delete(idempotencyKeys)
        .where(
          and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key), eq(idempotencyKeys.state, 'in_flight')),
        )
    },

    /** Keys are kept at least 24 h (API.md); older ones may go. */
    async purgeOlderThan(cutoff: Date): Promise<void> {
      await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, cutoff))
    },
  }
}

export type IdempotencyRepository = ReturnType<typeof createIdempotencyRepository>
