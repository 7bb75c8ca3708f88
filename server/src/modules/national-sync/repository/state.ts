/**
 * The sync engine's small persistent state (national_sync_state: cursor, last pull and push, last
 * reconciliation report) and the spent nonces of the platform's signed requests (national_nonces).
 */
import { eq, sql } from 'drizzle-orm'
import type { Database, Executor } from '../../../db/client'
import { rawRows } from '../../../db/raw'
import { nationalSyncState } from '../../../db/schema/index'

export type SyncStateKey = 'pullCursor' | 'lastPullAt' | 'lastPushAt' | 'lastReconciliation'

export function stateQueries(db: Database) {
  return {
    async readState<T>(key: SyncStateKey, tx: Executor = db): Promise<T | undefined> {
      const [row] = await tx.select().from(nationalSyncState).where(eq(nationalSyncState.key, key)).limit(1)
      return row?.value as T | undefined
    },

    async writeState(key: SyncStateKey, value: unknown, tx: Executor = db): Promise<void> {
      await tx
        .insert(nationalSyncState)
        .values({ key, value })
        .onConflictDoUpdate({ target: nationalSyncState.key, set: { value, updatedAt: sql`now()` } })
    },

    /** Forgets the nonces whose time ran out by `at`. */
    async sweepNonces(at: Date, tx: Executor = db): Promise<void> {
      await tx.execute(sql`delete from national_nonces where expires_at <= ${at.toISOString()}::timestamptz`)
    },

    /**
     * Spends a nonce until `expiresAt`: true the first time it is seen while remembered, false for a
     * replay. A row whose time ran out by `at` but was not swept yet is taken over, not refused.
     */
    async spendNonce(key: string, expiresAt: Date, at: Date, tx: Executor = db): Promise<boolean> {
      const rows = await rawRows<{ key: string }>(
        tx,
        sql`
        insert into national_nonces (key, expires_at)
        values (${key}, ${expiresAt.toISOString()}::timestamptz)
        on conflict (key) do update set expires_at = excluded.expires_at
          where national_nonces.expires_at <= ${at.toISOString()}::timestamptz
        returning key`,
      )
      return rows.length === 1
    },
  }
}
