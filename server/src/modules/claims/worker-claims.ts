/**
 * What a worker does to their own claim after filing: withdraw it, add evidence.
 */
import type { Readable } from 'node:stream'
import { MAX_ATTACHMENTS_PER_CLAIM } from '@huxin/shared'
import type { Database } from '../../db/client'
import { UnsupportedMediaError, type EvidenceStore, type StoredFile } from './evidence-store'
import { HttpError, notFound } from '../../lib/http-errors'
import type { CaseWorkflow } from '../casework/index'
import type { AttachmentRow, ClaimRow, ClaimsRepository } from './repository/index'

export interface WorkerClaimDeps {
  db: Database
  claims: ClaimsRepository
  evidence: EvidenceStore
}

/** A worker sees only their own claims; any other id is "not found" (API.md: never reveal it exists). */
export async function findOwnClaim(deps: WorkerClaimDeps, claimId: string, userId: string): Promise<ClaimRow> {
  const claim = await deps.claims.findById(claimId)
  if (!claim || claim.claimantUserId !== userId) throw notFound('投诉')
  return claim
}

/** The claimant withdraws (API.md: before closure), through the case state machine. */
export async function withdrawClaim(
  deps: WorkerClaimDeps & { workflow: CaseWorkflow },
  claimId: string,
  userId: string,
  reason: string | undefined,
): Promise<ClaimRow> {
  return deps.workflow.transition(claimId, { id: userId, role: 'worker', towns: [] }, { action: 'withdraw', note: reason })
}

/**
 * Statuses a claimant may rate (docs/security.md, Ratings): `closed` only — the end of the
 * bureau's handling. Not `withdrawn` (the worker ended it), not `rejected` (open to review and
 * re-filing, and not a handling to judge yet) nor `resolved` (not yet closed).
 */
export const RATEABLE_STATUSES: readonly string[] = ['closed']

/** The claimant rates their closed claim once (API.md: 1–5, optional comment) → the claim. */
export async function rateClaim(
  deps: { db: Database; workflow: CaseWorkflow; now?: () => Date },
  claimId: string,
  userId: string,
  rating: { score: number; comment?: string | undefined },
): Promise<ClaimRow> {
  const actor = { id: userId, role: 'worker' as const, towns: [] }
  return deps.db.transaction(async (tx) => {
    // Another worker's claim, or none: 404, never revealing it exists.
    const claim = await deps.workflow.lockVisibleClaim(tx, claimId, actor)
    if (claim.ratingScore !== null) throw new HttpError(409, 'ALREADY_RATED', '您已评价过该投诉，每件投诉只能评价一次')
    if (!RATEABLE_STATUSES.includes(claim.status)) throw new HttpError(409, 'NOT_CLOSED', '投诉办结后才能评价')
    const { claim: rated } = await deps.workflow.writeClaimChange(tx, {
      kind: 'rated',
      before: claim,
      set: { ratingScore: rating.score, ratingComment: rating.comment?.trim() || null, ratedAt: deps.now?.() ?? new Date() },
      actor,
      // The score in the audit trail; the comment (free text, may name people) only on the claim.
      visibility: 'internal',
      note: `投诉人评价 ${rating.score} 分`,
    })
    return rated
  })
}

export interface AttachmentUpload {
  file: Readable
  fileName?: string
  /** true when the multipart limit cut the file short. */
  truncated(): boolean
}

/**
 * Stores one evidence file for a claim. The same bytes uploaded again (a retry) return the
 * existing attachment. Rejections (type, size, count) leave no file and no row behind.
 */
export async function addAttachment(
  deps: WorkerClaimDeps,
  claimId: string,
  userId: string,
  upload: AttachmentUpload,
): Promise<{ attachment: AttachmentRow; created: boolean }> {
  await findOwnClaim(deps, claimId, userId)
  let stored: StoredFile
  try {
    stored = await deps.evidence.receive(upload.file)
  } catch (error) {
    if (error instanceof UnsupportedMediaError) {
      throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', '只能上传照片（JPEG、PNG、WebP、HEIC）或 PDF 文件')
    }
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge()
    throw error
  }
  if (upload.truncated()) {
    await deps.evidence.discard(stored)
    throw fileTooLarge()
  }
  try {
    // Refused before the store is touched: a retry of the same bytes, the tenth file. The
    // transaction below checks both again under the claim's lock.
    const retried = await deps.claims.findAttachmentBySha(claimId, stored.sha256)
    if (retried) {
      await deps.evidence.discard(stored)
      return { attachment: retried, created: false }
    }
    if ((await deps.claims.countAttachments(claimId)) >= MAX_ATTACHMENTS_PER_CLAIM) throw tooManyAttachments()
    // The bytes reach the store before the row is written, so a row never points at nothing; and
    // outside the transaction, so a slow store never holds a database connection or the claim's
    // lock. A store that refuses is the API's 503 and no row is written.
    await deps.evidence.commit(stored)
    return await deps.db.transaction(async (tx) => {
      const claim = await deps.claims.lockById(claimId, tx)
      if (!claim) throw notFound('投诉')
      const existing = await deps.claims.findAttachmentBySha(claimId, stored.sha256, tx)
      if (existing) return { attachment: existing, created: false }
      // A concurrent upload took the last place: the stored bytes stay unreferenced (harmless,
      // content-addressed; the same bytes uploaded again reuse them).
      if ((await deps.claims.countAttachments(claimId, tx)) >= MAX_ATTACHMENTS_PER_CLAIM) throw tooManyAttachments()
      const attachment = await deps.claims.insertAttachment(
        {
          claimId,
          sha256: stored.sha256,
          mime: stored.mime,
          size: stored.size,
          fileName: upload.fileName?.slice(0, 200) || null,
          uploadedBy: userId,
        },
        tx,
      )
      return { attachment, created: true }
    })
  } catch (error) {
    await deps.evidence.discard(stored)
    throw error
  }
}

const tooManyAttachments = () => new HttpError(409, 'TOO_MANY_ATTACHMENTS', `每份投诉最多上传 ${MAX_ATTACHMENTS_PER_CLAIM} 个文件`)
const fileTooLarge = () => new HttpError(413, 'PAYLOAD_TOO_LARGE', '文件太大，每个文件不能超过 10 MB')
