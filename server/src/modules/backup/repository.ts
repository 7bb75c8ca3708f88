/**
 * All of the backup's SQL: one read-only REPEATABLE READ snapshot that exports every table of the
 * `public` schema as JSON rows (the same statements on PGlite and PostgreSQL, so `npm run backup`
 * needs no pg_dump and works on the embedded data directory), and the restore into an empty
 * database migrated to the same version.
 *
 * Rows travel as `row_to_json` text and come back through `json_populate_recordset`, so every
 * column type (jsonb, arrays, timestamps, bigint, double precision) round-trips exactly as
 * PostgreSQL prints and parses it.
 */
import { sql } from 'drizzle-orm'
import type { Database, Transaction } from '../../db/client'
import { rawRow, rawRows } from '../../db/raw'

/** Rows fetched from the snapshot's cursor, and inserted per statement on restore. */
export const BATCH_ROWS = 1_000

export interface SequenceState {
  name: string
  lastValue: string | null
}

export interface SnapshotReader {
  /** Migrations the database has applied, in order (drizzle's hashes). */
  migrations: string[]
  tables: string[]
  sequences: SequenceState[]
  /** Content addresses the snapshot's rows point at, per store. */
  referenced: { evidence: string[]; documents: string[] }
  /** Each row of `table` as JSON text, in batches. */
  rows(table: string): AsyncIterable<string[]>
}

const ident = (name: string) => sql.identifier(name)

async function listTables(db: Database | Transaction): Promise<string[]> {
  const rows = await rawRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`,
  )
  return rows.map((r) => r.name)
}

async function appliedMigrations(db: Database | Transaction): Promise<string[]> {
  const present = await rawRow<{ present: boolean }>(db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`)
  if (!present?.present) return []
  const rows = await rawRows<{ hash: string }>(db, sql`select hash from drizzle.__drizzle_migrations order by id`)
  return rows.map((r) => r.hash)
}

/** Columns of a table that refer to the table itself (a reversal to the recovery it cancels). */
async function selfReferences(db: Database | Transaction, table: string): Promise<string[]> {
  const rows = await rawRows<{ column: string }>(
    db,
    sql`select a.attname as column from pg_constraint k
        join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any(k.conkey)
        where k.contype = 'f' and k.conrelid = k.confrelid and k.conrelid = ${`public.${table}`}::regclass`,
  )
  return rows.map((r) => r.column)
}

/**
 * Runs `use` inside one read-only snapshot of the whole database: every table, the sequences and
 * the evidence references are read as of the same instant, while writers carry on.
 */
export async function withSnapshot<T>(db: Database, use: (reader: SnapshotReader) => Promise<T>): Promise<T> {
  return db.transaction(
    async (tx) => {
      const tables = await listTables(tx)
      const sequences = await rawRows<{ name: string; last_value: string | number | null }>(
        tx,
        sql`select sequencename as name, last_value from pg_sequences where schemaname = 'public' order by sequencename`,
      )
      const evidence = await rawRows<{ sha256: string }>(tx, sql`select distinct sha256 from attachments order by sha256`)
      const documents = await rawRows<{ sha256: string }>(
        tx,
        sql`select distinct sha256 from case_documents where sha256 is not null order by sha256`,
      )
      let cursors = 0
      const reader: SnapshotReader = {
        migrations: await appliedMigrations(tx),
        tables,
        sequences: sequences.map((s) => ({ name: s.name, lastValue: s.last_value === null ? null : String(s.last_value) })),
        referenced: { evidence: evidence.map((r) => r.sha256), documents: documents.map((r) => r.sha256) },
        async *rows(table) {
          // A self-referencing row comes after the row it names (restore inserts in this order).
          const selfRefs = await selfReferences(tx, table)
          const order = selfRefs.length > 0 ? sql.join(selfRefs.map((c) => sql`${ident(c)} is not null`), sql`, `) : sql`1`
          const cursor = ident(`huxin_backup_${++cursors}`)
          await tx.execute(sql`declare ${cursor} no scroll cursor for select row_to_json(t)::text as r from ${ident(table)} t order by ${order}`)
          for (;;) {
            const batch = await rawRows<{ r: string }>(tx, sql`fetch forward ${sql.raw(String(BATCH_ROWS))} from ${cursor}`)
            if (batch.length === 0) break
            yield batch.map((b) => b.r)
          }
          await tx.execute(sql`close ${cursor}`)
        },
      }
      return use(reader)
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  )
}

export interface RestoreSource {
  migrations: string[]
  tables: string[]
  sequences: SequenceState[]
  rows(table: string): AsyncIterable<string[]>
}

export class RestoreRefusedError extends Error {}

/**
 * The tables in an order that inserts every referenced row before the rows that refer to it
 * (foreign keys are checked as the rows arrive: disabling them would need a superuser).
 */
async function insertOrder(tx: Transaction, tables: string[]): Promise<string[]> {
  const edges = await rawRows<{ child: string; parent: string }>(
    tx,
    sql`select c.relname as child, p.relname as parent from pg_constraint k
        join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
        join pg_namespace n on n.oid = c.relnamespace
        where k.contype = 'f' and n.nspname = 'public' and k.conrelid <> k.confrelid`,
  )
  const ordered: string[] = []
  const done = new Set<string>()
  const visiting = new Set<string>()
  const visit = (table: string) => {
    if (done.has(table)) return
    if (visiting.has(table)) throw new Error(`foreign keys form a cycle through ${table}`)
    visiting.add(table)
    for (const edge of edges) if (edge.child === table && tables.includes(edge.parent)) visit(edge.parent)
    visiting.delete(table)
    done.add(table)
    ordered.push(table)
  }
  for (const table of tables) visit(table)
  return ordered
}

/**
 * Loads a snapshot into this database in one transaction. Refuses (RestoreRefusedError, nothing
 * written) unless the database has applied exactly the backup's migrations and holds no row in
 * any table. User triggers are off while loading: the totals, the audit log's notifications and
 * the outbox triggers must not fire again for rows that already carry their effects.
 */
export async function restoreSnapshot(db: Database, source: RestoreSource): Promise<{ rows: number }> {
  return db.transaction(async (tx) => {
    const migrations = await appliedMigrations(tx)
    if (migrations.join() !== source.migrations.join()) {
      throw new RestoreRefusedError(
        `the database has ${migrations.length} migrations applied and the backup was made with ${source.migrations.length}` +
          ' (or different ones): restore with the HuXin version that made the backup, into a database it migrated',
      )
    }
    const tables = await listTables(tx)
    const missing = source.tables.filter((t) => !tables.includes(t))
    if (missing.length > 0) throw new RestoreRefusedError(`the database has no table ${missing.join(', ')}`)
    const nonEmpty: string[] = []
    for (const table of tables) {
      const row = await rawRow<{ present: boolean }>(tx, sql`select exists (select 1 from ${ident(table)}) as present`)
      if (row?.present) nonEmpty.push(table)
    }
    if (nonEmpty.length > 0) {
      throw new RestoreRefusedError(`the database is not empty (rows in ${nonEmpty.join(', ')}): restore only into a new, migrated database`)
    }

    let rows = 0
    const order = await insertOrder(tx, source.tables)
    for (const table of order) await tx.execute(sql`alter table ${ident(table)} disable trigger user`)
    for (const table of order) {
      const columns = await rawRows<{ name: string; identity: string }>(
        tx,
        sql`select column_name as name, is_identity as identity from information_schema.columns
            where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER' order by ordinal_position`,
      )
      const list = sql.join(columns.map((c) => ident(c.name)), sql`, `)
      const overriding = columns.some((c) => c.identity === 'YES') ? sql`overriding system value` : sql``
      for await (const batch of source.rows(table)) {
        const json = `[${batch.join(',')}]`
        await tx.execute(
          sql`insert into ${ident(table)} (${list}) ${overriding}
              select ${list} from json_populate_recordset(null::${ident(table)}, ${json}::json)`,
        )
        rows += batch.length
      }
    }
    for (const table of order) await tx.execute(sql`alter table ${ident(table)} enable trigger user`)
    for (const s of source.sequences) {
      const name = `public.${s.name}`
      if (s.lastValue === null) await tx.execute(sql`select setval(${name}::regclass, 1, false)`)
      else await tx.execute(sql`select setval(${name}::regclass, ${s.lastValue}::bigint, true)`)
    }
    return { rows }
  })
}

/** Counts of every table, for a restore's report and the tests. */
export async function tableCounts(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of await listTables(db)) {
    const row = await rawRow<{ n: number | string }>(db, sql`select count(*) as n from ${ident(table)}`)
    counts[table] = Number(row?.n ?? 0)
  }
  return counts
}
