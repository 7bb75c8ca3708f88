/**
 * `npm run bench:national`: 10,000 outbox events drained to the national-platform simulator on
 * real PostgreSQL (BENCH_DATABASE_URL, default the local server). The simulator runs as its own
 * process (`npm run sim:national`), the engine in this one with its configured send loops.
 * Prints time and events/s, checks that every event arrived exactly once and in order, and saves
 * tests/bench/results/national-drain.json.
 *
 * BENCH_EVENTS (10000) · BENCH_EVENTS_PER_CLAIM (10) · BENCH_CONCURRENCY (8 loops) · BENCH_BATCH (100 rows
 * claimed per loop round) · BENCH_SEND_BATCH (25 messages per request; 1 = one request per message)
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createNationalHttpAdapter, createSyncEngine } from '../../server/src/modules/national-sync/index'
import { DEV_SIMULATOR_CREDENTIALS, REPO_ROOT as SERVER_ROOT } from '../../server/src/config'
import { openDatabase } from '../../server/src/db/client'
import { createPiiCipher } from '../../server/src/modules/pii/index'
import { createWorkingDayCalendar } from '../../server/src/modules/calendar/index'
import { createClaimsRepository } from '../../server/src/modules/claims/index'
import { freePort } from '../helpers/server-process'
import { expectExactlyOnceInOrder, outboxCounts, seedClaimEvents, TEST_SECRETS, waitUntil, type NationalSim } from '../national/helpers'
import { createBenchDatabase, saveResults, spawnNode } from './lib'

const EVENTS = Number(process.env.BENCH_EVENTS || 10_000)
const PER_CLAIM = Number(process.env.BENCH_EVENTS_PER_CLAIM || 10)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 8)
const BATCH = Number(process.env.BENCH_BATCH || 100)
const SEND_BATCH = Number(process.env.BENCH_SEND_BATCH || 25)

async function main() {
  const bench = await createBenchDatabase()
  const handle = await openDatabase({ databaseUrl: bench.url, poolSize: CONCURRENCY + 4 })
  const port = await freePort()
  const simulator = spawnNode(path.join('server', 'src', 'cli', 'sim-national.ts'), {
    ...TEST_SECRETS,
    HUXIN_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'huxin-bench-sim-')),
    NATIONAL_SIM_PORT: String(port),
    LOG_LEVEL: 'warn',
  })
  const baseUrl = `http://127.0.0.1:${port}/__sim/national`
  try {
    await handle.migrate(path.join(SERVER_ROOT, 'migrations'))
    const claims = Math.ceil(EVENTS / PER_CLAIM)
    console.log(`seeding ${claims} claims × ${PER_CLAIM} events …`)
    await seedClaimEvents(handle, claims, PER_CLAIM)
    const total = claims * PER_CLAIM

    const control = async <T,>(p: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${baseUrl}/__control${p}`, {
        method: body === undefined ? 'GET' : 'POST',
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      })
      return (response.status === 204 ? undefined : await response.json()) as T
    }
    await waitUntil('the simulator', async () => control('/messages').then(() => true, () => false), 60_000, 250)
    const sim = { messages: () => control('/messages') } as unknown as NationalSim

    const engine = createSyncEngine(
      {
        db: handle.db,
        claims: createClaimsRepository(handle.db, handle.query),
        pii: createPiiCipher(Buffer.alloc(32, 1)),
        calendar: createWorkingDayCalendar(),
        port: createNationalHttpAdapter({
          baseUrl,
          appId: DEV_SIMULATOR_CREDENTIALS.nationalAppId,
          appSecret: DEV_SIMULATOR_CREDENTIALS.nationalAppSecret,
          timeoutMs: 10_000,
        }),
        log: { info: () => {}, warn: (o: unknown, m?: string) => console.warn(m, o), error: (o: unknown, m?: string) => console.error(m, o) },
      },
      {
        concurrency: CONCURRENCY,
        batchSize: BATCH,
        sendBatchSize: SEND_BATCH,
        maxAttempts: 20,
        backoffBaseMs: 100,
        backoffCapMs: 2_000,
        leaseMs: 30_000,
        pullIntervalMs: 600_000,
        pull: false,
        idlePollMs: 20,
        reconcileIntervalMs: 0,
      },
    )
    console.log(`draining ${total} events (${CONCURRENCY} loops × batches of ${BATCH}, ${SEND_BATCH} per request) …`)
    const started = performance.now()
    engine.start()
    await waitUntil('the outbox to drain', async () => (await outboxCounts(handle)).sent === total, 600_000, 50)
    const seconds = (performance.now() - started) / 1000
    await engine.stop()

    const { problems, stats } = await expectExactlyOnceInOrder(handle, sim)
    const result = {
      measuredAt: new Date().toISOString(),
      note: 'measured on a 2-core machine shared with other sessions (noisy)',
      events: total,
      claims,
      eventsPerClaim: PER_CLAIM,
      loops: CONCURRENCY,
      batch: BATCH,
      messagesPerRequest: SEND_BATCH,
      seconds: Number(seconds.toFixed(2)),
      eventsPerSecond: Math.round(total / seconds),
      deliveries: stats.deliveries,
      exactlyOnceInOrder: problems.length === 0,
    }
    console.log(JSON.stringify(result, null, 2))
    console.log(`saved ${saveResults('national-drain.json', result)}`)
    if (problems.length > 0) {
      console.error(problems.slice(0, 10))
      process.exitCode = 1
    }
  } finally {
    simulator.kill('SIGTERM')
    await handle.close()
    await bench.drop()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
