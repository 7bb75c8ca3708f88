/**
 * A help point's own row. Every write runs in one transaction with its audit row and its NOTIFY
 * (changes.ts): an open map learns of exactly what committed, and the audit table keeps what a
 * point was before and after.
 */
import { eq, sql } from 'drizzle-orm'
import type { HelpPointStatus } from '@huxin/shared'
import type { Database, Executor } from '../../../db/client'
import { helpPoints } from '../../../db/schema/index'
import { recordChanges, type HelpPointChangeKind, type RecordedChange } from './changes'

export type HelpPointRow = typeof helpPoints.$inferSelect
export type NewHelpPoint = typeof helpPoints.$inferInsert

/** Rows an import inserts a statement (measured fastest on PGlite): a few statements, not three per row. */
const IMPORT_INSERT_BATCH = 100
/** Audit rows (and NOTIFYs) an import records a statement. */
const IMPORT_RECORD_BATCH = 500

/** The fields an audit row keeps of a point (before/after). */
function snapshot(row: HelpPointRow): Record<string, unknown> {
  return {
    name: row.name,
    kind: row.kind,
    address: row.address,
    lat: row.lat,
    lng: row.lng,
    phones: row.phones,
    hours: row.hours,
    exceptions: row.hoursExceptions,
    openOnHolidays: row.openOnHolidays,
    services: row.services,
    town: row.town,
    status: row.status,
    statusNote: row.statusNote,
    isSample: row.isSample,
  }
}

/** The audit record of a change to the whole row, with the status the row has after it. */
function rowChange(
  change: Exclude<HelpPointChangeKind, 'status'>,
  row: HelpPointRow,
  by: string | null,
  before: HelpPointRow | null,
  after: HelpPointRow | null,
): RecordedChange {
  return {
    helpPointId: row.id,
    change,
    before: before && snapshot(before),
    after: after && snapshot(after),
    status: row.status,
    statusNote: row.statusNote,
    statusChangedAt: row.statusChangedAt,
    changedBy: by,
  }
}

async function insertRecorded(tx: Executor, values: NewHelpPoint, by: string | null, change: 'create' | 'import'): Promise<HelpPointRow> {
  const [row] = await tx.insert(helpPoints).values(values).returning()
  if (!row) throw new Error('help point insert returned nothing')
  await recordChanges([rowChange(change, row, by, null, row)], tx)
  return row
}

/** Locks the row for a read-modify-write inside a transaction. */
async function findForUpdate(id: string, tx: Executor): Promise<HelpPointRow | undefined> {
  const [row] = await tx.select().from(helpPoints).where(eq(helpPoints.id, id)).for('update').limit(1)
  return row
}

async function updateRow(id: string, values: Partial<NewHelpPoint>, tx: Executor): Promise<HelpPointRow> {
  const [row] = await tx
    .update(helpPoints)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(helpPoints.id, id))
    .returning()
  if (!row) throw new Error('help point update returned nothing')
  return row
}

export function createPointStore(db: Database) {
  return {
    async findById(id: string, tx: Executor = db): Promise<HelpPointRow | undefined> {
      const [row] = await tx.select().from(helpPoints).where(eq(helpPoints.id, id)).limit(1)
      return row
    },

    create(values: NewHelpPoint, by: string): Promise<HelpPointRow> {
      return db.transaction((tx) => insertRecorded(tx, values, by, 'create'))
    },

    /**
     * Changes a point under a row lock: `valuesFor` works out the new values from the current row,
     * or throws, and then nothing is written. Undefined when there is no such point.
     */
    update(id: string, by: string, valuesFor: (current: HelpPointRow) => Partial<NewHelpPoint>): Promise<HelpPointRow | undefined> {
      return db.transaction(async (tx) => {
        const current = await findForUpdate(id, tx)
        if (!current) return undefined
        const row = await updateRow(id, { ...valuesFor(current), updatedBy: by }, tx)
        await recordChanges([rowChange('update', row, by, current, row)], tx)
        return row
      })
    },

    /** Sets the live status and its note under a row lock. Undefined when there is no such point. */
    setStatus(id: string, status: HelpPointStatus, note: string | null, by: string): Promise<HelpPointRow | undefined> {
      return db.transaction(async (tx) => {
        const current = await findForUpdate(id, tx)
        if (!current) return undefined
        const now = new Date()
        const row = await updateRow(id, { status, statusNote: note, statusChangedAt: now, statusChangedBy: by, updatedBy: by }, tx)
        await recordChanges(
          [
            {
              helpPointId: id,
              change: 'status',
              before: { status: current.status, statusNote: current.statusNote },
              after: { status, statusNote: note },
              status,
              statusNote: note,
              statusChangedAt: now,
              changedBy: by,
            },
          ],
          tx,
        )
        return row
      })
    },

    /** The deleted row, or undefined when there is no such point; the audit row keeps what it was. */
    delete(id: string, by: string): Promise<HelpPointRow | undefined> {
      return db.transaction(async (tx) => {
        const [row] = await tx.delete(helpPoints).where(eq(helpPoints.id, id)).returning()
        if (row) await recordChanges([rowChange('delete', row, by, row, null)], tx)
        return row
      })
    },

    /** An import's good rows, in one transaction; with `replaceSamples` the sample points go first. */
    async importRows(values: NewHelpPoint[], by: string, replaceSamples: boolean): Promise<void> {
      await db.transaction(async (tx) => {
        const changes: RecordedChange[] = []
        if (replaceSamples) {
          for (const row of await tx.delete(helpPoints).where(eq(helpPoints.isSample, true)).returning()) {
            changes.push(rowChange('delete', row, by, row, null))
          }
        }
        for (let i = 0; i < values.length; i += IMPORT_INSERT_BATCH) {
          for (const row of await tx.insert(helpPoints).values(values.slice(i, i + IMPORT_INSERT_BATCH)).returning()) {
            changes.push(rowChange('import', row, by, null, row))
          }
        }
        for (let i = 0; i < changes.length; i += IMPORT_RECORD_BATCH) await recordChanges(changes.slice(i, i + IMPORT_RECORD_BATCH), tx)
      })
    },

    /**
     * Inserts the demo set (each recorded as created by nobody) when the table holds no point;
     * returns how many. Safe when several processes start at once: an advisory lock serialises
     * the check and the insert.
     */
    loadDemoIfEmpty(values: () => NewHelpPoint[]): Promise<number> {
      return db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('huxin_help_points_demo'))`)
        const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(helpPoints)
        if (Number(count?.n ?? 0) > 0) return 0
        const demo = values()
        for (const value of demo) await insertRecorded(tx, value, null, 'create')
        return demo.length
      })
    },
  }
}
