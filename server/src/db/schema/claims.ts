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
  smallint,
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
    /** true when closeDueAt was counted past the years the holiday calendar knows. */
    closeDueProvisional: boolean('close_due_provisional').notNull().default(false),
    /**
     * When the 5-working-day acceptance clock started (null: at filing, createdAt); a rejected
     * claim reopened starts it again. With the paused working days it gives acceptDueAt, so a
     * holiday override can recompute the deadline (calendar module, deadline recompute).
     */
    acceptClockFrom: timestamp('accept_clock_from', { withTimezone: true }),
    /** Working days the acceptance clock stood still while material was requested (补正). */
    acceptPausedDays: integer('accept_paused_days').notNull().default(0),
    /** Set while the bureau waits for requested material: the acceptance clock is stopped. */
    materialRequestedAt: timestamp('material_requested_at', { withTimezone: true }),
    /** The staff member who entered a claim for a worker (hotline, walk-in, letter, referral). */
    filedBy: uuid('filed_by'),
    /** How the worker consented to a claim entered by staff: verbal or signed (PIPL Art. 14). */
    workerConsentHow: text('worker_consent_how'),
    workerConsentNote: text('worker_consent_note'),
    /** The legal ground of a rejection (不予受理), see shared/domain/acceptance.ts. */
    rejectReason: text('reject_reason'),
    /** A rejection for arbitration or legal aid names the help point the worker is sent to. */
    referToHelpPointId: uuid('refer_to_help_point_id'),
    /** A rejection because another bureau is competent names it (移送). */
    transferTo: text('transfer_to'),
    /** The national platform's deadline for a clue it dispatched (triage sorts by it). */
    nationalDueAt: timestamp('national_due_at', { withTimezone: true }),
    assigneeId: uuid('assignee_id'),
    groupId: uuid('group_id'),

    // Case work (docs/casework.md). The employer key (credit code, else normalised name) and the
    // group key (employer + project) are computed at filing; see shared/domain/employer-key.
    employerKey: text('employer_key').notNull().default(''),
    groupKey: text('group_key').notNull().default(''),
    /** A duplicate merged into another claim (staff merge); it leaves queues and group totals. */
    mergedIntoId: uuid('merged_into_id'),
    /** 立案: the 60-working-day clock (closeDueAt) starts here. */
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    /** The one 30-working-day extension (劳动保障监察条例 Art. 17), approved by a supervisor. */
    extendedAt: timestamp('extended_at', { withTimezone: true }),
    /** Service date of the order to pay (劳动保障监察条例 Art. 26). */
    orderServedAt: timestamp('order_served_at', { withTimezone: true }),
    /**
     * The pay deadline of the served order to pay; with orderServedAt, written only when the
     * service of a 责令支付通知书 is recorded (modules/documents): the police transfer's gate.
     */
    orderPayDueAt: timestamp('order_pay_due_at', { withTimezone: true }),
    /** When proof that the ordered money is still unpaid was put on file (刑法 Art. 276-1). */
    unpaidProofAt: timestamp('unpaid_proof_at', { withTimezone: true }),
    blacklistAppliedAt: timestamp('blacklist_applied_at', { withTimezone: true }),
    /** When the claim left the open statuses (resolved, closed, rejected, withdrawn, transferred). */
    finishedAt: timestamp('finished_at', { withTimezone: true }),

    /**
     * The number of workers an inspector confirmed (POST /claims/:id/workers-count); `workersCount`
     * stays what the claimant declared. Triage counts a declared figure only once confirmed.
     */
    workersCountConfirmed: integer('workers_count_confirmed'),
    /** The claimant's rating of a closed claim (POST /claims/:id/rating): once, 1–5. */
    ratingScore: smallint('rating_score'),
    ratingComment: text('rating_comment'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    /** The construction project the claim names (modules/projects), when filed through its sign. */
    projectId: uuid('project_id'),

    // Reports and inspections (migration 0020, docs/casework.md): a case without a worker to answer.
    /** complaint (a worker's claim) · report (举报, a third party or anonymous) · inspection (the bureau's own). */
    caseType: text('case_type').notNull().default('complaint'),
    /** What a report or inspection is about: wages, social_insurance, working_hours, contract, child_labour, obstruction, other. */
    reportKind: text('report_kind'),
    /** An anonymous report keeps no reporter data (a check constraint). */
    anonymous: boolean('anonymous').notNull().default(false),
    reporterName: text('reporter_name'),
    reporterPhoneEnc: text('reporter_phone_enc'),
    reporterPhoneHash: text('reporter_phone_hash'),
    reporterPhoneMasked: text('reporter_phone_masked'),
    /** The random draw an inspection came from (inspection_draws); null when entered by hand. */
    inspectionDrawId: uuid('inspection_draw_id'),
    /** When the retention job erased the claim's personal data (migration 0022, docs/operations.md). */
    personalDataErasedAt: timestamp('personal_data_erased_at', { withTimezone: true }),

    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The figures' ratings (GET /api/v1/stats) read rated claims by rating date.
    index('claims_rated_at_idx').on(t.ratedAt).where(sql`${t.ratedAt} is not null`),
    index('claims_town_status_idx').on(t.town, t.status, t.createdAt),
    // Partial indexes: most claims come from the mini-program (no clue id) and many carry no
    // phone; leaving the NULLs out keeps every filing's index work smaller.
    uniqueIndex('claims_national_clue_id_unique').on(t.nationalClueId).where(sql`${t.nationalClueId} is not null`),
    index('claims_claimant_phone_hash_idx').on(t.claimantPhoneHash).where(sql`${t.claimantPhoneHash} is not null`),
    index('claims_claimant_user_idx').on(t.claimantUserId, t.createdAt),
    // Triage reads only the claims awaiting acceptance: a small partial index per town.
    index('claims_triage_idx').on(t.town, t.acceptDueAt).where(sql`${t.status} = 'submitted' and ${t.mergedIntoId} is null`),
    index('claims_group_idx').on(t.groupId),
    index('claims_employer_key_idx').on(t.employerKey),
    index('claims_project_idx').on(t.projectId).where(sql`${t.projectId} is not null`),
    // The year's figures (GET /api/v1/stats) read claims by acceptance date.
    index('claims_accepted_at_idx').on(t.acceptedAt).where(sql`${t.acceptedAt} is not null`),
    index('claims_assignee_idx').on(t.assigneeId, t.status).where(sql`${t.assigneeId} is not null`),
    // The inspectors' map (GET /api/v1/claims/map, docs/casework.md, Map): only open claims with
    // a site. Town first, so an inspector reads the claims of their towns only; a supervisor of
    // every town walks this small index, not the table. The trailing columns make the cluster
    // counts (overdue included) index-only. The predicate must stay word for word the one in
    // modules/casework (the claims map, OPEN_SITED), or the planner cannot use the index.
    index('claims_map_idx')
      .on(t.town, t.siteLat, t.siteLng, t.status, t.acceptDueAt, t.closeDueAt, t.nationalDueAt)
      .where(
        sql`${t.status} in ('submitted','accepted','investigating','mediating','ordered_to_pay') and ${t.mergedIntoId} is null and ${t.siteLat} is not null and ${t.siteLng} is not null`,
      ),
    check('claims_amount_owed_positive', sql`${t.amountOwedFen} > 0 or (${t.caseType} <> 'complaint' and ${t.amountOwedFen} >= 0)`),
    check('claims_workers_count_positive', sql`${t.workersCount} > 0 or (${t.caseType} <> 'complaint' and ${t.workersCount} >= 0)`),
    check('claims_case_type_known', sql`${t.caseType} in ('complaint','report','inspection')`),
    check(
      'claims_report_kind_known',
      sql`${t.reportKind} is null or ${t.reportKind} in ('wages','social_insurance','working_hours','contract','child_labour','obstruction','other')`,
    ),
    check('claims_report_has_kind', sql`${t.caseType} = 'complaint' or ${t.reportKind} is not null`),
    check('claims_anonymous_keeps_no_reporter', sql`not ${t.anonymous} or (${t.reporterName} is null and ${t.reporterPhoneEnc} is null and ${t.reporterPhoneHash} is null)`),
    index('claims_case_kind_created_idx').on(t.createdAt, t.caseType, t.reportKind, t.source, t.town).where(sql`${t.mergedIntoId} is null`),
    index('claims_retention_due_idx').on(t.finishedAt).where(sql`${t.finishedAt} is not null and ${t.personalDataErasedAt} is null`),
    index('claims_inspection_draw_idx').on(t.inspectionDrawId).where(sql`${t.inspectionDrawId} is not null`),
    check('claims_workers_count_confirmed_positive', sql`${t.workersCountConfirmed} > 0`),
    check('claims_rating_score_range', sql`${t.ratingScore} between 1 and 5`),
    check('claims_rating_complete', sql`(${t.ratingScore} is null) = (${t.ratedAt} is null)`),
    check('claims_period_order', sql`${t.periodFrom} <= ${t.periodTo}`),
    check(
      'claims_status_known',
      sql`${t.status} in ('submitted','accepted','rejected','investigating','mediating','ordered_to_pay','resolved','closed','transferred_police','transferred_enforcement','withdrawn')`,
    ),
    check('claims_source_known', sql`${t.source} in ('miniprogram','national_platform','hotline','walk_in','letter','referral','inspection')`),
    check('claims_worker_consent_known', sql`${t.workerConsentHow} is null or ${t.workerConsentHow} in ('verbal','signed')`),
    check('claims_accept_paused_days_nonnegative', sql`${t.acceptPausedDays} >= 0`),
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
    /** Status before and after, for status changes; null for other events. */
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    /**
     * The legal ground of a decision (reject: time_barred, in_arbitration_or_court …;
     * request_material …) and what it names (help point, bureau): what a notice is written from.
     */
    reason: text('reason'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  // Append-only: a trigger in the migration refuses UPDATE, DELETE and TRUNCATE (docs/casework.md).
  (t) => [
    index('claim_events_claim_idx').on(t.claimId, t.createdAt),
    // Stats count police transfers and blacklist applications by date.
    index('claim_events_enforcement_idx')
      .on(t.type, t.createdAt)
      .where(sql`${t.type} in ('transfer_police', 'apply_blacklist')`),
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
    // The storage sweep and retention ask which rows still name a stored file (by its hash).
    index('attachments_sha256_idx').on(t.sha256),
    check('attachments_size_positive', sql`${t.size} > 0`),
  ],
)

/**
 * One employer + project (groupKey). Claims point at it through claims.group_id. Its totals are
 * kept by the database itself (triggers on claims, migration 0010: every writer, every path, in
 * the writer's transaction, so no update is lost) for the triage queue and the figures; they can
 * always be recomputed from the claims (`huxin_rebuild_totals()`, docs/casework.md).
 */
export const claimGroups = pgTable(
  'claim_groups',
  {
    id: uuid('id').primaryKey(),
    key: text('key').notNull().unique(),
    employerKey: text('employer_key').notNull(),
    /** Σ workersCount of the group's claims still pursued (not merged away, rejected or withdrawn). */
    workersTotal: integer('workers_total').notNull().default(0),
    /** Σ workersCount of the group's accepted (立案) claims, not merged away. */
    acceptedWorkers: integer('accepted_workers').notNull().default(0),
    /** When the accepted workers first reached 5: the group became a group case (counted once). */
    groupCaseAt: timestamp('group_case_at', { withTimezone: true }),
    /** The town of the claim whose acceptance made it a group case. */
    groupCaseTown: text('group_case_town'),
    createdAt: createdAt(),
  },
  (t) => [index('claim_groups_group_case_idx').on(t.groupCaseAt).where(sql`${t.groupCaseAt} is not null`)],
)

/** The employers registry (docs/casework.md, Figures): blacklist status and construction wage-guarantee deposit. */
export const employers = pgTable(
  'employers',
  {
    key: text('key').primaryKey(),
    id: uuid('id').notNull().unique(),
    name: text('name').notNull(),
    creditCode: text('credit_code'),
    /** none · applied (a case applied, Art. 48) · listed (on the 失信 list). */
    blacklistStatus: text('blacklist_status').notNull().default('none'),
    /** 保障农民工工资支付条例 Art. 32–33: stored / exempt / deferred; null = not a permit holder. */
    depositStatus: text('deposit_status'),
    depositFen: bigint('deposit_fen', { mode: 'number' }),
    /** Claims naming this employer, not merged away (kept by triggers, migration 0010). */
    claimsCount: integer('claims_count').notNull().default(0),
    /**
     * In the register of employers under supervision (admins' entries and the market-regulation
     * list); false for an employer known only because a claim named it.
     */
    supervised: boolean('supervised').notNull().default(false),
    /** The register's fields: town code, industry, size (null for employers only claims named). */
    town: text('town'),
    industry: text('industry'),
    size: text('size'),
    /** `normaliseName(name)` of a register entry: claims without a credit code meet it by name. */
    nameKey: text('name_key'),
    /** A claim-named employer a person linked to its register entry (the entry's key). */
    linkedKey: text('linked_key'),
    createdAt: createdAt(),
  },
  (t) => [
    index('employers_register_name_idx').on(t.nameKey).where(sql`${t.supervised}`),
    index('employers_register_town_idx').on(t.town).where(sql`${t.supervised}`),
    check('employers_blacklist_known', sql`${t.blacklistStatus} in ('none','applied','listed')`),
    check('employers_deposit_known', sql`${t.depositStatus} is null or ${t.depositStatus} in ('stored','exempt','deferred')`),
  ],
)

/** Every staff view of full PII: who, when, which claim, which fields (PIPL Art. 51). */
export const piiAccessLog = pgTable(
  'pii_access_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claims.id),
    fields: text('fields').array().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pii_access_log_claim_idx').on(t.claimId, t.at), index('pii_access_log_actor_idx').on(t.actorId, t.at)],
)
