/**
 * Migrations on PostgreSQL run under an advisory lock (db/client.ts `MIGRATION_LOCK_KEY`): several
 * processes migrating one empty database at once all succeed, and each migration is applied once.
 * The built server processes doing the same are in tests/production/built-server.test.ts.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { MIGRATION_LOCK_KEY, openDatabase, type DatabaseHandle } from '../../src/db/client'
import { MIGRATIONS_DIR } from '../helpers/database'

const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined

async function withEmptyDatabase(run: (url: string) => Promise<void>) {
  const name = `huxin_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: testDatabaseUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  const url = new URL(testDatabaseUrl!)
  url.pathname = `/${name}`
  try {
    await run(url.toString())
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
  }
}

describe.skipIf(!testDatabaseUrl)('migrations under an advisory lock (PostgreSQL)', () => {
  it('three handles migrating one empty database at once all succeed, and each migration is recorded once', async () => {
    await withEmptyDatabase(async (url) => {
      const handles: DatabaseHandle[] = []
      try {
        for (let i = 0; i < 3; i++) handles.push(await openDatabase({ databaseUrl: url, poolSize: 2 }))
        const results = await Promise.allSettled(handles.map((h) => h.migrate(MIGRATIONS_DIR)))
        expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok'])
        const { rows } = await handles[0]!.query<{ hash: string; n: number | string }>(
          'select hash, count(*) as n from drizzle.__drizzle_migrations group by hash',
          [],
        )
        const status = await handles[0]!.migrationStatus(MIGRATIONS_DIR)
        expect(rows.length).toBe(status.expected)
        expect(rows.filter((r) => Number(r.n) !== 1)).toEqual([])
        expect(status.applied).toBe(status.expected)
        // The lock is released: a fresh session takes it at once.
        const { rows: free } = await handles[1]!.query<{ taken: boolean }>('select pg_try_advisory_lock($1) as taken', [MIGRATION_LOCK_KEY.toString()])
        expect(free[0]?.taken).toBe(true)
      } finally {
        await Promise.all(handles.map((h) => h.close()))
      }
    })
  })

  it('a process waits while another holds the lock, then finds the migrations applied', async () => {
    await withEmptyDatabase(async (url) => {
      const first = await openDatabase({ databaseUrl: url, poolSize: 2 })
      const second = await openDatabase({ databaseUrl: url, poolSize: 2 })
      const holder = new pg.Client({ connectionString: url })
      await holder.connect()
      try {
        await holder.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()])
        let done = false
        const waiting = first.migrate(MIGRATIONS_DIR).then(() => (done = true))
        // It is blocked on the lock (seen by PostgreSQL, not by a timer): nothing is applied yet.
        for (;;) {
          const { rows } = await second.query<{ n: number | string }>(
            "select count(*) as n from pg_locks where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())",
            [],
          )
          if (Number(rows[0]?.n) === 1) break
          await new Promise((r) => setTimeout(r, 20))
        }
        expect(done).toBe(false)
        expect((await second.migrationStatus(MIGRATIONS_DIR)).applied).toBe(0)
        await holder.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()])
        await waiting
        await second.migrate(MIGRATIONS_DIR)
        const status = await second.migrationStatus(MIGRATIONS_DIR)
        expect(status.applied).toBe(status.expected)
      } finally {
        await holder.end()
        await Promise.all([first.close(), second.close()])
      }
    })
  })
})
