/** The claimant's disputes of recorded payments (migration 0018; docs/casework.md, Recoveries). */
import { sql } from 'drizzle-orm'
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './auth'
import { claims } from './claims'
import { recoveries } from './recoveries'

export const recoveryDisputes = pgTable(
  'recovery_disputes',
  {
    id: uuid('id').primaryKey(),
    recoveryId: uuid('recovery_id')
      .notNull()
      .references(() => recoveries.id),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claims.id),
    /** `not_received` | `wrong_amount` */
    kind: text('kind').notNull(),
    note: text('note').notNull(),
    filedBy: uuid('filed_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when the recovery is reversed, the claimant confirms it after all, or staff resolve it. */
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolution: text('resolution'),
  },
  (t) => [
    uniqueIndex('recovery_disputes_open_unique').on(t.recoveryId).where(sql`${t.resolvedAt} is null`),
    index('recovery_disputes_open_claim_idx').on(t.claimId).where(sql`${t.resolvedAt} is null`),
    check('recovery_disputes_kind_known', sql`${t.kind} in ('not_received','wrong_amount')`),
  ],
)
