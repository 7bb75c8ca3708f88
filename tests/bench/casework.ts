/**
 * Benchmark (docs/casework.md): the first triage page and a year's figures on real PostgreSQL with
 * 1,000,000 claims (BENCH_CLAIMS to change), through the HTTP API of a server process.
 * Targets: first triage page p99 ≤ 50 ms; a year's stats ≤ 500 ms (both one request after
 * another; triage is also measured with 2, 5 and 10 connections, back to back, for the record).
 *
 *   npm run bench:casework        (BENCH_DATABASE_URL defaults to the local PostgreSQL)
 */
import { createHmac, randomUUID } from 'node:crypto'
import pg from 'pg'
import { startServer } from '../helpers/server-process'
import { createBenchDatabase, runLoad, saveResults, table, type LoadResult } from './lib'

const CLAIMS = Number(process.env.BENCH_CLAIMS || 1_000_000)
const DURATION = Number(process.env.BENCH_DURATION || 10)
const JWT_SECRET = 'bench-secret-that-is-long-enough-for-hs256-0123456789'
const TOWNS = ['yaoguan', 'henglin', 'hengshanqiao', 'lucheng', 'qishuyan', 'dingyan']
/** Claims awaiting acceptance per town: an inspector's queue of about 300. */
const QUEUE_PER_TOWN = 300
/** Inspectors loading the first page at once; the first is the verdict's (one request after another). */
const CONNECTIONS = [1, 2, 5, 10]

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
function accessToken(sub: string, role: string): string {
  const now = Math.floor(Date.now() / 1000)
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, role, iss: 'huxin', aud: 'huxin-api', iat: now, exp: now + 3600 })}`
  return `${body}.${createHmac('sha256', JWT_SECRET).update(body).digest('base64url')}`
}

async function seed(url: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const started = Date.now()
  const queue = QUEUE_PER_TOWN * TOWNS.length
  // Claims over the past two years; the first `queue` await acceptance, the rest are worked or
  // finished. 50,000 employers, three projects each; a tenth of claims have a national clue.
  await client.query(
    `insert into claims (id, reference, status, source, town, industry, claimant_name, employer_name, employer_key,
       group_key, group_id, period_from, period_to, amount_owed_fen, workers_count, description, confidential,
       consent_privacy_version, consent_sensitive_info, consent_at, accept_due_at, accepted_at, close_due_at, created_at)
     select gen_random_uuid(), 'BENCH-' || i,
       case when i < $1 then 'submitted' when i % 10 = 0 then 'investigating' when i % 10 = 1 then 'resolved' else 'closed' end,
       case when i % 10 = 3 then 'national_platform' else 'miniprogram' end,
       ($2::text[])[1 + i % 6], 'construction', '工人' || i, '单位' || (i % 50000), 'nm:单位' || (i % 50000),
       'nm:单位' || (i % 50000) || '|p' || (i % 3), md5('group:nm:单位' || (i % 50000) || '|p' || (i % 3))::uuid,
       '2025-01', '2025-03', 100000 + (i % 997) * 1000, 1 + i % 4, '拖欠工资', false, '2026-11', false,
       now() - (i % 730) * interval '1 day',
       now() - (i % 730) * interval '1 day' + interval '7 days' - case when i < $1 and i % 7 = 0 then interval '10 days' else interval '0' end,
       case when i < $1 then null else now() - (i % 730) * interval '1 day' + interval '2 days' end,
       case when i < $1 then null else now() - (i % 730) * interval '1 day' + interval '90 days' end,
       now() - (i % 730) * interval '1 day'
     from generate_series(0, $3 - 1) as i`,
    [queue, TOWNS, CLAIMS],
  )
  await client.query(
    `insert into claim_groups (id, key, employer_key) select distinct group_id, group_key, employer_key from claims on conflict do nothing`,
  )
  await client.query(
    `insert into employers (key, id, name) select distinct employer_key, md5('employer:' || employer_key)::uuid, employer_key from claims on conflict do nothing`,
  )
  await client.query(
    `insert into recoveries (id, claim_id, kind, amount_fen, paid_at)
     select gen_random_uuid(), id, case when random() < 0.8 then 'wages' else 'compensation' end, 50000, created_at + interval '20 days'
     from claims where status in ('resolved', 'closed')`,
  )
  // Vacuumed as well: autovacuum waking up for a million new rows during the rounds skews them.
  await client.query('vacuum analyze')
  const seconds = (Date.now() - started) / 1000
  const inspector = randomUUID()
  const supervisor = randomUUID()
  await client.query(`insert into users (id, role, username, towns) values ($1, 'inspector', 'bench-inspector', '{yaoguan}'), ($2, 'supervisor', 'bench-supervisor', '{}')`, [
    inspector,
    supervisor,
  ])
  await client.end()
  return { inspector, supervisor, seconds }
}

async function main() {
  const database = await createBenchDatabase()
  const server = await startServer({ env: { DATABASE_URL: database.url, HUXIN_JWT_SECRET: JWT_SECRET, LOG_LEVEL: 'warn', NATIONAL_SYNC: 'off' } })
  try {
    const { inspector, supervisor, seconds } = await seed(database.url)
    console.log(`seeded ${CLAIMS} claims in ${seconds.toFixed(0)} s`)
    const inspectorHeaders = { authorization: `Bearer ${accessToken(inspector, 'inspector')}` }
    const first = await fetch(`${server.url}/api/v1/triage?limit=20`, { headers: inspectorHeaders })
    const page = (await first.json()) as { items: { priority: number }[] }
    if (first.status !== 200 || page.items.length !== 20) throw new Error(`triage answered ${first.status}`)

    // The target is a latency on a million claims, like the year's stats below (measured
    // one request after another): the first row is the verdict's. The other rows show how the
    // page holds up with more inspectors loading their queues at the same moment, back to back.
    const url = `${server.url}/api/v1/triage?limit=20`
    await runLoad('warm-up', { url, headers: inspectorHeaders, duration: 5, connections: 10 })
    const rows: LoadResult[] = []
    for (const connections of CONNECTIONS) {
      rows.push(await runLoad(`GET /api/v1/triage first page (300 in queue), ${connections} connection${connections === 1 ? '' : 's'}`, { url, headers: inspectorHeaders, duration: DURATION, connections }))
    }
    // A year's figures, every town: sequential requests, the slowest counts.
    const to = new Date().toISOString().slice(0, 10)
    const from = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10)
    const statsTimes: number[] = []
    for (let i = 0; i < 10; i++) {
      const started = performance.now()
      const response = await fetch(`${server.url}/api/v1/stats?from=${from}&to=${to}`, {
        headers: { authorization: `Bearer ${accessToken(supervisor, 'supervisor')}` },
      })
      await response.json()
      if (response.status !== 200) throw new Error(`stats answered ${response.status}`)
      statsTimes.push(performance.now() - started)
    }
    statsTimes.sort((a, b) => a - b)
    const triage = rows[0]!
    const verdict = {
      triageP99Ms: triage.p99,
      triageTargetMs: 50,
      statsMedianMs: Math.round(statsTimes[5]!),
      statsWorstMs: Math.round(statsTimes[9]!),
      statsTargetMs: 500,
      pass: triage.p99 <= 50 && triage.non2xx === 0 && statsTimes[9]! <= 500,
    }
    console.log(`\n${table(rows)}\n`)
    console.log(`stats for a year: median ${verdict.statsMedianMs} ms, worst ${verdict.statsWorstMs} ms`)
    console.log(`triage p99 = ${triage.p99} ms one request after another (target ≤ 50); stats worst = ${verdict.statsWorstMs} ms (target ≤ 500): ${verdict.pass ? 'PASS' : 'FAIL'}`)
    const file = saveResults('casework.json', { at: new Date().toISOString(), claims: CLAIMS, seedSeconds: seconds, rows, statsTimes, verdict })
    console.log(`results: ${file}`)
    process.exitCode = verdict.pass ? 0 : 1
  } finally {
    await server.stop()
    if (process.env.BENCH_KEEP) console.log(`kept ${database.url}`)
    else await database.drop()
  }
}

await main()
