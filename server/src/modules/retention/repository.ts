/**
 * All of the retention job's SQL (docs/operations.md, Retention). Claims are taken in batches with
 * FOR UPDATE SKIP LOCKED and marked `personal_data_erased_at`, so several processes may run the job
 * at once, each on other claims, and a second run finds nothing left to do. Only the personal
 * columns change: the totals triggers watch none of them, so the figures stay as they were.
 */
import { sql, type SQL } from 'drizzle-orm'
import type { Database, Transaction } from '../../db/client'
import { rawRows } from '../../db/raw'

/** What an erased free-text column that may not be empty reads afterwards. */
export const ERASED_TEXT = '（已按保存期限删除）'

export interface StoredFileRow {
  id: string
  sha256: string
  /** Another claim whose personal data is kept still refers to the same bytes. */
  kept: boolean
}

const list = (values: readonly string[]): SQL => sql`(${sql.join(values.map((v) => sql`${v}`), sql`, `)})`
const uuids = (values: readonly string[]): SQL => sql`(${sql.join(values.map((v) => sql`${v}::uuid`), sql`, `)})`

async function eraseRows(tx: Transaction, ids: string[], now: Date): Promise<void> {
  const claimIds = uuids(ids)
  await tx.execute(sql`
    update claims set
      claimant_user_id = null, claimant_name = ${ERASED_TEXT},
      claimant_phone_enc = null, claimant_phone_hash = null, claimant_phone_masked = null,
      claimant_id_enc = null, claimant_id_hash = null, claimant_id_masked = null,
      employer_address = null, project_address = null, site_address = null, site_lat = null, site_lng = null,
      co_workers = '[]'::jsonb, description = ${ERASED_TEXT}, worker_consent_note = null, rating_comment = null,
      reporter_name = null, reporter_phone_enc = null, reporter_phone_hash = null, reporter_phone_masked = null,
      personal_data_erased_at = ${now.toISOString()}::timestamptz
    where id in ${claimIds}`)
  // The audit log's and the ledger's free text (their triggers allow only this, only here).
  await tx.execute(sql`update claim_events set note = null, detail = null
    where claim_id in ${claimIds} and (note is not null or detail is not null)`)
  await tx.execute(sql`update recoveries set worker_name = null, note = null,
      reason = case when reason is null then null else ${ERASED_TEXT} end
    where claim_id in ${claimIds} and (worker_name is not null or note is not null or reason is not null)`)
  await tx.execute(sql`update recovery_disputes set note = ${ERASED_TEXT}, resolution = null where claim_id in ${claimIds}`)
  await tx.execute(sql`update case_outcomes set note = null where claim_id in ${claimIds} and note is not null`)
  await tx.execute(sql`update case_documents set served_to = null, decision_note = null, details = '{}'::jsonb where claim_id in ${claimIds}`)
  // What the national platform sent and was sent: the claim's reference and statuses stay in the row.
  await tx.execute(sql`update national_clues set payload = '{}'::jsonb where claim_id in ${claimIds}`)
  await tx.execute(sql`update national_outbox set payload = '{}'::jsonb, response = null
    where claim_id in ${claimIds} and status in ('sent', 'failed')`)
  await tx.execute(sql`delete from notification_outbox where claim_id in ${claimIds} and state <> 'pending'`)
}

export function createRetentionRepository(db: Database) {
  return {
    /**
     * Erases the personal data of at most `limit` claims finished before `cutoff` and not erased
     * yet, in one transaction; returns their ids (none: nothing left to do).
     */
    async eraseDueClaims(cutoff: Date, openStatuses: readonly string[], limit: number, now: Date): Promise<string[]> {
      return db.transaction(async (tx) => {
        // Transaction-local: lets the append-only triggers accept this transaction's blanking.
        await tx.execute(sql`select set_config('huxin.erasure', 'on', true)`)
        const due = await rawRows<{ id: string }>(
          tx,
          sql`select id from claims
              where finished_at is not null and personal_data_erased_at is null
                and finished_at < ${cutoff.toISOString()}::timestamptz and status not in ${list(openStatuses)}
              order by finished_at limit ${limit}
              for update skip locked`,
        )
        const ids = due.map((d) => d.id)
        if (ids.length > 0) await eraseRows(tx, ids, now)
        return ids
      })
    },

    /**
     * Evidence rows of erased claims, at most `limit`, locked: `release` removes the files no kept
     * claim refers to, then the rows go. If `release` fails, the rows stay for the next run.
     */
    async releaseErasedEvidence(limit: number, release: (rows: StoredFileRow[]) => Promise<void>): Promise<number> {
      return db.transaction(async (tx) => {
        const rows = await rawRows<StoredFileRow>(
          tx,
          sql`select a.id, a.sha256, exists (
                select 1 from attachments b join claims k on k.id = b.claim_id
                where b.sha256 = a.sha256 and k.personal_data_erased_at is null) as kept
              from attachments a join claims c on c.id = a.claim_id
              where c.personal_data_erased_at is not null
              limit ${limit}
              for update of a skip locked`,
        )
        if (rows.length === 0) return 0
        await release(rows)
        await tx.execute(sql`delete from attachments where id in ${uuids(rows.map((r) => r.id))}`)
        return rows.length
      })
    },

    /** The same for the PDFs of erased claims' documents; the document rows stay, marked. */
    async releaseErasedDocuments(limit: number, now: Date, release: (rows: StoredFileRow[]) => Promise<void>): Promise<number> {
      return db.transaction(async (tx) => {
        const rows = await rawRows<StoredFileRow>(
          tx,
          sql`select d.id, d.sha256, exists (
                select 1 from case_documents e join claims k on k.id = e.claim_id
                where e.sha256 = d.sha256 and k.personal_data_erased_at is null) as kept
              from case_documents d join claims c on c.id = d.claim_id
              where c.personal_data_erased_at is not null and d.sha256 is not null and d.file_erased_at is null
              limit ${limit}
              for update of d skip locked`,
        )
        if (rows.length === 0) return 0
        await release(rows)
        await tx.execute(sql`update case_documents set file_erased_at = ${now.toISOString()}::timestamptz
          where id in ${uuids(rows.map((r) => r.id))}`)
        return rows.length
      })
    },

    /**
     * Of `hashes`, those a row still names: any attachment (evidence), a document whose file was
     * not erased (documents). No index on sha256: each call is one scan of the table, so the sweep
     * asks for a whole page of the store's listing (1,000 keys) at once.
     */
    async referencedHashes(namespace: StoredNamespace, hashes: readonly string[]): Promise<Set<string>> {
      if (hashes.length === 0) return new Set()
      const rows =
        namespace === 'evidence'
          ? await rawRows<{ sha256: string }>(db, sql`select distinct sha256 from attachments where sha256 in ${list(hashes)}`)
          : await rawRows<{ sha256: string }>(
              db,
              sql`select distinct sha256 from case_documents where sha256 in ${list(hashes)} and file_erased_at is null`,
            )
      return new Set(rows.map((row) => row.sha256))
    },
  }
}

/** The sweep's question, per namespace of the store (docs/storage.md, Sweep). */
export type StoredNamespace = 'evidence' | 'documents'

export type RetentionRepository = ReturnType<typeof createRetentionRepository>
