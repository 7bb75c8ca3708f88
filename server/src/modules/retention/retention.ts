/**
 * PIPL Art. 19: personal data is kept no longer than its purpose needs. The personal data of a
 * claim closed more than `retentionDays` ago is erased (docs/operations.md, Retention): run hourly
 * by every server process (maintenance.ts), batched, safe in several processes at once, and a
 * no-op once done. The claim's reference, dates, amounts, statuses and the figures stay.
 */
import { OPEN_STATUSES } from '@huxin/shared'
import type { Database } from '../../db/client'
import type { BackupFileStore, StoreName } from '../backup/index'
import { createRetentionRepository, type StoredFileRow } from './repository'

const DAY_MS = 86_400_000

export interface RetentionDeps {
  db: Database
  /** The evidence and document stores, through the backup module's file interface. */
  stores: Record<StoreName, Pick<BackupFileStore, 'remove'>>
  retentionDays: number
}

export interface RetentionResult {
  claims: number
  evidenceRows: number
  documentFiles: number
}

async function removeUnreferenced(store: Pick<BackupFileStore, 'remove'>, rows: StoredFileRow[]): Promise<void> {
  for (const key of new Set(rows.filter((r) => !r.kept).map((r) => r.sha256))) await store.remove(key)
}

export async function erasePersonalData(deps: RetentionDeps, now = new Date(), batchSize = 200): Promise<RetentionResult> {
  const repo = createRetentionRepository(deps.db)
  const cutoff = new Date(now.getTime() - deps.retentionDays * DAY_MS)
  const result: RetentionResult = { claims: 0, evidenceRows: 0, documentFiles: 0 }
  for (;;) {
    const ids = await repo.eraseDueClaims(cutoff, OPEN_STATUSES, batchSize, now)
    result.claims += ids.length
    if (ids.length < batchSize) break
  }
  // Files after the rows: a crash in between leaves rows of erased claims that the next run finds.
  for (;;) {
    const n = await repo.releaseErasedEvidence(batchSize, (rows) => removeUnreferenced(deps.stores.evidence, rows))
    result.evidenceRows += n
    if (n < batchSize) break
  }
  for (;;) {
    const n = await repo.releaseErasedDocuments(batchSize, now, (rows) => removeUnreferenced(deps.stores.documents, rows))
    result.documentFiles += n
    if (n < batchSize) break
  }
  return result
}
