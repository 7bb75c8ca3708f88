import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { users } from './auth'

/** A co-worker named on a claim; the phone is PII, stored encrypted with a keyed hash beside it. */
export interface StoredCoWorker {
  name: string
  phoneEnc?: string
  phoneHash?: string
  phoneMasked?: string
}

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()

export const claims = pgTable(
  'claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull().unique(),
    status: text('status').notNull().default('submitted'),
    source: text('source').notNull().default('miniprogram'),
    nationalClueId: text('national_clue_id'),
    town: text('town').notNull(),
    industry: text('industry').notNull(),

    /** The signed-in worker who filed it (null for claims entered by staff or the platform). */
    claimantUserId: uuid('claimant_user_id').references(() => users.id),
    claimantName: text('claimant_name').notNull(),
    // PII: AES-256-GCM ciphertext and an HMAC-SHA256 for matching (DOMAIN.md, Privacy).
    claimantPhoneEnc: text('claimant_phone_enc'),
    claimantPhoneHash: text('claimant_phone_hash'),
    claimantPhoneMasked: text('claimant_phone_masked'),
    claimantIdEnc: text('claimant_id_enc'),
    claimantIdHash: text('claimant_id_hash'),
    claimantIdMasked: text('claimant_id_masked'),

    employerName: text('employer_name').notNull(),
    employerCreditCode: text('employer_credit_code'),
    employerAddress: text('employer_address'),
    projectName: text('project_name'),
    projectAddress: text('project_address'),
    siteLat: doublePrecision('site_lat'),
    siteLng: doublePrecision('site_lng'),
    siteAddress: text('site_address'),

    periodFrom: text('period_from').notNull(),
    periodTo: text('period_to').notNull(),
    amountOwedFen: bigint('amount_owed_fen', { mode: 'number' }).notNull(),
    workersCount: integer('workers_count').notNull(),
    coWorkers: jsonb('co_workers').$type<StoredCoWorker[]>().notNull().default([]),
    description: text('description').notNull(),
    confidential: boolean('confidential').notNull(),

    consentPrivacyVersion: text('consent_privacy_version').notNull(),
    consentSensitiveInfo: boolean('consent_sensitive_info').notNull(),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),

    acceptDueAt: timestamp('accept_due_at', { withTimezone: true }).notNull(),
    acceptDueProvisional: boolean('accept_due_provisional').notNull().default(false),
    closeDueAt: timestamp('close_due_at', { withTimezone: true }),
    /** The national platform's deadline for a clue it dispatched (triage sorts by it). */
    nationalDueAt: timestamp('national_due_at', { withTimezone: true }),
    assigneeId: uuid('assignee_id'),
    groupId: uuid('group_id'),

    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('claims_town_status_idx').on(t.town, t.status, t.createdAt),
    // Partial indexes: most claims come from the mini-program (no clue id) and many carry no
    // phone; leaving the NULLs out keeps every filing's index work smaller.
    uniqueIndex('claims_national_clue_id_unique').on(t.nationalClueId).where(sql`${t.nationalClueId} is not null`),
    index('claims_claimant_phone_hash_idx').on(t.claimantPhoneHash).where(sql`${t.claimantPhoneHash} is not null`),
    index('claims_claimant_user_idx').on(t.claimantUserId, t.createdAt),
    check('claims_amount_owed_positive', sql`${t.amountOwedFen} > 0`),
    check('claims_workers_count_positive', sql`${t.workersCount} > 0`),
    check('claims_period_order', sql`${t.periodFrom} <= ${t.periodTo}`),
    check(
      'claims_status_known',
      sql`${t.status} in ('submitted','accepted','rejected','investigating','mediating','ordered_to_pay','resolved','closed','transferred_police','transferred_enforcement','withdrawn')`,
    ),
    check('claims_source_known', sql`${t.source} in ('miniprogram','national_platform','hotline','walk_in')`),
  ],
)

export const claimEvents = pgTable(
  'claim_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claims.id),
    type: text('type').notNull(),
    visibility: text('visibility').notNull(),
    actorId: uuid('actor_id'),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [
    index('claim_events_claim_idx').on(t.claimId, t.createdAt),
    check('claim_events_visibility_known', sql`${t.visibility} in ('worker','internal')`),
  ],
)

/** Per-day counters behind the human reference numbers `JK-YYYYMMDD-NNNN`. */
export const referenceCounters = pgTable('reference_counters', {
  day: text('day').primaryKey(),
  last: integer('last').notNull(),
})

/**
 * Idempotency keys of claim submissions (API.md: same key + same body → the same claim; other
 * body → 422; in flight → 409). Scoped by the submitting identity.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    state: text('state').notNull(),
    claimId: uuid('claim_id').references(() => claims.id),
    createdAt: createdAt(),
    lockedAt: timestamp('locked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // No index on created_at: only the hourly purge reads by age, and a scan of a week's keys is
    // cheaper than indexing every filing.
    primaryKey({ columns: [t.scope, t.key] }),
    check('idempotency_keys_state_known', sql`${t.state} in ('in_flight','done')`),
  ],
)

/** Evidence files; the bytes live content-addressed under the data directory (`evidence/ab/abcd…`). */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claims.id),
    sha256: text('sha256').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    fileName: text('file_name'),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    unique('attachments_claim_sha256_unique').on(t.claimId, t.sha256),
    check('attachments_size_positive', sql`${t.size} > 0`),
  ],
)
