import { sql } from 'drizzle-orm'
import { bigint, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { users } from './auth'
import { claims } from './claims'

/**
 * What a case achieved beyond money paid (migration 0021, docs/figures.md): a social-insurance
 * order with its amount, recorded when ordered (责令补缴社会保险费), and how many workers were newly
 * registered for social insurance (新增参保登记). The figures count them by the Shanghai day of
 * `decidedAt`, in the claim's town.
 */
export const caseOutcomes = pgTable(
  'case_outcomes',
  {
    id: uuid('id').primaryKey(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claims.id),
    kind: text('kind').notNull(),
    /** The amount ordered (fen); only for `social_insurance_order`. */
    amountFen: bigint('amount_fen', { mode: 'number' }),
    /** Workers newly registered; only for `social_insurance_registration`. */
    workers: integer('workers'),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
    note: text('note'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_outcomes_claim_idx').on(t.claimId),
    index('case_outcomes_decided_idx').on(t.decidedAt),
    check('case_outcomes_kind_known', sql`${t.kind} in ('social_insurance_order','social_insurance_registration')`),
    check(
      'case_outcomes_measure',
      sql`(${t.kind} = 'social_insurance_order' and ${t.amountFen} > 0 and ${t.workers} is null) or (${t.kind} = 'social_insurance_registration' and ${t.workers} > 0 and ${t.amountFen} is null)`,
    ),
  ],
)
