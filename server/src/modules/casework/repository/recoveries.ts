/**
 * The recovery ledger: one row per payment recorded, confirmed by the claimant at most once;
 * append-only (migration 0018), corrected only by a reversal row, and the claimant's disputes.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Database, Executor } from '../../../db/client'
import { recoveries, recoveryDisputes } from '../../../db/schema/index'
import type { RecoveryRow } from '../../claims/index'

export type NewRecovery = typeof recoveries.$inferInsert
export type DisputeRow = typeof recoveryDisputes.$inferSelect
export type NewDispute = typeof recoveryDisputes.$inferInsert

/** A ledger line as shown: the row, the reversal that cancelled it and the claimant's open dispute. */
export type LedgerRow = RecoveryRow & { reversedBy?: string | null; openDispute?: DisputeRow | null }

export function recoveryQueries(db: Database) {
  return {
    async insertRecovery(values: NewRecovery, tx: Executor): Promise<RecoveryRow> {
      const [row] = await tx.insert(recoveries).values(values).returning()
      if (!row) throw new Error('recovery insert returned nothing')
      return row
    },

    /** A recovery of this claim (undefined when the id belongs to another claim). */
    async findRecovery(recoveryId: string, claimId: string, tx: Executor = db): Promise<RecoveryRow | undefined> {
      const [row] = await tx
        .select()
        .from(recoveries)
        .where(and(eq(recoveries.id, recoveryId), eq(recoveries.claimId, claimId)))
        .limit(1)
      return row
    },

    /** The reversal of a recovery, if it was reversed. */
    async findReversalOf(recoveryId: string, tx: Executor = db): Promise<RecoveryRow | undefined> {
      const [row] = await tx.select().from(recoveries).where(eq(recoveries.reversalOf, recoveryId)).limit(1)
      return row
    },

    async markConfirmed(recoveryId: string, at: Date, tx: Executor): Promise<RecoveryRow> {
      const [row] = await tx.update(recoveries).set({ confirmedAt: at }).where(eq(recoveries.id, recoveryId)).returning()
      if (!row) throw new Error('recovery vanished')
      return row
    },

    /** Wages recovered for a claim so far, reversals deducted (fen), read in the caller's transaction. */
    async recoveredWagesFen(claimId: string, tx: Executor = db): Promise<number> {
      const [row] = await tx
        .select({ fen: sql<number | string>`coalesce(sum(${recoveries.amountFen}), 0)` })
        .from(recoveries)
        .where(and(eq(recoveries.claimId, claimId), eq(recoveries.kind, 'wages')))
      return Number(row?.fen ?? 0)
    },

    /** A claim's ledger in the order the money was paid, each line with its reversal and open dispute. */
    async listRecoveries(claimId: string, tx: Executor = db): Promise<LedgerRow[]> {
      const rows = await tx
        .select()
        .from(recoveries)
        .where(eq(recoveries.claimId, claimId))
        .orderBy(asc(recoveries.paidAt), asc(recoveries.createdAt), asc(recoveries.id))
      const disputes =
        rows.length === 0
          ? []
          : await tx
              .select()
              .from(recoveryDisputes)
              .where(and(eq(recoveryDisputes.claimId, claimId), isNull(recoveryDisputes.resolvedAt)))
      const reversedBy = new Map(rows.filter((r) => r.reversalOf).map((r) => [r.reversalOf as string, r.id]))
      const open = new Map(disputes.map((d) => [d.recoveryId, d]))
      return rows.map((r) => ({ ...r, reversedBy: reversedBy.get(r.id) ?? null, openDispute: open.get(r.id) ?? null }))
    },

    async insertDispute(values: NewDispute, tx: Executor): Promise<DisputeRow> {
      const [row] = await tx.insert(recoveryDisputes).values(values).returning()
      if (!row) throw new Error('dispute insert returned nothing')
      return row
    },

    async openDisputeOf(recoveryId: string, tx: Executor = db): Promise<DisputeRow | undefined> {
      const [row] = await tx
        .select()
        .from(recoveryDisputes)
        .where(and(eq(recoveryDisputes.recoveryId, recoveryId), isNull(recoveryDisputes.resolvedAt)))
        .limit(1)
      return row
    },

    /** Closes the open disputes of these recoveries (reversed, confirmed after all, or checked by staff). */
    async resolveDisputes(recoveryIds: string[], by: string, resolution: string, at: Date, tx: Executor): Promise<number> {
      if (recoveryIds.length === 0) return 0
      const rows = await tx
        .update(recoveryDisputes)
        .set({ resolvedAt: at, resolvedBy: by, resolution })
        .where(and(inArray(recoveryDisputes.recoveryId, recoveryIds), isNull(recoveryDisputes.resolvedAt)))
        .returning({ id: recoveryDisputes.id })
      return rows.length
    },
  }
}
