/**
 * Spent nonces of the platform's signed requests, in the database (national_nonces): a webhook
 * delivery replayed to another server process sharing the database is refused as well
 * (docs/national-platform.md, Signatures). Expired rows are swept now and then.
 */
import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client'

const SWEEP_EVERY_MS = 60_000

export interface SharedNonceStore {
  /** True the first time `key` is seen while remembered; false for a replay. */
  remember(key: string, ttlSeconds: number): Promise<boolean>
}

export function createDatabaseNonceStore(db: Database, now: () => number = Date.now): SharedNonceStore {
  let nextSweep = 0
  return {
    async remember(key, ttlSeconds) {
      const at = now()
      if (at >= nextSweep) {
        nextSweep = at + SWEEP_EVERY_MS
        await db.execute(sql`delete from national_nonces where expires_at <= ${new Date(at).toISOString()}::timestamptz`)
      }
      // A row whose time ran out but was not swept yet is taken over, not refused.
      const result = (await db.execute(sql`
        insert into national_nonces (key, expires_at)
        values (${key}, ${new Date(at + ttlSeconds * 1000).toISOString()}::timestamptz)
        on conflict (key) do update set expires_at = excluded.expires_at
          where national_nonces.expires_at <= ${new Date(at).toISOString()}::timestamptz
        returning key`)) as unknown as { rows: unknown[] }
      return result.rows.length === 1
    },
  }
}
