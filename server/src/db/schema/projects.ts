import { sql } from 'drizzle-orm'
import { bigint, boolean, check, doublePrecision, index, jsonb, pgTable, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { claims } from './claims'

/** A subcontractor of a project; `qualified: false` marks work given to an unqualified party (Art. 36). */
export interface StoredSubcontractor {
  name: string
  creditCode?: string
  qualified: boolean
}

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()

/**
 * Construction projects under supervision (docs/projects.md): the housing department's permit,
 * the builder (建设单位) and general contractor (keys as employer keys: credit code else normalised
 * name), the wage-guarantee deposit's state and balance, and the dedicated wage account.
 */
export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey(),
    permitNumber: text('permit_number').notNull(),
    name: text('name').notNull(),
    town: text('town').notNull(),
    siteLat: doublePrecision('site_lat'),
    siteLng: doublePrecision('site_lng'),
    siteAddress: text('site_address'),
    builderName: text('builder_name').notNull(),
    builderCreditCode: text('builder_credit_code'),
    builderKey: text('builder_key').notNull(),
    /** The register entry the builder / general contractor matched at entry (credit code, else normalised name). */
    builderEmployerId: uuid('builder_employer_id'),
    gcName: text('gc_name').notNull(),
    gcCreditCode: text('gc_credit_code'),
    gcKey: text('gc_key').notNull(),
    gcEmployerId: uuid('gc_employer_id'),
    subcontractors: jsonb('subcontractors').$type<StoredSubcontractor[]>().notNull().default([]),
    permitDate: text('permit_date').notNull(),
    startedOn: text('started_on').notNull(),
    endsOn: text('ends_on'),
    contractValueFen: bigint('contract_value_fen', { mode: 'number' }),
    status: text('status').notNull().default('under_construction'),
    /** The day of the month wages are paid (printed on the site sign). */
    payDay: smallint('pay_day'),
    depositForm: text('deposit_form'),
    depositAmountFen: bigint('deposit_amount_fen', { mode: 'number' }).notNull().default(0),
    depositStatus: text('deposit_status').notNull().default('required'),
    depositDueAt: timestamp('deposit_due_at', { withTimezone: true }).notNull(),
    depositDueProvisional: boolean('deposit_due_provisional').notNull().default(false),
    depositBalanceFen: bigint('deposit_balance_fen', { mode: 'number' }).notNull().default(0),
    /** Set by a draw: the deposit must be topped up by then (Art. 33). */
    depositTopUpDueAt: timestamp('deposit_top_up_due_at', { withTimezone: true }),
    depositStoredAt: timestamp('deposit_stored_at', { withTimezone: true }),
    depositExemptAt: timestamp('deposit_exempt_at', { withTimezone: true }),
    depositDeferredAt: timestamp('deposit_deferred_at', { withTimezone: true }),
    depositCancelledAt: timestamp('deposit_cancelled_at', { withTimezone: true }),
    depositReturnedAt: timestamp('deposit_returned_at', { withTimezone: true }),
    wageAccountBank: text('wage_account_bank'),
    wageAccountMasked: text('wage_account_masked'),
    wageAccountOpenedOn: text('wage_account_opened_on'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('projects_permit_number_unique').on(t.permitNumber),
    index('projects_town_idx').on(t.town, t.permitNumber),
    index('projects_gc_key_idx').on(t.gcKey),
    check('projects_status_known', sql`${t.status} in ('under_construction','suspended','completed')`),
    check(
      'projects_deposit_status_known',
      sql`${t.depositStatus} in ('required','stored','exempt','deferred','permit_cancelled','returned')`,
    ),
    check('projects_deposit_form_known', sql`${t.depositForm} is null or ${t.depositForm} in ('cash','bank_guarantee','insurance')`),
    check('projects_deposit_balance_nonnegative', sql`${t.depositBalanceFen} >= 0 and ${t.depositAmountFen} >= 0`),
    check('projects_pay_day_range', sql`${t.payDay} is null or ${t.payDay} between 1 and 31`),
  ],
)

/** Every change of a project's deposit: the transition, the amount, the claim a draw paid. */
export const projectDepositEvents = pgTable(
  'project_deposit_events',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    action: text('action').notNull(),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    balanceFen: bigint('balance_fen', { mode: 'number' }).notNull(),
    claimId: uuid('claim_id').references(() => claims.id),
    recoveryId: uuid('recovery_id'),
    note: text('note'),
    actorId: uuid('actor_id'),
    createdAt: createdAt(),
  },
  (t) => [index('project_deposit_events_project_idx').on(t.projectId, t.createdAt)],
)

/** The real-name roster (Art. 28): ID numbers encrypted, with the keyed hash claims use. */
export const projectRoster = pgTable(
  'project_roster',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    name: text('name').notNull(),
    idEnc: text('id_enc').notNull(),
    idHash: text('id_hash').notNull(),
    idMasked: text('id_masked').notNull(),
    trade: text('trade').notNull(),
    startedOn: text('started_on').notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique('project_roster_worker_unique').on(t.projectId, t.idHash), index('project_roster_id_hash_idx').on(t.idHash)],
)

/** Monthly wage payments through the dedicated account (Art. 29–31): who was paid how much. */
export const projectPayroll = pgTable(
  'project_payroll',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    month: text('month').notNull(),
    workerName: text('worker_name').notNull(),
    idHash: text('id_hash').notNull(),
    idMasked: text('id_masked').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    paidOn: text('paid_on').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('project_payroll_worker_month_unique').on(t.projectId, t.month, t.idHash),
    index('project_payroll_project_month_idx').on(t.projectId, t.month),
    check('project_payroll_amount_nonnegative', sql`${t.amountFen} >= 0`),
  ],
)
