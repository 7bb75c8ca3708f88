/**
 * Claims, their timeline events and evidence attachments: reads, the row lock, new events and
 * attachments.
 */
import { and, asc, count, desc, eq, lt, or } from 'drizzle-orm'
import type { Database, Executor } from '../../../db/client'
import { attachments, claimEvents, claims, type recoveries, type StoredCoWorker } from '../../../db/schema/index'
import { cursorInstant, cursorText, isUuid } from '../../../lib/cursor'

export type ClaimRow = typeof claims.$inferSelect
export type ClaimEventRow = typeof claimEvents.$inferSelect
export type EventVisibility = 'worker' | 'internal'
export type AttachmentRow = typeof attachments.$inferSelect
export type RecoveryRow = typeof recoveries.$inferSelect
export type { StoredCoWorker }

/** Keyset position in a newest-first list: (created_at, id) of the last row seen. */
export interface ListCursor {
  createdAt: Date
  id: string
}

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url')
}

export function decodeCursor(cursor: string): ListCursor | undefined {
  const [at, id, ...rest] = cursorText(cursor)?.split('|') ?? []
  const createdAt = cursorInstant(at)
  if (!createdAt || !isUuid(id) || rest.length > 0) return undefined
  return { createdAt, id }
}

export function createClaimRecords(db: Database) {
  return {
    async findById(id: string, tx: Executor = db): Promise<ClaimRow | undefined> {
      const [row] = await tx.select().from(claims).where(eq(claims.id, id)).limit(1)
      return row
    },

    /** Locks the claim row for the rest of the transaction (status changes, attachment limits). */
    async lockById(id: string, tx: Executor): Promise<ClaimRow | undefined> {
      const [row] = await tx.select().from(claims).where(eq(claims.id, id)).limit(1).for('update')
      return row
    },

    /** A worker's own claims, newest first, keyset-paginated. */
    async listForClaimant(userId: string, limit: number, after?: ListCursor, tx: Executor = db): Promise<ClaimRow[]> {
      const position = after
        ? or(lt(claims.createdAt, after.createdAt), and(eq(claims.createdAt, after.createdAt), lt(claims.id, after.id)))
        : undefined
      return tx
        .select()
        .from(claims)
        .where(and(eq(claims.claimantUserId, userId), position))
        .orderBy(desc(claims.createdAt), desc(claims.id))
        .limit(limit)
    },

    async listAttachments(claimId: string, tx: Executor = db): Promise<AttachmentRow[]> {
      return tx.select().from(attachments).where(eq(attachments.claimId, claimId)).orderBy(asc(attachments.createdAt))
    },

    async countAttachments(claimId: string, tx: Executor = db): Promise<number> {
      const [row] = await tx.select({ n: count() }).from(attachments).where(eq(attachments.claimId, claimId))
      return row?.n ?? 0
    },

    async findAttachment(claimId: string, attachmentId: string, tx: Executor = db): Promise<AttachmentRow | undefined> {
      const [row] = await tx
        .select()
        .from(attachments)
        .where(and(eq(attachments.claimId, claimId), eq(attachments.id, attachmentId)))
        .limit(1)
      return row
    },

    async findAttachmentBySha(claimId: string, sha256: string, tx: Executor = db): Promise<AttachmentRow | undefined> {
      const [row] = await tx
        .select()
        .from(attachments)
        .where(and(eq(attachments.claimId, claimId), eq(attachments.sha256, sha256)))
        .limit(1)
      return row
    },

    async insertAttachment(values: typeof attachments.$inferInsert, tx: Executor): Promise<AttachmentRow> {
      const [row] = await tx.insert(attachments).values(values).returning()
      if (!row) throw new Error('attachment insert returned nothing')
      return row
    },

    async addEvent(
      event: { claimId: string; type: string; visibility: EventVisibility; actorId?: string; note?: string },
      tx: Executor = db,
    ): Promise<ClaimEventRow> {
      const [row] = await tx.insert(claimEvents).values(event).returning()
      if (!row) throw new Error('event insert returned nothing')
      return row
    },

    async listEvents(claimId: string, onlyVisibility?: EventVisibility, tx: Executor = db): Promise<ClaimEventRow[]> {
      const where = onlyVisibility
        ? and(eq(claimEvents.claimId, claimId), eq(claimEvents.visibility, onlyVisibility))
        : eq(claimEvents.claimId, claimId)
      return tx.select().from(claimEvents).where(where).orderBy(asc(claimEvents.createdAt), asc(claimEvents.id))
    },
  }
}
