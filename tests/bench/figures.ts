/**
 * Benchmark (docs/figures.md): a year's figures, their per-town/per-month breakdown and the CSV on
 * real PostgreSQL with 100,000 employers under supervision, 1,000,000 claims and 20,000
 * construction projects with their deposit ledgers over two years (BENCH_CLAIMS, BENCH_EMPLOYERS,
 * BENCH_PROJECTS to change), plus national clues, recoveries and case outcomes, through the HTTP API
 * of a server process. Target: GET /api/v1/stats for a year ≤ 500 ms (ten requests one after
 * another; the slowest counts). The dashboard's own request — the breakdown, a /stats per town and
 * per month: 19 for a year — is reported as the dashboard's worst; the CSV and xlsx for the record.
 *
 *   npm run bench:figures        (BENCH_DATABASE_URL defaults to the local PostgreSQL)
 */
import { createHmac, randomUUID } from 'node:crypto'
import pg from 'pg'
import { startServer } from '../helpers/server-process'
import { createBenchDatabase, saveResults } from './lib'

const CLAIMS = Number(process.env.BENCH_CLAIMS || 1_000_000)
const EMPLOYERS = Number(process.env.BENCH_EMPLOYERS || 100_000)
const PROJECTS = Number(process.env.BENCH_PROJECTS || 20_000)
const JWT_SECRET = 'bench-secret-that-is-long-enough-for-hs256-0123456789'
const TOWNS = ['yaoguan', 'henglin', 'hengshanqiao', 'lucheng', 'qishuyan', 'dingyan']

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
function accessToken(sub: string, role: string, sv: number): string {
  const now = Math.floor(Date.now() / 1000)
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, role, iss: 'huxin', aud: 'huxin-api', sv, iat: now, exp: now + 3600 })}`
  return `${body}.${createHmac('sha256', JWT_SECRET).update(body).digest('base64url')}`
}

async function seed(url: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const started = Date.now()
  const supervisor = randomUUID()
  const account = await client.query<{ sv: number }>(
    `insert into users (id, role, username, towns) values ($1, 'supervisor', 'bench-supervisor', '{}') returning session_version as sv`,
    [supervisor],
  )
  // The register: employers under supervision, spread over the towns.
  await client.query(
    `insert into employers (key, id, name, name_key, supervised, town, industry)
     select 'nm:名录' || i, md5('register:' || i)::uuid, '名录单位' || i, '名录单位' || i, true, ($1::text[])[1 + i % 6], 'manufacturing'
     from generate_series(0, $2 - 1) as i`,
    [TOWNS, EMPLOYERS],
  )
  // Claims over the past two years, in batches (the totals triggers run once per statement).
  const batch = 100_000
  for (let offset = 0; offset < CLAIMS; offset += batch) {
    await client.query(
      `insert into claims (id, reference, status, source, town, industry, claimant_name, employer_name, employer_key,
         group_key, group_id, period_from, period_to, amount_owed_fen, workers_count, description, confidential,
         consent_privacy_version, consent_sensitive_info, consent_at, accept_due_at, accepted_at, close_due_at, created_at)
       select gen_random_uuid(), 'FIG-' || i,
         case when i % 50 = 0 then 'submitted' when i % 10 = 0 then 'investigating' when i % 10 = 1 then 'resolved' else 'closed' end,
         case when i % 10 = 3 then 'national_platform' else 'miniprogram' end,
         ($1::text[])[1 + i % 6], 'construction', '工人' || i, '名录单位' || (i % $4), 'nm:名录' || (i % $4),
         'nm:名录' || (i % $4) || '|p' || (i % 3), md5('group:' || (i % $4) || '|p' || (i % 3))::uuid,
         '2025-01', '2025-03', 100000 + (i % 997) * 1000, 1 + i % 4, '拖欠工资', false, '2026-11', false,
         now() - (i % 730) * interval '1 day', now() - (i % 730) * interval '1 day' + interval '7 days',
         case when i % 50 = 0 then null else now() - (i % 730) * interval '1 day' + interval '2 days' end,
         case when i % 50 = 0 then null else now() - (i % 730) * interval '1 day' + interval '90 days' end,
         now() - (i % 730) * interval '1 day'
       from generate_series($2::int, $3::int) as i`,
      [TOWNS, offset, Math.min(offset + batch, CLAIMS) - 1, EMPLOYERS],
    )
  }
  await client.query(`insert into claim_groups (id, key, employer_key) select distinct group_id, group_key, employer_key from claims on conflict do nothing`)
  await client.query(
    `insert into recoveries (id, claim_id, kind, amount_fen, paid_at)
     select gen_random_uuid(), id, case when random() < 0.8 then 'wages' else 'compensation' end, 50000, created_at + interval '20 days'
     from claims where status in ('resolved', 'closed')`,
  )
  // A few hundred case outcomes a year and a clue joined to every 200th claim.
  await client.query(
    `insert into case_outcomes (id, claim_id, kind, amount_fen, workers, decided_at, recorded_by)
     select gen_random_uuid(), id, case when n % 2 = 0 then 'social_insurance_order' else 'social_insurance_registration' end,
       case when n % 2 = 0 then 2930000 end, case when n % 2 = 1 then 4 end, created_at + interval '10 days', $1
     from (select id, created_at, row_number() over (order by id) as n from claims where accepted_at is not null limit 1000) c`,
    [supervisor],
  )
  await client.query(
    `insert into national_clues (clue_id, claim_id, disposition, payload, received_via, received_at)
     select 'bench-' || id, id, 'linked', '{}'::jsonb, 'pull', created_at + interval '1 day'
     from (select id, created_at, row_number() over (order by id) as n from claims) c where n % 200 = 0`,
  )
  await seedProjects(client)
  await client.query('vacuum analyze')
  const seconds = (Date.now() - started) / 1000
  await client.end()
  return { supervisor, sv: Number(account.rows[0]!.sv), seconds }
}

/**
 * Construction projects permitted over the past two years, their general contractors from the
 * register, and each deposit where the ledger took it (as modules/projects/deposit.ts writes it):
 * mostly stored, 1 in 5 exempt, 1 in 25 deferred then stored, 1 in 50 deferred then cancelled, 1 in
 * 20 still required, 1 in 10 of the stored later returned; one ledger row per move.
 */
async function seedProjects(client: pg.Client) {
  await client.query(
    `insert into projects (id, permit_number, name, town, builder_name, builder_key, gc_name, gc_key, gc_employer_id,
       permit_date, started_on, contract_value_fen, deposit_form, deposit_amount_fen, deposit_status, deposit_due_at,
       deposit_balance_fen, deposit_stored_at, deposit_exempt_at, deposit_deferred_at, deposit_cancelled_at, deposit_returned_at, created_at)
     select md5('project:' || i)::uuid, 'BENCH-' || i, '示范项目' || i, ($1::text[])[1 + i % 6], '建设单位' || i, 'nm:建设单位' || i,
       '名录单位' || (i * 5 % $3), 'nm:名录' || (i * 5 % $3), md5('register:' || (i * 5 % $3))::uuid,
       to_char(p, 'YYYY-MM-DD'), to_char(p, 'YYYY-MM-DD'), 2000000000::bigint + (i % 97) * 10000000,
       case when s in ('stored', 'returned', 'deferred_stored') then (array['cash', 'bank_guarantee', 'insurance'])[1 + i % 3] end,
       case when s = 'exempt' then 0 else 50000000 + (i % 89) * 1000000 end,
       case s when 'deferred_stored' then 'stored' when 'deferred_cancelled' then 'permit_cancelled' else s end,
       p + interval '28 days',
       case when s in ('stored', 'deferred_stored') then 50000000 + (i % 89) * 1000000 else 0 end,
       case when s in ('stored', 'returned', 'deferred_stored') then p + interval '10 days' end,
       case when s = 'exempt' then p + interval '5 days' end,
       case when s in ('deferred_stored', 'deferred_cancelled') then p + interval '5 days' end,
       case when s = 'deferred_cancelled' then p + interval '40 days' end,
       case when s = 'returned' then p + interval '300 days' end,
       p
     from (select i, (current_date - (i % 730))::timestamptz as p,
             case when i % 5 = 0 then 'exempt' when i % 25 = 1 then 'deferred_stored' when i % 50 = 2 then 'deferred_cancelled'
                  when i % 20 = 3 then 'required' when i % 10 = 4 and i % 730 > 300 then 'returned' else 'stored' end as s
           from generate_series(0, $2 - 1) as i) plan`,
    [TOWNS, PROJECTS, EMPLOYERS],
  )
  // The ledger: one row per move the project's timestamps record.
  for (const [action, from, to, column] of [
    ['exempt', 'required', 'exempt', 'deposit_exempt_at'],
    ['defer', 'required', 'deferred', 'deposit_deferred_at'],
    ['store', 'required', 'stored', 'deposit_stored_at'],
    ['cancel_permit', 'deferred', 'permit_cancelled', 'deposit_cancelled_at'],
    ['return', 'stored', 'returned', 'deposit_returned_at'],
  ] as const) {
    await client.query(
      `insert into project_deposit_events (id, project_id, action, from_status, to_status, amount_fen, balance_fen, created_at)
       select gen_random_uuid(), id, $1, case when $1 = 'store' and deposit_deferred_at is not null then 'deferred' else $2 end, $3,
         case when $1 = 'store' then deposit_amount_fen end, case when $1 = 'store' then deposit_amount_fen else 0 end, ${column}
       from projects where ${column} is not null`,
      [action, from, to],
    )
  }
}

async function timed(url: string, headers: Record<string, string>, times = 10): Promise<number[]> {
  const result: number[] = []
  for (let i = 0; i < times; i++) {
    const started = performance.now()
    const response = await fetch(url, { headers })
    await response.arrayBuffer()
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`)
    result.push(Math.round(performance.now() - started))
  }
  return result.sort((a, b) => a - b)
}

async function main() {
  const database = await createBenchDatabase()
  const server = await startServer({ env: { DATABASE_URL: database.url, HUXIN_JWT_SECRET: JWT_SECRET, LOG_LEVEL: 'warn', NATIONAL_SYNC: 'off' } })
  try {
    const { supervisor, sv, seconds } = await seed(database.url)
    console.log(`seeded ${CLAIMS} claims, ${EMPLOYERS} employers and ${PROJECTS} projects in ${seconds.toFixed(0)} s`)
    const headers = { authorization: `Bearer ${accessToken(supervisor, 'supervisor', sv)}` }
    const to = new Date().toISOString().slice(0, 10)
    const from = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10)
    const query = `from=${from}&to=${to}`
    await timed(`${server.url}/api/v1/stats?${query}`, headers, 3)
    const stats = await timed(`${server.url}/api/v1/stats?${query}`, headers)
    const town = await timed(`${server.url}/api/v1/stats?${query}&town=lucheng`, headers)
    const breakdown = await timed(`${server.url}/api/v1/stats/breakdown?${query}`, headers, 5)
    const csv = await timed(`${server.url}/api/v1/stats.csv?${query}`, headers, 5)
    const xlsx = await timed(`${server.url}/api/v1/stats.xlsx?${query}`, headers, 5)
    const worst = (xs: number[]) => xs[xs.length - 1]!
    const median = (xs: number[]) => xs[Math.floor(xs.length / 2)]!
    const verdict = {
      statsMedianMs: median(stats),
      statsWorstMs: worst(stats),
      dashboardWorstMs: worst(breakdown),
      targetMs: 500,
      pass: worst(stats) <= 500,
    }
    for (const [name, xs] of [['stats (year, all towns)', stats], ['stats (year, one town)', town], ['breakdown (19 rows)', breakdown], ['stats.csv', csv], ['stats.xlsx', xlsx]] as const) {
      console.log(`${name}: median ${median(xs)} ms, worst ${worst(xs)} ms`)
    }
    console.log(`stats for a year, worst ${verdict.statsWorstMs} ms (target ≤ 500): ${verdict.pass ? 'PASS' : 'FAIL'}`)
    console.log(`the dashboard's request (breakdown, 19 statements), worst ${verdict.dashboardWorstMs} ms`)
    const file = saveResults('figures.json', { at: new Date().toISOString(), claims: CLAIMS, employers: EMPLOYERS, projects: PROJECTS, seedSeconds: seconds, stats, town, breakdown, csv, xlsx, verdict })
    console.log(`results: ${file}`)
    process.exitCode = verdict.pass ? 0 : 1
  } finally {
    await server.stop()
    if (process.env.BENCH_KEEP) console.log(`kept ${database.url}`)
    else await database.drop()
  }
}

await main()
