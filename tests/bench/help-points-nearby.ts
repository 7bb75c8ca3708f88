/**
 * Benchmark of the map's hot path: `GET /api/v1/help-points/nearby?limit=5` over 100,000 help points.
 *  - real PostgreSQL: HuXin against the bare KNN SQL behind a minimal Fastify route (same database,
 *    same run, alternating rounds); target ≥ 80 % of the bare requests/s and p99 ≤ 40 ms;
 *  - PGlite (the embedded default): HuXin alone; target p99 ≤ 150 ms.
 * 50 connections, 10 s per round after a 10 s warm-up; every request asks from another random place in
 * the Changzhou area.
 *
 *   npm run bench:help-points        (BENCH_DATABASE_URL defaults to the local PostgreSQL)
 */
import path from 'node:path'
import type autocannon from 'autocannon'
import { openDatabase, type DatabaseHandle } from '../../server/src/db/client'
import { freePort, REPO_ROOT, startServer, tempDataDir } from '../helpers/server-process'
import { createBenchDatabase, runLoad, saveResults, spawnNode, table, waitFor, type LoadResult } from './lib'

const DURATION = Number(process.env.BENCH_DURATION || 10)
const POINTS = Number(process.env.BENCH_POINTS || 100_000)
/**
 * Seconds of load before the measured rounds. A server just started answers its first seconds
 * slowly (p99 ≈ 100 ms over the first 5 s, 30–40 ms after): V8 is still optimising and the first
 * lookups read and serialise the ≈ 10,000 distinct points the 2,000 positions reach (nearby's
 * item cache). Both servers get the same.
 */
const WARM_UP = Number(process.env.BENCH_WARM_UP || 10)
const MIGRATIONS_DIR = path.join(REPO_ROOT, 'migrations')
const TARGETS = { ratio: 0.8, p99PgMs: 40, p99PgliteMs: 150 }

/** 100,000 points over the Changzhou area (≈ 65 × 65 km), reproducible (setseed). */
async function seed(handle: DatabaseHandle): Promise<void> {
  await handle.migrate(MIGRATIONS_DIR)
  await handle.query('select setseed(0.42)', [])
  await handle.query(
    `insert into help_points (name, kind, address, lat, lng, phones, hours, services, town)
     select '服务点 ' || g,
            (array['labour_inspection','arbitration','legal_aid','trade_union','court','labour_station'])[1 + (g % 6)],
            '常州市某路 ' || g || ' 号',
            31.5 + random() * 0.6, 119.7 + random() * 0.7,
            array['0519-8' || lpad((g % 10000000)::text, 7, '0')],
            '{"mon":[["08:30","12:00"],["13:30","17:30"]],"tue":[["08:30","17:30"]],"wed":[["08:30","17:30"]],"thu":[["08:30","17:30"]],"fri":[["08:30","17:30"]],"sat":[["09:00","12:00"]]}'::jsonb,
            array['欠薪投诉','法律咨询'],
            (array['yaoguan','henglin','hengshanqiao','lucheng','qishuyan','dingyan'])[1 + (g % 6)]
     from generate_series(1, $1::int) g`,
    [POINTS],
  )
  await handle.query(`insert into help_points (name, kind, phones, hours, open_on_holidays) values ('12333 人社服务热线', 'hotline', array['12333'], '{"mon":[["00:00","24:00"]]}', true)`, [])
  // Vacuumed as well: autovacuum waking up for the 100,000 new rows during a round skews it.
  await handle.query('vacuum analyze help_points', [])
}

/** Random query positions, cycled through by every connection. */
function nearbyRequests(pathPrefix: string): autocannon.Request[] {
  const paths: string[] = []
  let state = 12345
  const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648)
  for (let i = 0; i < 2_000; i++) {
    const lat = (31.55 + random() * 0.5).toFixed(5)
    const lng = (119.75 + random() * 0.6).toFixed(5)
    paths.push(`${pathPrefix}?lat=${lat}&lng=${lng}&limit=5`)
  }
  let next = 0
  return [{ method: 'GET', setupRequest: (request: autocannon.Request) => ({ ...request, path: paths[next++ % paths.length]! }) }]
}

async function postgresRounds(): Promise<LoadResult[]> {
  const database = await createBenchDatabase()
  const handle = await openDatabase({ databaseUrl: database.url })
  try {
    await seed(handle)
  } finally {
    await handle.close()
  }
  const barePort = await freePort()
  const bare = spawnNode(path.join(REPO_ROOT, 'tests', 'bench', 'help-points-bare-server.ts'), { PORT: String(barePort), DATABASE_URL: database.url })
  const huxin = await startServer({ env: { DATABASE_URL: database.url, LOG_LEVEL: 'warn', HUXIN_DEMO_DATA: '0', NATIONAL_SYNC: 'off' } })
  try {
    await waitFor(`http://127.0.0.1:${barePort}/healthz`)
    const bareOptions = { url: `http://127.0.0.1:${barePort}`, requests: nearbyRequests('/nearby') }
    const huxinOptions = { url: huxin.url, requests: nearbyRequests('/api/v1/help-points/nearby') }
    await runLoad('warm-up bare', { ...bareOptions, duration: WARM_UP })
    await runLoad('warm-up huxin', { ...huxinOptions, duration: WARM_UP })
    const rows: LoadResult[] = []
    for (let round = 1; round <= 2; round++) {
      rows.push(await runLoad(`bare Fastify + KNN SQL, PostgreSQL (round ${round})`, { ...bareOptions, duration: DURATION }))
      rows.push(await runLoad(`HuXin nearby limit 5, PostgreSQL (round ${round})`, { ...huxinOptions, duration: DURATION }))
    }
    return rows
  } finally {
    bare.kill('SIGTERM')
    await huxin.stop()
    await database.drop()
  }
}

async function pgliteRound(): Promise<LoadResult[]> {
  const dataDir = tempDataDir()
  const handle = await openDatabase({ pgliteDir: path.join(dataDir, 'pglite') })
  try {
    await seed(handle)
  } finally {
    await handle.close()
  }
  const huxin = await startServer({ dataDir, env: { LOG_LEVEL: 'warn', HUXIN_DEMO_DATA: '0', NATIONAL_SYNC: 'off' } })
  try {
    const options = { url: huxin.url, requests: nearbyRequests('/api/v1/help-points/nearby') }
    await runLoad('warm-up huxin pglite', { ...options, duration: WARM_UP })
    return [await runLoad('HuXin nearby limit 5, PGlite in-process', { ...options, duration: DURATION })]
  } finally {
    await huxin.stop()
  }
}

async function main() {
  const pgRows = await postgresRounds()
  const pgliteRows = await pgliteRound()
  const rows = [...pgRows, ...pgliteRows]
  const best = (prefix: string) => rows.filter((r) => r.name.startsWith(prefix)).sort((a, b) => b.requestsPerSecond - a.requestsPerSecond)[0]!
  const bare = best('bare')
  const ours = best('HuXin nearby limit 5, PostgreSQL')
  const pglite = pgliteRows[0]!
  const ratio = ours.requestsPerSecond / bare.requestsPerSecond
  const clean = rows.every((r) => r.non2xx === 0 && r.errors === 0)
  const verdict = {
    ratio: Number(ratio.toFixed(2)),
    ratioTarget: TARGETS.ratio,
    p99PgMs: ours.p99,
    p99PgTargetMs: TARGETS.p99PgMs,
    p99PgliteMs: pglite.p99,
    p99PgliteTargetMs: TARGETS.p99PgliteMs,
    pass: clean && ratio >= TARGETS.ratio && ours.p99 <= TARGETS.p99PgMs && pglite.p99 <= TARGETS.p99PgliteMs,
  }
  console.log(`\n${table(rows)}\n`)
  console.log(
    `HuXin / bare = ${verdict.ratio} (target ≥ ${TARGETS.ratio}); p99 PostgreSQL ${ours.p99} ms (≤ ${TARGETS.p99PgMs}); p99 PGlite ${pglite.p99} ms (≤ ${TARGETS.p99PgliteMs}): ${verdict.pass ? 'PASS' : 'FAIL'}`,
  )
  const file = saveResults('help-points-nearby.json', { at: new Date().toISOString(), points: POINTS, connections: 50, durationSeconds: DURATION, rows, verdict })
  console.log(`results: ${file}`)
  process.exitCode = verdict.pass ? 0 : 1
}

await main()
