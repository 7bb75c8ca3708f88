import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { claimEvents, claims } from './claims'
import { users } from './auth'

/**
 * Notifications to workers, one per worker-visible claim event (docs/casework.md, Notifications).
 * Rows are written by a database trigger on `claim_events` (migration 0007), so
 * every code path that records a worker-visible change queues its message in the same
 * transaction, and no request ever waits for WeChat or the SMS gateway: `modules/notifications`
 * drains the table. The channel is chosen when sending (WeChat subscription message for a worker
 * with an openid, else SMS to their phone). No PII here: the recipient is looked up at send time.
 */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .unique()
      .references(() => claimEvents.id),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claims.id),
    /** The claimant's account; none for a claim that came without one (national platform). */
    userId: uuid('user_id').references(() => users.id),
    /** pending → sent | failed (permanent refusal or attempts used up) | skipped (no channel). */
    state: text('state').notNull().default('pending'),
    channel: text('channel'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** A drainer holds a row until then; a crashed drainer's rows come back afterwards. */
    leasedUntil: timestamp('leased_until', { withTimezone: true }),
    /** The outside system's code and message, never the recipient. */
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('notification_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.state} = 'pending'`),
    check('notification_outbox_state_known', sql`${t.state} in ('pending','sent','failed','skipped')`),
    check('notification_outbox_channel_known', sql`${t.channel} is null or ${t.channel} in ('wechat','sms')`),
  ],
)
