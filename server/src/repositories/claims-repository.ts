import { and, asc, eq, sql } from 'drizzle-orm'
import type { Database, Executor } from '../db/client'
import { claimEvents, claims, referenceCounters } from '../db/schema/index'

export type ClaimRow = typeof claims.$inferSelect
export type NewClaimRow = typeof claims.$inferInsert
export type ClaimEventRow = typeof claimEvents.$inferSelect
export type EventVisibility = 'worker' | 'internal'

export function createClaimsRepository(db: Database) {
  return {
    /**
     * Next human reference for a Shanghai calendar day, `JK-YYYYMMDD-NNNN`. The counter row is
     * bumped atomically, so concurrent filings on real PostgreSQL never share a number.
     */
    async nextReference(day: string, tx: Executor = db): Promise<string> {
      const compact = day.replaceAll('-', '')
      const [row] = await tx
        .insert(referenceCounters)
        .values({ day: compact, last: 1 })
        .onConflictDoUpdate({ target: referenceCounters.day, set: { last: sql`${referenceCounters.last} + 1` } })
        .returning({ last: referenceCounters.last })
      if (!row) throw new Error('reference counter did not return a value')
      return `JK-${compact}-${String(row.last).padStart(4, '0')}`
    },

    async insert(values: NewClaimRow, tx: Executor = db): Promise<ClaimRow> {
      const [row] = await tx.insert(claims).values(values).returning()
      if (!row) throw new Error('claim insert returned nothing')
      return row
    },

    async findById(id: string, tx: Executor = db): Promise<ClaimRow | undefined> {
      const [row] = await tx.select().from(claims).where(eq(claims.id, id)).limit(1)
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

export type ClaimsRepository = ReturnType<typeof createClaimsRepository>
