/**
 * The documents module's one repository: the documents of a case and the yearly number series.
 * Methods that change a document take the caller's transaction (the claim row locked there).
 */
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm'
import type { Database, Executor } from '../../db/client'
import { caseDocuments, documentCounters } from '../../db/schema/index'

export type DocumentRow = typeof caseDocuments.$inferSelect
export type NewDocument = typeof caseDocuments.$inferInsert
export type DocumentUpdate = Partial<Omit<NewDocument, 'id' | 'claimId' | 'kind'>>

export function createDocumentsRepository(db: Database) {
  return {
    async insertDocument(values: NewDocument, tx: Executor): Promise<DocumentRow> {
      const [row] = await tx.insert(caseDocuments).values(values).returning()
      if (!row) throw new Error('document insert returned nothing')
      return row
    },

    async findDocument(id: string, tx: Executor = db): Promise<DocumentRow | undefined> {
      const [row] = await tx.select().from(caseDocuments).where(eq(caseDocuments.id, id)).limit(1)
      return row
    },

    /** The document locked FOR UPDATE until the caller's transaction ends. */
    async lockDocument(id: string, tx: Executor): Promise<DocumentRow | undefined> {
      const [row] = await tx.select().from(caseDocuments).where(eq(caseDocuments.id, id)).limit(1).for('update')
      return row
    },

    async updateDocument(id: string, set: DocumentUpdate, tx: Executor): Promise<DocumentRow> {
      const [row] = await tx.update(caseDocuments).set(set).where(eq(caseDocuments.id, id)).returning()
      if (!row) throw new Error(`document ${id} vanished`)
      return row
    },

    /** A claim's documents in the order they were requested. */
    async listForClaim(claimId: string, tx: Executor = db): Promise<DocumentRow[]> {
      return tx
        .select()
        .from(caseDocuments)
        .where(eq(caseDocuments.claimId, claimId))
        .orderBy(asc(caseDocuments.requestedAt), asc(caseDocuments.id))
    },

    /** The document a retry with this Idempotency-Key already made. */
    async findByIdempotencyKey(claimId: string, key: string, tx: Executor = db): Promise<DocumentRow | undefined> {
      const [row] = await tx
        .select()
        .from(caseDocuments)
        .where(and(eq(caseDocuments.claimId, claimId), eq(caseDocuments.idempotencyKey, key)))
        .limit(1)
      return row
    },

    /** The newest document of a kind on a claim that was not refused. */
    async latestOfKind(claimId: string, kind: string, tx: Executor = db): Promise<DocumentRow | undefined> {
      const [row] = await tx
        .select()
        .from(caseDocuments)
        .where(and(eq(caseDocuments.claimId, claimId), eq(caseDocuments.kind, kind), ne(caseDocuments.status, 'refused')))
        .orderBy(desc(caseDocuments.requestedAt), desc(caseDocuments.id))
        .limit(1)
      return row
    },

    /**
     * The next number of a year's series. The counter row is incremented atomically and stays
     * locked until the caller's transaction ends, so two documents never share a number (a
     * rolled-back issue leaves a gap, which the series allows).
     */
    async nextNumber(year: number, tx: Executor): Promise<number> {
      const [row] = await tx
        .insert(documentCounters)
        .values({ year, last: 1 })
        .onConflictDoUpdate({ target: documentCounters.year, set: { last: sql`${documentCounters.last} + 1` } })
        .returning({ last: documentCounters.last })
      if (!row) throw new Error('document counter returned nothing')
      return row.last
    },
  }
}

export type DocumentsRepository = ReturnType<typeof createDocumentsRepository>
