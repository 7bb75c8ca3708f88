/** The metrics module's SQL: the outboxes' depth, lag and parked messages, read at each scrape. */
import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client'
import { rawRows } from '../../db/raw'
import type { OutboxFigures } from './registry'

interface Row {
  outbox: 'national' | 'notifications'
  unsent: number | string
  oldest_s: number | string | null
  failed: number | string | null
}

/**
 * Both outboxes in one round trip. Unsent rows are few and sit in the partial "due" indexes of
 * both tables; parked national messages have their own partial index (notification rows that
 * failed are not counted: no index, and they are in the drainer's logs).
 */
export function createMetricsRepository(db: Database) {
  return {
    async outboxes(): Promise<OutboxFigures[]> {
      const rows = await rawRows<Row>(
        db,
        sql`select 'national' as outbox, count(*) as unsent,
              extract(epoch from now() - min(created_at))::float8 as oldest_s,
              (select count(*) from national_outbox where status = 'failed') as failed
            from national_outbox where status in ('pending', 'sending')
            union all
            select 'notifications', count(*), extract(epoch from now() - min(created_at))::float8, null
            from notification_outbox where state = 'pending'`,
      )
      return rows.map((row) => ({
        outbox: row.outbox,
        unsent: Number(row.unsent),
        oldestUnsentSeconds: row.oldest_s === null ? 0 : Math.max(0, Number(row.oldest_s)),
        failed: row.failed === null ? null : Number(row.failed),
      }))
    },
  }
}
