/**
 * The sync engine as real processes (`npm run worker`) against real PostgreSQL: kill -9 in the
 * middle of a batch, two workers side by side, and a platform outage. PostgreSQL only: an
 * embedded PGlite data directory belongs to one process, so there is no multi-process PGlite.
 *
 * The outage lasts NATIONAL_TEST_OUTAGE_MS (default 15 s; HUXIN_LONG_TESTS=1 makes it a full
 * minute). The engine's behaviour does not depend on the length: every attempt during the outage
 * fails and is rescheduled with backoff (capped at NATIONAL_BACKOFF_CAP_MS), so the queue drains
 * within one backoff cap of the platform's return, however long it was away.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, MIGRATIONS_DIR, type TestDatabase } from '../../server/test/helpers/database'
import {
  expectExactlyOnceInOrder,
  outboxCounts,
  seedClaimEvents,
  startNationalSimulator,
  startWorker,
  waitUntil,
  workerDiagnostics,
  type NationalSim,
  type WorkerProcess,
} from './helpers'

const hasPostgres = Boolean(process.env.TEST_DATABASE_URL)
const OUTAGE_MS = Number(process.env.NATIONAL_TEST_OUTAGE_MS || (process.env.HUXIN_LONG_TESTS === '1' ? 60_000 : 15_000))
const BACKOFF_CAP_MS = 2_000

describe.skipIf(!hasPostgres)('national sync worker processes on PostgreSQL', () => {
  let sim: NationalSim
  const workers: WorkerProcess[] = []
  const databases: TestDatabase[] = []

  const newDatabase = async () => {
    const database = await createTestDatabase('postgres')
    databases.push(database)
    if (!database.url) throw new Error('no database url')
    return { database, url: database.url }
  }
  const worker = (url: string, env: Record<string, string> = {}) => {
    const started = startWorker({
      DATABASE_URL: url,
      NATIONAL_API_BASE: sim.baseUrl,
      NATIONAL_SYNC_CONCURRENCY: '4',
      NATIONAL_SYNC_BATCH: '25',
      NATIONAL_SEND_TIMEOUT_MS: '1000',
      NATIONAL_BACKOFF_BASE_MS: '100',
      NATIONAL_BACKOFF_CAP_MS: String(BACKOFF_CAP_MS),
      NATIONAL_MAX_ATTEMPTS: '1000',
      NATIONAL_PULL_INTERVAL_MS: '600000',
      ...env,
    })
    workers.push(started)
    return started
  }
  const accepted = async () => (await sim.messages()).stats.accepted

  beforeAll(async () => {
    sim = await startNationalSimulator()
  })
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.kill('SIGKILL')))
    await sim.control('/reset', {})
  })
  afterAll(async () => {
    await sim?.close()
    await Promise.all(databases.map((d) => d.destroy()))
  })

  it('kill -9 in the middle of a batch, then a restart: nothing lost, nothing doubled', { timeout: 120_000 }, async () => {
    const { database, url } = await newDatabase()
    await seedClaimEvents(database.handle, 300, 3)
    await sim.faults({ latencyMs: 300 })
    const first = worker(url)
    await waitUntil('the first worker to deliver 150 messages', async () => (await accepted()) >= 150, 60_000, 50)
    // It holds a batch in flight right now: rows reserved ('sending'), answers not recorded.
    await waitUntil('a batch in flight', async () => ((await outboxCounts(database.handle)).sending ?? 0) > 0, 10_000, 10)
    first.child.kill('SIGKILL')
    await first.exited
    const atKill = await outboxCounts(database.handle)
    expect(atKill.sending ?? 0).toBeGreaterThan(0)
    expect(atKill.sent ?? 0).toBeLessThan(900)

    const second = worker(url)
    // The dead worker's rows come back when their lease (2 × timeout + 5 s) runs out.
    await waitUntil('the restarted worker to drain the outbox', async () => (await outboxCounts(database.handle)).sent === 900, 90_000, 250, workerDiagnostics(() => [second], database.handle))
    const { problems, items } = await expectExactlyOnceInOrder(database.handle, sim)
    expect(problems).toEqual([])
    expect(items).toHaveLength(900)
    expect(await second.kill('SIGTERM')).toBe(0)
  })

  it('two workers in parallel never send a message twice', { timeout: 120_000 }, async () => {
    const { database, url } = await newDatabase()
    await seedClaimEvents(database.handle, 400, 3)
    await sim.faults({ latencyMs: 20 })
    // A generous timeout: on a loaded machine a 1 s deadline can expire on an answer that was on its
    // way, and the retry (same messageId, harmless) would blur what this test looks for.
    const pair = [worker(url, { NATIONAL_SEND_TIMEOUT_MS: '15000' }), worker(url, { NATIONAL_SEND_TIMEOUT_MS: '15000' })]
    await waitUntil('two workers to drain the outbox', async () => (await outboxCounts(database.handle)).sent === 1_200, 90_000, 250, workerDiagnostics(() => pair, database.handle))
    const { problems, items, stats } = await expectExactlyOnceInOrder(database.handle, sim)
    expect(problems).toEqual([])
    // Without faults every message crossed the wire once: not a single second delivery, and each
    // row was claimed exactly once (one attempt) although two workers competed for it.
    expect(items.filter((item) => item.deliveries !== 1)).toEqual([])
    const retried = await database.handle.query<{ n: number | string }>('select count(*)::int as n from national_outbox where attempts <> 1', [])
    expect(Number(retried.rows[0]?.n)).toBe(0)
    expect(stats.deliveries).toBe(1_200)
  })

  it('started while PostgreSQL refuses it more connections, a worker waits, then comes up and drains', { timeout: 120_000 }, async () => {
    const { database, url } = await newDatabase()
    await seedClaimEvents(database.handle, 20, 2)
    // A role allowed one connection, held by this test: the worker's first connections get
    // 53300 (too many connections), as on a server whose max_connections a busy neighbour used up.
    const role = `huxin_limited_${randomBytes(4).toString('hex')}`
    const dbName = new URL(url).pathname.slice(1)
    await database.handle.query(`create role ${role} login connection limit 1`, [])
    for (const statement of [
      `grant all on database ${dbName} to ${role}`,
      `grant usage on schema public, drizzle to ${role}`,
      `grant all on all tables in schema public, drizzle to ${role}`,
      `grant all on all sequences in schema public, drizzle to ${role}`,
    ]) {
      await database.handle.query(statement, [])
    }
    const limitedUrl = new URL(url)
    limitedUrl.username = role
    const holder = new pg.Client({ connectionString: limitedUrl.toString() })
    await holder.connect()
    try {
      const waiting = worker(limitedUrl.toString())
      await waitUntil('the worker to report that it waits for the database', async () => waiting.output().includes('database not reachable yet'), 60_000, 100, {
        gaveUp: () => (waiting.child.exitCode !== null ? `the worker exited (${waiting.child.exitCode}): ${waiting.output()}` : null),
      })
      expect(await accepted()).toBe(0)
      await holder.end()
      await waitUntil('the worker to drain the outbox once connections are free', async () => (await outboxCounts(database.handle)).sent === 40, 60_000, 100, workerDiagnostics(() => [waiting], database.handle))
      expect((await expectExactlyOnceInOrder(database.handle, sim)).problems).toEqual([])
      expect(await waiting.kill('SIGTERM')).toBe(0)
    } finally {
      await holder.end().catch(() => {})
      // The role owns grants inside the database: drop the database first, then the role.
      await Promise.all(workers.splice(0).map((w) => w.kill('SIGKILL')))
      databases.splice(databases.indexOf(database), 1)
      await database.destroy()
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
      await admin.connect()
      await admin.query(`drop role if exists ${role}`)
      await admin.end()
    }
  })

  it('started before the server migrated, a worker waits for the migrations, then comes up and drains', { timeout: 120_000 }, async () => {
    const database = await createTestDatabase('postgres', { migrate: false })
    databases.push(database)
    const waiting = worker(database.url!)
    await waitUntil('the worker to report that it waits for the migrations', async () => waiting.output().includes('the worker waits for the server to apply the migrations'), 60_000, 100, {
      gaveUp: () => (waiting.child.exitCode !== null ? `the worker exited (${waiting.child.exitCode}): ${waiting.output()}` : null),
    })
    expect(waiting.child.exitCode).toBeNull()
    // What `npm start` does on its first start; the worker never migrates by itself.
    await database.handle.migrate(MIGRATIONS_DIR)
    await seedClaimEvents(database.handle, 10, 2)
    await waitUntil('the worker to drain the outbox once migrated', async () => (await outboxCounts(database.handle)).sent === 20, 60_000, 100, workerDiagnostics(() => [waiting], database.handle))
    expect((await expectExactlyOnceInOrder(database.handle, sim)).problems).toEqual([])
    expect(await waiting.kill('SIGTERM')).toBe(0)
  })

  it('gives up with a non-zero exit when the migrations do not come within HUXIN_WORKER_MIGRATION_WAIT_S', { timeout: 60_000 }, async () => {
    const database = await createTestDatabase('postgres', { migrate: false })
    databases.push(database)
    const impatient = worker(database.url!, { HUXIN_WORKER_MIGRATION_WAIT_S: '1' })
    expect(await impatient.exited).toBe(1)
    expect(impatient.output()).toMatch(/the database has 0 of \d+ migrations after waiting 1 s \(HUXIN_WORKER_MIGRATION_WAIT_S\): start the server/)
    // It only read: no migration table was made.
    const made = await database.handle.query<{ present: boolean }>("select to_regclass('drizzle.__drizzle_migrations') is not null as present", [])
    expect(made.rows[0]?.present).toBe(false)
  })

  it(`a platform outage of ${OUTAGE_MS / 1000} s: the queue waits, then drains`, { timeout: OUTAGE_MS + 120_000 }, async () => {
    const { database, url } = await newDatabase()
    await seedClaimEvents(database.handle, 100, 3)
    await sim.control('/outage', { on: true })
    const single = worker(url)
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS))
    expect(await accepted()).toBe(0)
    const during = await database.handle.query<{ n: number | string; tries: number | string }>(
      "select count(*)::int as n, max(attempts)::int as tries from national_outbox where status in ('pending', 'sending')",
      [],
    )
    expect(Number(during.rows[0]?.n)).toBe(300)
    expect(Number(during.rows[0]?.tries)).toBeGreaterThan(1)

    await sim.control('/outage', { on: false })
    const back = Date.now()
    await waitUntil('the outbox to drain after the outage', async () => (await outboxCounts(database.handle)).sent === 300, 60_000, 100, workerDiagnostics(() => [single], database.handle))
    const drainSeconds = (Date.now() - back) / 1000
    const { problems } = await expectExactlyOnceInOrder(database.handle, sim)
    expect(problems).toEqual([])
    expect(await outboxCounts(database.handle)).toEqual({ sent: 300 })
    console.log(`[national] outage ${OUTAGE_MS / 1000} s: drained ${drainSeconds.toFixed(1)} s after the platform came back`)
  })
})
