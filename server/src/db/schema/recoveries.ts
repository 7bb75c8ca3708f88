import { sql } from 'drizzle-orm'
import { type AnyPgColumn, bigint, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './auth'
import { claims } from './claims'

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()

/** The recovery ledger: every amount recovered, by kind, payer and worker (DOMAIN.md, Money). */
export const recoveries = pgTable(
  'recoveries',
  {
    id: uuid('id').primaryKey(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claims.id),
    kind: text('kind').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
    payer: text('payer'),
    workerName: text('worker_name'),
    note: text('note'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    createdAt: createdAt(),
    /** A reversal (冲正, migration 0018): the recovery it cancels; its amount is the negative of that one's. */
    reversalOf: uuid('reversal_of').references((): AnyPgColumn => recoveries.id),
    /** Why: a reversal's reason, or why more wages than still owed were recorded. */
    reason: text('reason'),
  },
  (t) => [
    index('recoveries_claim_idx').on(t.claimId),
    index('recoveries_paid_at_idx').on(t.paidAt),
    uniqueIndex('recoveries_reversal_of_unique').on(t.reversalOf).where(sql`${t.reversalOf} is not null`),
    check(
      'recoveries_amount_sign',
      sql`(${t.reversalOf} is null and ${t.amountFen} > 0) or (${t.reversalOf} is not null and ${t.amountFen} < 0 and ${t.reason} is not null)`,
    ),
    check('recoveries_kind_known', sql`${t.kind} in ('wages','compensation','indemnity','social_insurance')`),
    check(
      'recoveries_payer_known',
      sql`${t.payer} is null or ${t.payer} in ('employer','general_contractor','wage_guarantee_deposit')`,
    ),
  ],
)
