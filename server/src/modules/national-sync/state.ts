/** The sync engine's small persistent state (national_sync_state): cursor, last pull/push, last report. */
import { eq, sql } from 'drizzle-orm'
import type { Executor } from '../../db/client'
import { nationalSyncState } from '../../db/schema/index'

export type SyncStateKey = 'pullCursor' | 'lastPullAt' | 'lastPushAt' | 'lastReconciliation'

export async function readState<T>(db: Executor, key: SyncStateKey): Promise<T | undefined> {
  const [row] = await db.select().from(nationalSyncState).where(eq(nationalSyncState.key, key)).limit(1)
  return row?.value as T | undefined
}

export async function writeState(db: Executor, key: SyncStateKey, value: unknown): Promise<void> {
  await db
    .insert(nationalSyncState)
    .values({ key, value })
    .onConflictDoUpdate({ target: nationalSyncState.key, set: { value, updatedAt: sql`now()` } })
}
