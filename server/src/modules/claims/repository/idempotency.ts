/**
 * Idempotency keys of claim submissions (API.md: same key + same body → the same claim; other
 * body → 422; in flight → 409). Keys are written together with their claim, in the filing
 * statement itself (`insertFiled`, filing.ts); this reads and purges them.
 */
import { and, eq, lt } from 'drizzle-orm'
import type { Database, Executor } from '../../../db/client'
import { idempotencyKeys } from '../../../db/schema/index'

export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect

export function createIdempotencyKeys(db: Database) {
  return {
    async find(scope: string, key: string, tx: Executor = db): Promise<IdempotencyKeyRow | undefined> {
      const [row] = await tx
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)))
        .limit(1)
      return row
    },

    /** Keys are kept at least 24 h (API.md); older ones may go. */
    async purgeOlderThan(cutoff: Date, tx: Executor = db): Promise<void> {
      await tx.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, cutoff))
    },
  }
}
