import { sql } from 'drizzle-orm'
import { check, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { users } from './auth'

/** One employer a draw picked: its register key and name when drawn. */
export interface DrawnEmployer {
  key: string
  name: string
  town: string | null
}

/**
 * A random draw of employers to inspect (双随机, docs/casework.md, Inspections): the seed, the pool's
 * size and digest and the employers drawn are kept, so anyone can draw again from the same pool
 * with the same seed and get the same list — the draw can be shown to have been fair.
 */
export const inspectionDraws = pgTable(
  'inspection_draws',
  {
    id: uuid('id').primaryKey(),
    seed: text('seed').notNull(),
    requested: integer('requested').notNull(),
    /** The town the pool was limited to (null: every town of the caller's jurisdiction). */
    town: text('town'),
    poolSize: integer('pool_size').notNull(),
    /** sha256 of the pool's keys in order, one per line: shows which register the draw ran on. */
    poolDigest: text('pool_digest').notNull(),
    employers: jsonb('employers').$type<DrawnEmployer[]>().notNull(),
    drawnBy: uuid('drawn_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('inspection_draws_requested_positive', sql`${t.requested} > 0`),
    check('inspection_draws_pool_nonnegative', sql`${t.poolSize} >= 0`),
  ],
)
