/**
 * Exactly once, in order: with 30 % errors, duplicate deliveries and 2 s latency, 1,000 claim
 * events all reach the platform exactly once (by messageId) and in order per claim. Two engines
 * drain the same outbox side by side (as two workers would), each with several send loops.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNationalHttpAdapter, createSyncEngine, type SyncEngine } from '../../server/src/modules/national-sync/index'
import { DEV_SIMULATOR_CREDENTIALS } from '../../server/src/config'
import { createPiiCipher } from '../../server/src/modules/pii/index'
import { createWorkingDayCalendar } from '../../server/src/modules/calendar/index'
import { createClaimsRepository } from '../../server/src/modules/claims/index'
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../../server/test/helpers/database'
import { expectExactlyOnceInOrder, outboxCounts, seedClaimEvents, startNationalSimulator, waitUntil, type NationalSim } from './helpers'

const CLAIMS = 250
const EVENTS_PER_CLAIM = 4

const quietLog = { info: () => {}, warn: () => {}, error: () => {} }

function engineFor(database: TestDatabase, sim: NationalSim, sendBatchSize: number): SyncEngine {
  const { db, query } = database.handle
  return createSyncEngine(
    {
      db,
      claims: createClaimsRepository(db, query),
      pii: createPiiCipher(Buffer.alloc(32, 7)),
      calendar: createWorkingDayCalendar(),
      port: createNationalHttpAdapter({
        baseUrl: sim.baseUrl,
        appId: DEV_SIMULATOR_CREDENTIALS.nationalAppId,
        appSecret: DEV_SIMULATOR_CREDENTIALS.nationalAppSecret,
        timeoutMs: 5_000,
      }),
      log: quietLog,
    },
    {
      concurrency: 8,
      batchSize: 20,
      sendBatchSize,
      maxAttempts: 100,
      backoffBaseMs: 200,
      backoffCapMs: 2_000,
      leaseMs: 15_000,
      pullIntervalMs: 60_000,
      pull: false,
      idlePollMs: 100,
      reconcileIntervalMs: 0,
    },
  )
}

// The batch endpoint (10 per request, the production path) on PGlite, where the simulator, both
// engines and the database share this one thread; one request per message on PostgreSQL.
describe.each(DATABASE_KINDS)('outbox delivery under faults on %s', (kind) => {
  const sendBatchSize = kind === 'pglite' ? 10 : 1
  let database: TestDatabase
  let sim: NationalSim
  const engines: SyncEngine[] = []

  beforeAll(async () => {
    database = await createTestDatabase(kind)
    sim = await startNationalSimulator()
  })
  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.stop()))
    await sim?.close()
    await database?.destroy()
  })

  it(`delivers ${CLAIMS * EVENTS_PER_CLAIM} events exactly once and in order per claim through 30 % errors, duplicates and 2 s latency`, { timeout: 180_000 }, async () => {
    await seedClaimEvents(database.handle, CLAIMS, EVENTS_PER_CLAIM)
    expect(await outboxCounts(database.handle)).toEqual({ pending: CLAIMS * EVENTS_PER_CLAIM })
    await sim.faults({ errorRate: 0.3, duplicateRate: 0.15, latencyMs: 2_000 })

    const started = Date.now()
    engines.push(engineFor(database, sim, sendBatchSize), engineFor(database, sim, sendBatchSize))
    for (const engine of engines) engine.start()
    await waitUntil('the outbox to drain', async () => (await outboxCounts(database.handle)).sent === CLAIMS * EVENTS_PER_CLAIM, 170_000, 500)
    const seconds = (Date.now() - started) / 1000
    await Promise.all(engines.splice(0).map((engine) => engine.stop()))

    const { problems, items, stats } = await expectExactlyOnceInOrder(database.handle, sim)
    expect(problems).toEqual([])
    expect(items).toHaveLength(CLAIMS * EVENTS_PER_CLAIM)
    // The faults did bite: the platform saw repeats of messages it had already accepted.
    expect(stats.deliveries).toBeGreaterThan(items.length)
    console.log(
      `[national] ${kind}, ${sendBatchSize} per request: ${items.length} events in ${seconds.toFixed(1)} s, ${stats.deliveries - items.length} repeat deliveries absorbed by messageId`,
    )
  })
})
