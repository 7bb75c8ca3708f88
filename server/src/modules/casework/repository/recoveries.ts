/** The recovery ledger: one row per payment recorded, confirmed by the claimant at most once. */
import { and, asc, eq, sql } from 'drizzle-orm'
import type { Database, Executor } from '../../../db/client'
import { recoveries } from '../../../db/schema/index'
import type { RecoveryRow } from '../../claims/index'

export type NewRecovery = typeof recoveries.$inferInsert

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

    async markConfirmed(recoveryId: string, at: Date, tx: Executor): Promise<RecoveryRow> {
      const [row] = await tx.update(recoveries).set({ confirmedAt: at }).where(eq(recoveries.id, recoveryId)).returning()
      if (!row) throw new Error('recovery vanished')
      return row
    },

    /** Wages recovered for a claim so far (fen), read in the caller's transaction. */
    async recoveredWagesFen(claimId: string, tx: Executor = db): Promise<number> {
      const [row] = await tx
        .select({ fen: sql<number | string>`coalesce(sum(${recoveries.amountFen}), 0)` })
        .from(recoveries)
        .where(and(eq(recoveries.claimId, claimId), eq(recoveries.kind, 'wages')))
      return Number(row?.fen ?? 0)
    },

    /** A claim's ledger in the order the money was paid. */
    async listRecoveries(claimId: string, tx: Executor = db): Promise<RecoveryRow[]> {
      return tx.select().from(recoveries).where(eq(recoveries.claimId, claimId)).orderBy(asc(recoveries.paidAt), asc(recoveries.id))
    },
  }
}
