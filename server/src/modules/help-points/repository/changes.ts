/**
 * The audit trail of help points (help_point_changes) and the live channel: every change is
 * recorded and NOTIFYed in the transaction that makes it, so both happen only if it commits. The
 * polling feed (`/changes`) and a point's status history read the same rows.
 */
import { desc, sql } from 'drizzle-orm'
import type { Database, Executor, RawQuery } from '../../../db/client'
import { helpPointChanges } from '../../../db/schema/index'

export type HelpPointChangeKind = 'create' | 'update' | 'status' | 'delete' | 'import'

/** The NOTIFY channel every process LISTENs on (live.ts). */
export const HELP_POINTS_CHANNEL = 'huxin_help_points'

/** The live channel's three kinds of change (API: SSE event `help-point`). */
export function eventChange(change: HelpPointChangeKind): 'status' | 'upsert' | 'delete' {
  return change === 'status' || change === 'delete' ? change : 'upsert'
}

export interface ChangeRow {
  id: string
  change: HelpPointChangeKind
  status: string
  status_note: string | null
  status_changed_at: Date | string | null
  changed_at: Date | string
  cursor: string
}

export interface RecordedChange {
  helpPointId: string
  change: HelpPointChangeKind
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
  status: string
  statusNote: string | null
  statusChangedAt: Date | null
  changedBy: string | null
}

// `cursor` keeps the microseconds (a JS Date would drop them): pages of a big import never skip
// the rows that share a millisecond with the last row of a page.
const CHANGES_SQL = `select help_point_id as id, change, status, status_note, status_changed_at, changed_at,
    to_char(changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor
  from help_point_changes where changed_at > $1::timestamptz order by changed_at, id limit $2`

/**
 * Records changes in the caller's transaction: the audit rows in one statement, then one NOTIFY
 * each, in order, in another.
 */
export async function recordChanges(changes: RecordedChange[], tx: Executor): Promise<void> {
  if (changes.length === 0) return
  const rows = await tx
    .insert(helpPointChanges)
    .values(
      changes.map((change, i) => ({
        helpPointId: change.helpPointId,
        change: change.change,
        before: change.before ?? null,
        after: change.after ?? null,
        status: change.status,
        statusNote: change.statusNote,
        statusChangedAt: change.statusChangedAt,
        changedBy: change.changedBy,
        // The moment of the statement, not of the transaction's start, plus the row's position
        // in microseconds: the rows of one import stay in order and apart, so the polling feed
        // can page through them with a timestamp cursor.
        changedAt: sql`clock_timestamp() + ${i} * interval '1 microsecond'`,
      })),
    )
    .returning({ id: helpPointChanges.helpPointId, changedAt: helpPointChanges.changedAt })
  const payloads = changes.map((change, i) =>
    JSON.stringify({
      id: change.helpPointId,
      status: change.status,
      statusNote: change.statusNote,
      statusChangedAt: change.statusChangedAt?.toISOString() ?? null,
      change: eventChange(change.change),
      at: rows[i]?.changedAt.toISOString(),
    }),
  )
  // One parameter (drizzle would spread a JS array into many); in order, one NOTIFY per change.
  await tx.execute(
    sql`select pg_notify(${HELP_POINTS_CHANNEL}, payload) from jsonb_array_elements_text(${JSON.stringify(payloads)}::jsonb) with ordinality as p(payload, n) order by n`,
  )
}

export function createChangeReads(db: Database, query: RawQuery) {
  return {
    /** The polling feed: changes after `since`, oldest first. */
    changesSince(since: string, limit: number) {
      return query<ChangeRow>(CHANGES_SQL, [since, limit], 'help_points_changes')
    },

    /** The database's clock, which stamped the changes. */
    async now(): Promise<Date> {
      const { rows } = await query<{ now: Date | string }>('select now() as now', [])
      return new Date(rows[0]!.now)
    },

    /** A point's latest status changes, newest first. */
    async history(id: string, limit: number, tx: Executor = db) {
      return tx
        .select({ status: helpPointChanges.status, note: helpPointChanges.statusNote, at: helpPointChanges.changedAt })
        .from(helpPointChanges)
        .where(sql`${helpPointChanges.helpPointId} = ${id} and ${helpPointChanges.change} = 'status'`)
        .orderBy(desc(helpPointChanges.changedAt))
        .limit(limit)
    },
  }
}
