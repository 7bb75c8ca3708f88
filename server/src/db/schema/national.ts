/**
 * The national-platform sync engine's tables (docs/national-platform.md): the transactional
 * outbox, clues received from the platform, and the engine's small key/value state.
 */
import { sql } from 'drizzle-orm'
import { bigserial, check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { claims } from './claims'

/**
 * One row per message the platform must hear of, written in the same transaction as the claim
 * change it reports. `seq` orders a claim's messages; a row is sent only after every earlier row
 * of its claim was sent (causal order). `message_id` is what the platform deduplicates on.
 */
export const nationalOutbox = pgTable(
  'national_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claims.id),
    seq: integer('seq').notNull(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    messageId: uuid('message_id').notNull().unique(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** While `sending`: the lease; a worker that died holding it is replaced after it runs out. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    response: jsonb('response'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    unique('national_outbox_claim_seq_unique').on(t.claimId, t.seq),
    // The worker's scan: only unfinished rows, in due order.
    index('national_outbox_due_idx').on(t.nextAttemptAt, t.id).where(sql`${t.status} in ('pending','sending')`),
    index('national_outbox_failed_idx').on(t.id).where(sql`${t.status} = 'failed'`),
    check('national_outbox_status_known', sql`${t.status} in ('pending','sending','sent','failed')`),
    check('national_outbox_kind_known', sql`${t.kind} in ('register','progress','result','ack')`),
  ],
)

/**
 * Every clue the platform dispatched to us, once (the primary key is the dedupe): which claim it
 * became or was linked to, and how.
 */
export const nationalClues = pgTable(
  'national_clues',
  {
    clueId: text('clue_id').primaryKey(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claims.id),
    /** `created`: a new claim; `linked`: matched to a claim we already had. */
    disposition: text('disposition').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    payload: jsonb('payload').notNull(),
    receivedVia: text('received_via').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('national_clues_claim_idx').on(t.claimId),
    /** The figures count the clues that joined a claim we already had, by the day they came. */
    index('national_clues_linked_received_idx').on(t.receivedAt).where(sql`${t.disposition} = 'linked'`),
    check('national_clues_disposition_known', sql`${t.disposition} in ('created','linked')`),
  ],
)

/** Cursor of the pull, last pull/push times, the last reconciliation report. */
export const nationalSyncState = pgTable('national_sync_state', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * Nonces of signed requests the platform sent us (webhook), remembered for twice the signature
 * window: in the database, so every server process sharing it refuses a replay, not only the
 * process that saw the first delivery.
 */
export const nationalNonces = pgTable(
  'national_nonces',
  {
    key: text('key').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('national_nonces_expires_idx').on(t.expiresAt)],
)
