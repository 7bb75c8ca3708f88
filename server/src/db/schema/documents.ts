import { sql } from 'drizzle-orm'
import { check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { users } from './auth'
import { claims } from './claims'

/**
 * The documents a case produces (docs/documents.md): notices, orders, decisions, transfers and the
 * closing approval form. A document is issued with a number of the bureau's yearly series and its
 * PDF stored content-addressed under the data directory (`documents/ab/abcd…`); the kinds a
 * supervisor approves wait as `pending_approval` (no number, no file) until approved.
 */
export const caseDocuments = pgTable(
  'case_documents',
  {
    id: uuid('id').primaryKey(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claims.id),
    kind: text('kind').notNull(),
    /** pending_approval → issued | refused; documents without approval are issued at once. */
    status: text('status').notNull(),
    /** The inputs of the document beyond the claim (pay deadline days, place, ground …). */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    /** A retry of the same request (Idempotency-Key) returns the same document. */
    idempotencyKey: text('idempotency_key'),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    /** The yearly series (Asia/Shanghai year of issue) and the number in it. */
    year: integer('year'),
    seq: integer('seq'),
    number: text('number'),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    sha256: text('sha256'),
    size: integer('size'),
    /** Service (送达): how, when, to whom, and who recorded it. */
    servedAt: timestamp('served_at', { withTimezone: true }),
    serviceMethod: text('service_method'),
    servedTo: text('served_to'),
    serviceRecordedBy: uuid('service_recorded_by').references(() => users.id),
    /** An order to pay: the end of the day by which the employer must pay (set on service). */
    payDueAt: timestamp('pay_due_at', { withTimezone: true }),
    /** The PDF was removed from the store by the retention job (migration 0022); the row stays. */
    fileErasedAt: timestamp('file_erased_at', { withTimezone: true }),
  },
  (t) => [
    index('case_documents_claim_idx').on(t.claimId, t.requestedAt),
    // The storage sweep asks which documents still name a stored PDF (by its hash).
    index('case_documents_sha256_idx').on(t.sha256).where(sql`${t.sha256} is not null`),
    unique('case_documents_year_seq_unique').on(t.year, t.seq),
    unique('case_documents_idempotency_unique').on(t.claimId, t.idempotencyKey),
    check('case_documents_status_known', sql`${t.status} in ('pending_approval','issued','refused')`),
    check(
      'case_documents_issued_complete',
      sql`${t.status} <> 'issued' or (${t.number} is not null and ${t.issuedAt} is not null and ${t.sha256} is not null)`,
    ),
  ],
)

/** The last number issued in each year's series (one row per year, incremented atomically). */
export const documentCounters = pgTable('document_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
})
