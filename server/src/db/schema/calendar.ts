import { sql } from 'drizzle-orm'
import { boolean, check, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { users } from './auth'

/**
 * Days the bureau's admins add to or correct in the holiday calendar (DOMAIN.md, Time limits): the
 * State Council publishes next year's holidays and make-up workdays in the autumn, before the
 * calendar package catches up. An override wins over the package.
 */
export const calendarOverrides = pgTable(
  'calendar_overrides',
  {
    day: text('day').primaryKey(),
    kind: text('kind').notNull(),
    note: text('note'),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('calendar_overrides_kind_known', sql`${t.kind} in ('workday','holiday')`),
    check('calendar_overrides_day_format', sql`${t.day} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`),
  ],
)

/**
 * A year's calendar declared complete by an admin once the State Council's notice for it is
 * entered: deadlines in it stop being provisional. Never inferred from a single override.
 */
export const calendarYears = pgTable(
  'calendar_years',
  {
    year: integer('year').primaryKey(),
    complete: boolean('complete').notNull(),
    note: text('note'),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('calendar_years_year_range', sql`${t.year} between 2000 and 2100`)],
)
