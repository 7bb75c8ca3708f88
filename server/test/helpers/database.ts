/**
 * Fresh databases for integration tests, with the real migrations: an in-memory PGlite by
 * default, and also a real PostgreSQL database per test file when TEST_DATABASE_URL is set.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { REPO_ROOT } from '../../src/config'
import { openDatabase, type DatabaseHandle, type DatabaseKind } from '../../src/db/client'
import path from 'node:path'

export const MIGRATIONS_DIR = path.join(REPO_ROOT, 'migrations')

const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined

/** The engines every integration test runs on. */
export const DATABASE_KINDS: DatabaseKind[] = testDatabaseUrl ? ['pglite', 'postgres'] : ['pglite']

export interface TestDatabase {
  handle: DatabaseHandle
  url?: string
  /** Closes the handle and, on PostgreSQL, drops the database. */
  destroy(): Promise<void>
}

export async function createTestDatabase(kind: DatabaseKind, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true
  if (kind === 'pglite') {
    const handle = await openDatabase({})
    if (migrate) await handle.migrate(MIGRATIONS_DIR)
    return { handle, destroy: () => handle.close() }
  }
  if (!testDatabaseUrl) throw new Error('TEST_DATABASE_URL is not set')
  const name = `huxin_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: testDatabaseUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(testDatabaseUrl)
  url.pathname = `/${name}`
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 20 })
  if (migrate) await handle.migrate(MIGRATIONS_DIR)
  return {
    handle,
    url: url.toString(),
    async destroy() {
      await handle.close()
      const dropper = new pg.Client({ connectionString: testDatabaseUrl })
      await dropper.connect()
      await dropper.query(`drop database if exists ${name} with (force)`)
      await dropper.end()
    },
  }
}
