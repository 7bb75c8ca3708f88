/**
 * One database handle for both engines: embedded PGlite (default, no server needed) and
 * node-postgres against a real PostgreSQL (`DATABASE_URL`). The rest of the server sees only
 * `Database`, the query builder type both drivers share.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { cube } from '@electric-sql/pglite/contrib/cube'
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance'
import { sql } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import { lockDataDir, type DataDirLock } from './data-dir-lock'
import { rawRow } from './raw'
import * as schema from './schema/index'

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]
/** Repository methods take either the database or a transaction they must run inside. */
export type Executor = Database | Transaction

export type DatabaseKind = 'pglite' | 'postgres'

export interface DatabaseHandle {
  kind: DatabaseKind
  db: Database
  /** Applies the SQL migrations in `migrationsDir` (idempotent). */
  migrate(migrationsDir: string): Promise<void>
  /** Number of migrations in the folder and how many the database has applied. */
  migrationStatus(migrationsDir: string): Promise<{ expected: number; applied: number }>
  ping(): Promise<void>
  close(): Promise<void>
  /**
   * A parameterised statement straight to the driver, for the few hot paths where building the
   * statement with the query builder costs more than running it (see claims-repository).
   */
  query: RawQuery
  /**
   * LISTEN on a channel: NOTIFYs from any process sharing the database reach `handler`. On
   * PostgreSQL one dedicated connection per handle (reconnected after a loss); on PGlite its
   * own listen API. Resolves to a function that stops listening.
   */
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>
  /** The connections as `/metrics` reports them (modules/metrics). */
  poolStats(): PoolStats
}

/**
 * node-postgres: the pool's connections, idle ones and requests waiting for one. PGlite: one
 * in-process connection that serialises every query (`idle`/`waiting` are not observable: null).
 */
export interface PoolStats {
  max: number
  total: number
  idle: number | null
  waiting: number | null
}

/** Every process opening the database loads these (PGlite must, TOOLCHAIN.md). */
export const PGLITE_EXTENSIONS = { cube, earthdistance }

/** `name` makes it a prepared statement on PostgreSQL: parsed and planned once per connection. */
export type RawQuery = <Row = Record<string, unknown>>(
  text: string,
  params: unknown[],
  name?: string,
) => Promise<{ rows: Row[] }>

export interface OpenDatabaseOptions {
  /** postgres://… for node-postgres; otherwise PGlite. */
  databaseUrl?: string | undefined
  /** PGlite data directory (under the HuXin data dir); omitted = in memory (tests). */
  pgliteDir?: string | undefined
  poolSize?: number
}

function countMigrations(migrationsDir: string): number {
  const journal = path.join(migrationsDir, 'meta', '_journal.json')
  if (!existsSync(journal)) return 0
  const parsed = JSON.parse(readFileSync(journal, 'utf8')) as { entries: unknown[] }
  return parsed.entries.length
}

async function appliedMigrations(db: Database): Promise<number> {
  const exists = await rawRow<{ present: boolean }>(db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`)
  if (!exists?.present) return 0
  const result = await rawRow<{ n: number | string }>(db, sql`select count(*) as n from drizzle.__drizzle_migrations`)
  // count(*) is a number on PGlite and a string on node-postgres.
  return Number(result?.n ?? 0)
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    // jit=off: this is request-sized work, and PostgreSQL's JIT, triggered by a cost estimate, not a
    // measured cost, compiled a 16-position nearby batch for 180 ms on every execution (its LATERAL
    // KNN is costed at the whole index). A `options` in DATABASE_URL still wins.
    const max = options.poolSize ?? 10
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max, options: '-c jit=off' })
    // An idle client losing its connection must not crash the process.
    pool.on('error', () => {})
    const db = drizzlePg({ client: pool, schema }) as unknown as Database
    return {
      kind: 'postgres',
      db,
      migrate: (migrationsFolder) => migrateUnderLock(pool, migrationsFolder),
      migrationStatus: async (dir) => ({ expected: countMigrations(dir), applied: await appliedMigrations(db) }),
      ping: async () => {
        await pool.query('select 1')
      },
      query: async <Row,>(text: string, params: unknown[], name?: string) => {
        const result = await pool.query(name ? { name, text, values: params } : { text, values: params })
        return { rows: result.rows as Row[] }
      },
      listen: (channel, handler) => listenOnPostgres(options.databaseUrl!, channel, handler),
      poolStats: () => ({ max, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      close: async () => {
        await pool.end()
      },
    }
  }

  let lock: DataDirLock | undefined
  if (options.pgliteDir) {
    lock = lockDataDir(path.dirname(options.pgliteDir))
  }
  let client: PGlite
  try {
    client = await PGlite.create({ ...(options.pgliteDir ? { dataDir: options.pgliteDir } : {}), extensions: PGLITE_EXTENSIONS })
  } catch (error) {
    lock?.release()
    throw error
  }
  const pgliteDb = drizzlePglite({ client, schema })
  const db = pgliteDb as unknown as Database
  let closed = false
  return {
    kind: 'pglite',
    db,
    migrate: async (migrationsFolder) => {
      await migratePglite(pgliteDb, { migrationsFolder })
    },
    migrationStatus: async (dir) => ({ expected: countMigrations(dir), applied: await appliedMigrations(db) }),
    ping: async () => {
      await client.query('select 1')
    },
    query: async <Row,>(text: string, params: unknown[]) => {
      const result = await client.query<Row>(text, params)
      return { rows: result.rows }
    },
    poolStats: () => ({ max: 1, total: closed ? 0 : 1, idle: null, waiting: null }),
    listen: async (channel, handler) => {
      const unlisten = await client.listen(channel, handler)
      return async () => {
        if (!closed) await unlisten()
      }
    },
    close: async () => {
      if (closed) return
      closed = true
      try {
        // close() flushes PGlite's file system to the data directory.
        await client.close()
      } finally {
        lock?.release()
      }
    },
  }
}

/**
 * The key of the session-level advisory lock that serialises migrations (any bigint nobody else
 * uses; `select pg_advisory_unlock(…)` by hand if ever needed). Several API processes started
 * together against one database: the first takes the lock and migrates, the others wait on it,
 * then find every migration applied and go on. drizzle's migrator alone would let two of them
 * apply the same migration, and the second would fail (relation already exists) or apply it twice.
 */
export const MIGRATION_LOCK_KEY = 7_248_305_911_604_771n

async function migrateUnderLock(pool: pg.Pool, migrationsFolder: string): Promise<void> {
  // One connection takes the lock and runs the migrations: the lock belongs to its session.
  const client = await pool.connect()
  const key = MIGRATION_LOCK_KEY.toString()
  let unlocked = false
  try {
    await client.query('select pg_advisory_lock($1)', [key])
    try {
      await migratePg(drizzlePg({ client, schema }), { migrationsFolder })
    } finally {
      unlocked = await client.query('select pg_advisory_unlock($1)', [key]).then(() => true, () => false)
    }
  } finally {
    // A connection that may still hold the lock is closed, not pooled: its session's end frees it.
    client.release(!unlocked)
  }
}

/**
 * A dedicated connection that LISTENs (a pooled one would lose its LISTEN when returned). After
 * a lost connection it reconnects with a growing pause; notifications sent while it was away
 * are missed, which the live channel's polling fallback covers (`/help-points/changes`).
 */
async function listenOnPostgres(
  connectionString: string,
  channel: string,
  handler: (payload: string) => void,
): Promise<() => Promise<void>> {
  let stopped = false
  let client: pg.Client | undefined
  let retryTimer: NodeJS.Timeout | undefined
  let pause = 500
  const quoted = `"${channel.replaceAll('"', '""')}"`

  const lost = (which: pg.Client) => {
    if (stopped || client !== which) return
    client = undefined
    void which.end().catch(() => {})
    retryTimer = setTimeout(() => void connect().catch(() => {}), pause)
    retryTimer.unref()
    pause = Math.min(pause * 2, 10_000)
  }

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString })
    next.on('notification', (message) => {
      if (message.channel === channel) handler(message.payload ?? '')
    })
    next.on('error', () => lost(next))
    next.on('end', () => lost(next))
    client = next
    try {
      await next.connect()
      await next.query(`LISTEN ${quoted}`)
    } catch (error) {
      lost(next)
      throw error
    }
    pause = 500
  }

  try {
    await connect()
  } catch (error) {
    stopped = true
    clearTimeout(retryTimer)
    throw error
  }
  return async () => {
    stopped = true
    clearTimeout(retryTimer)
    const last = client
    client = undefined
    await last?.end().catch(() => {})
  }
}
