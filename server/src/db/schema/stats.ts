/** The running totals behind the figures (migration 0010): kept by the claims' triggers. */
import { bigint, date, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'

/**
 * The figures per Shanghai day and town (docs/casework.md, Figures), kept by triggers on claims,
 * recoveries and claim_events in the writers' transactions (migration 0010), so a year's figures
 * add up at most 366 × towns rows instead of every claim of the year. Definitions: docs/casework.md.
 */
export const statsDaily = pgTable(
  'stats_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    town: text('town').notNull(),
    /** National-platform clues created that day. */
    clues: integer('clues').notNull().default(0),
    /** Claims accepted that day (not merged away), their workers, and how many of them are now finished. */
    accepted: integer('accepted').notNull().default(0),
    workers: integer('workers').notNull().default(0),
    closed: integer('closed').notNull().default(0),
    policeTransfers: integer('police_transfers').notNull().default(0),
    blacklistApplications: integer('blacklist_applications').notNull().default(0),
    /** Recoveries paid that day, by kind (fen). */
    wagesFen: bigint('wages_fen', { mode: 'number' }).notNull().default(0),
    compensationFen: bigint('compensation_fen', { mode: 'number' }).notNull().default(0),
    indemnityFen: bigint('indemnity_fen', { mode: 'number' }).notNull().default(0),
    socialInsuranceFen: bigint('social_insurance_fen', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.town] })],
)

/**
 * The employers named by national-platform clues, per Shanghai day and town (how many clues named
 * each): the clue incidence rate counts the distinct employers of a period from here (kept by the
 * claims triggers, migration 0010).
 */
export const statsClueEmployers = pgTable(
  'stats_clue_employers',
  {
    day: date('day', { mode: 'string' }).notNull(),
    town: text('town').notNull(),
    employerKey: text('employer_key').notNull(),
    clues: integer('clues').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.town, t.employerKey] })],
)

/**
 * Accepted, still open claims by town and the Shanghai day of their closing deadline (closeDueAt),
 * kept by the claims triggers (migration 0010): the overdue-closure count adds up the days before
 * today and looks at today's claims one by one.
 */
export const statsOpenDue = pgTable(
  'stats_open_due',
  {
    town: text('town').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    open: integer('open').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.town, t.day] })],
)
