/**
 * Benchmark (issue: inspector casework): on real PostgreSQL holding 1,000,000 claims (two years of
 * a busy bureau: 6 towns and streets, 300 awaiting acceptance in each, the rest worked or finished, with their
 * recoveries), an inspector's first triage page p99 ≤ 50 ms and a year's figures
 * (`GET /api/v1/stats`) ≤ 500 ms.
 *
 *   npm run bench:casework      (BENCH_DATABASE_URL defaults to the local PostgreSQL;
 *                                BENCH_CLAIMS=1000000 by default)
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import pg from 'pg'
import type { TokenPair } from '@huxin/shared'
import { TOWN_CODES } from '@huxin/shared/domain/towns'
import { REPO_ROOT, startServer } from '../helpers/server-process'
import { createBenchDatabase, runLoad, saveResults, table, type LoadResult } from './lib'

const CLAIMS = Number(process.env.BENCH_CLAIMS || 1_000_000)
const TOWNS: readonly string[] = TOWN_CODES
const AWAITING_PER_TOWN = 300
const INSPECTOR = { username: 'bench.inspector', password: 'Bench-Inspector-2026' }

/** Two years of claims in one statement; statuses, dates and money drawn from fixed hashes. */
async function seed(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const towns = `array[${TOWNS.map((t) => `'${t}'`).join(',')}]`
    await client.query(`
      insert into claims (id, reference, status, source, town, industry, claimant_name, employer_name, employer_key, group_key,
        group_id, period_from, period_to, amount_owed_fen, workers_count, description, confidential, consent_privacy_version,
        consent_sensitive_info, consent_at, accept_due_at, accepted_at, close_due_at, finished_at, blacklist_applied_at,
        created_at, updated_at)
      select gen_random_uuid(), 'JK-B-' || g, s.status,
        case when g % 9 = 0 then 'national_platform' else 'miniprogram' end,
        (${towns})[1 + g % ${TOWNS.length}], case when g % 3 = 0 then 'construction' else 'manufacturing' end,
        '工人' || g, '常州某某企业' || (g % 40000), 'name:常州某某企业' || (g % 40000),
        'name:常州某某企业' || (g % 40000) || '|' || (g % 5), md5('group:' || (g % 40000) || '|' || (g % 5))::uuid,
        '2025-01', '2025-03', 100000 + (g * 7919) % 5000000, 1 + g % 4, '拖欠工资', false, '2026-11', false,
        t.created, t.created + interval '7 days',
        case when s.status not in ('submitted', 'rejected') then t.created + interval '3 days' end,
        case when s.status not in ('submitted', 'rejected') then t.created + interval '90 days' end,
        case when s.status in ('closed', 'resolved', 'rejected', 'withdrawn', 'transferred_police', 'transferred_enforcement')
          then t.created + interval '40 days' end,
        case when s.status = 'transferred_police' then t.created + interval '50 days' end,
        t.created, t.created
      from generate_series(1, ${CLAIMS - AWAITING_PER_TOWN * TOWNS.length}) g
      cross join lateral (select now() - interval '730 days' + (g::float / ${CLAIMS}) * interval '700 days' as created) t
      cross join lateral (select case
        when g % 100 < 70 then 'closed' when g % 100 < 80 then 'resolved' when g % 100 < 85 then 'investigating'
        when g % 100 < 88 then 'accepted' when g % 100 < 90 then 'mediating' when g % 100 < 92 then 'ordered_to_pay'
        when g % 100 < 96 then 'rejected' when g % 100 < 99 then 'withdrawn' else 'transferred_police' end as status) s`)
    // Awaiting acceptance: the last days' claims, deadlines from overdue to five days ahead.
    await client.query(`
      insert into claims (id, reference, status, source, town, industry, claimant_name, employer_name, employer_key, group_key,
        group_id, period_from, period_to, amount_owed_fen, workers_count, description, confidential, consent_privacy_version,
        consent_sensitive_info, consent_at, accept_due_at, created_at, updated_at)
      select gen_random_uuid(), 'JK-Q-' || g, 'submitted', case when g % 11 = 0 then 'national_platform' else 'miniprogram' end,
        (${towns})[1 + g % ${TOWNS.length}], 'construction', '工人' || g, '常州某某企业' || (g % 40000), 'name:常州某某企业' || (g % 40000),
        'name:常州某某企业' || (g % 40000) || '|' || (g % 5), md5('group:' || (g % 40000) || '|' || (g % 5))::uuid,
        '2026-08', '2026-10', 100000 + (g * 7919) % 5000000, 1 + g % 4, '拖欠工资', false, '2026-11', false,
        now() - (g % 10) * interval '1 day', now() + (5 - g % 10) * interval '1 day', now() - (g % 10) * interval '1 day', now()
      from generate_series(1, ${AWAITING_PER_TOWN * TOWNS.length}) g`)
    // Money recovered in the finished and worked cases: wages for most, compensation for some.
    await client.query(`
      insert into recoveries (id, claim_id, kind, amount_fen, paid_at, payer, created_at)
      select gen_random_uuid(), c.id, case when hashtext(c.reference) % 5 = 0 then 'compensation' else 'wages' end,
        c.amount_owed_fen, c.created_at + interval '30 days', 'employer', c.created_at + interval '30 days'
      from claims c where c.status in ('closed', 'resolved')`)
    await client.query('analyze')
  } finally {
    await client.end()
  }
}

async function main() {
  const database = await createBenchDatabase()
  const started = Date.now()
  // The first staff account comes from the CLI, which also applies the migrations.
  const created = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(REPO_ROOT, 'server/src/cli/user-create.ts'),
      '--username',
      INSPECTOR.username,
      '--password',
      INSPECTOR.password,
      '--role',
      'inspector',
      '--town',
      'yaoguan',
    ],
    { cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: database.url }, encoding: 'utf8' },
  )
  if (created.status !== 0) throw new Error(`user:create failed: ${created.stderr}`)
  await seed(database.url)
  console.log(`seeded ${CLAIMS.toLocaleString('en')} claims in ${((Date.now() - started) / 1000).toFixed(0)} s`)

  const server = await startServer({ env: { DATABASE_URL: database.url, LOG_LEVEL: 'warn' } })
  try {
    const login = await fetch(`${server.url}/api/v1/auth/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(INSPECTOR),
    })
    if (login.status !== 200) throw new Error(`staff login failed: ${login.status} ${await login.text()}`)
    const { accessToken } = (await login.json()) as TokenPair
    const headers = { authorization: `Bearer ${accessToken}` }
    const first = (await (await fetch(`${server.url}/api/v1/triage`, { headers })).json()) as { items: unknown[] }
    if (first.items.length !== 20) throw new Error(`expected a full first page, got ${first.items.length}`)

    const rows: LoadResult[] = []
    rows.push(await runLoad('triage, first page (inspector of one town), 10 connections', { url: `${server.url}/api/v1/triage`, headers, connections: 10, duration: 10 }))

    // A year's figures, one request at a time as a dashboard asks for them.
    const year = new Date().getUTCFullYear() - 1
    const statsUrl = `${server.url}/api/v1/stats?from=${year}-01-01&to=${year}-12-31`
    const timings: number[] = []
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now()
      const response = await fetch(statsUrl, { headers })
      await response.text()
      if (response.status !== 200) throw new Error(`stats answered ${response.status}`)
      timings.push(performance.now() - t0)
    }
    timings.sort((a, b) => a - b)
    const statsWorstMs = Math.round(timings[timings.length - 1] ?? 0)
    const statsMedianMs = Math.round(timings[Math.floor(timings.length / 2)] ?? 0)

    const triage = rows[0]!
    const verdict = {
      claims: CLAIMS,
      triageP99Ms: triage.p99,
      triageTargetMs: 50,
      statsMedianMs,
      statsWorstMs,
      statsTargetMs: 500,
      pass: triage.p99 <= 50 && triage.non2xx === 0 && statsWorstMs <= 500,
    }
    console.log(`\n${table(rows)}\n`)
    console.log(`a year's stats: median ${statsMedianMs} ms, worst of 10 ${statsWorstMs} ms`)
    console.log(`triage p99 ${triage.p99} ms (target ≤ 50); stats worst ${statsWorstMs} ms (target ≤ 500): ${verdict.pass ? 'PASS' : 'FAIL'}`)
    console.log(`results: ${saveResults('casework-1m.json', { at: new Date().toISOString(), rows, verdict })}`)
    process.exitCode = verdict.pass ? 0 : 1
  } finally {
    await server.stop()
    await database.drop()
  }
}

await main()
