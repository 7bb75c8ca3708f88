/**
 * Benchmark of the by-kind figures (docs/figures.md: complaintsReceived, reportsReceived, byKind.*,
 * byChannel.*, inspectionsOpened, inspectedFirms — `figures/repository/by-kind.ts`) on real
 * PostgreSQL: BENCH_CLAIMS cases (default 300,000) over two years, of which 1 in 20 is a report
 * (its kind cycling through the seven) and 1 in 50 an inspection, the rest complaints from every
 * channel. The query is called directly (no HTTP), for a year over every town and for one town,
 * ten times each after a warm-up; the grouped statement's plan (every town) is printed. Kept apart from figures.ts
 * (the whole /stats), so either can change alone.
 *
 *   node --import tsx tests/bench/figures-by-kind.ts   (BENCH_DATABASE_URL defaults to the local PostgreSQL)
 */
import path from 'node:path'
import pg from 'pg'
import { openDatabase } from '../../server/src/db/client'
import { kindFigures } from '../../server/src/modules/figures/repository/by-kind'
import { REPO_ROOT } from '../helpers/server-process'
import { createBenchDatabase, saveResults } from './lib'

const CLAIMS = Number(process.env.BENCH_CLAIMS || 300_000)
const TOWNS = ['yaoguan', 'henglin', 'hengshanqiao', 'lucheng', 'qishuyan', 'dingyan']
const KINDS = ['wages', 'social_insurance', 'working_hours', 'contract', 'child_labour', 'obstruction', 'other']
const CHANNELS = ['miniprogram', 'national_platform', 'hotline', 'walk_in', 'letter', 'referral']

async function seed(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const started = Date.now()
  const batch = 100_000
  for (let offset = 0; offset < CLAIMS; offset += batch) {
    await client.query(
      `insert into claims (id, reference, status, source, case_type, report_kind, town, industry, claimant_name, employer_name,
         employer_key, group_key, group_id, period_from, period_to, amount_owed_fen, workers_count, description, confidential,
         consent_privacy_version, consent_sensitive_info, consent_at, accept_due_at, created_at)
       select gen_random_uuid(), 'KIND-' || i,
         case when i % 50 = 1 then 'investigating' else 'submitted' end,
         case when i % 50 = 1 then 'inspection' else ($5::text[])[1 + i % 6] end,
         case when i % 50 = 1 then 'inspection' when i % 20 = 0 then 'report' else 'complaint' end,
         case when i % 50 = 1 then 'wages' when i % 20 = 0 then ($4::text[])[1 + (i / 20) % 7] end,
         ($1::text[])[1 + i % 6], 'construction',
         case when i % 20 = 0 or i % 50 = 1 then '' else '工人' || i end,
         '单位' || (i % 20000), 'nm:单位' || (i % 20000), 'nm:单位' || (i % 20000), md5('group:' || (i % 20000))::uuid,
         '2025-01', '2025-03',
         case when i % 20 = 0 or i % 50 = 1 then 0 else 100000 end,
         case when i % 20 = 0 or i % 50 = 1 then 0 else 1 end,
         '案件', false, '2026-11', false,
         now() - (i % 730) * interval '1 day', now() - (i % 730) * interval '1 day' + interval '7 days', now() - (i % 730) * interval '1 day'
       from generate_series($2::int, $3::int) as i`,
      [TOWNS, offset, Math.min(offset + batch, CLAIMS) - 1, KINDS, CHANNELS],
    )
  }
  await client.query(`insert into claim_groups (id, key, employer_key) select distinct group_id, group_key, employer_key from claims on conflict do nothing`)
  await client.query('vacuum analyze claims')
  await client.end()
  return (Date.now() - started) / 1000
}

async function main() {
  const database = await createBenchDatabase()
  const handle = await openDatabase({ databaseUrl: database.url })
  try {
    await handle.migrate(path.join(REPO_ROOT, 'migrations'))
    const seconds = await seed(database.url)
    console.log(`seeded ${CLAIMS} cases in ${seconds.toFixed(0)} s`)
    const to = new Date()
    const from = new Date(to.getTime() - 365 * 86_400_000)
    const run = async (towns: readonly string[] | undefined) => {
      await kindFigures(handle.db, { from, to, towns })
      const times: number[] = []
      let figures
      for (let i = 0; i < 10; i++) {
        const started = performance.now()
        figures = await kindFigures(handle.db, { from, to, towns })
        times.push(Math.round((performance.now() - started) * 10) / 10)
      }
      return { times: times.sort((a, b) => a - b), figures }
    }
    const all = await run(undefined)
    const one = await run(['lucheng'])
    const plan = await handle.query<{ 'QUERY PLAN': string }>(
      `explain (analyze, buffers) select case_type, coalesce(report_kind, 'wages') as kind, source, count(*)::int as n
       from claims where created_at >= $1 and created_at < $2 and merged_into_id is null and true group by 1, 2, 3`,
      [from.toISOString(), to.toISOString()],
    )
    console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'))
    const median = (xs: number[]) => xs[Math.floor(xs.length / 2)]!
    const worst = (xs: number[]) => xs[xs.length - 1]!
    console.log(`by-kind figures, a year, every town: median ${median(all.times)} ms, worst ${worst(all.times)} ms`)
    console.log(`by-kind figures, a year, one town: median ${median(one.times)} ms, worst ${worst(one.times)} ms`)
    console.log(JSON.stringify(all.figures))
    const file = saveResults('figures-by-kind.json', { at: new Date().toISOString(), claims: CLAIMS, seedSeconds: seconds, allTowns: all.times, oneTown: one.times, figures: all.figures })
    console.log(`results: ${file}`)
  } finally {
    await handle.close()
    if (process.env.BENCH_KEEP) console.log(`kept ${database.url}`)
    else await database.drop()
  }
}

await main()
