/**
 * Benchmark (issue: worker filing): authenticated `POST /api/v1/claims` on real PostgreSQL
 * against a bare Fastify + pg single-row insert, same machine, same run, 50 connections.
 * Target: at least half the baseline's requests/s, p99 ≤ 60 ms.
 *
 *   npm run bench:claims        (BENCH_DATABASE_URL defaults to the local PostgreSQL)
 */
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import type autocannon from 'autocannon'
import type { TokenPair } from '@huxin/shared'
import { freePort, REPO_ROOT, startServer } from '../helpers/server-process'
import { createBenchDatabase, runLoad, saveResults, spawnNode, table, waitFor, type LoadResult } from './lib'

const DURATION = Number(process.env.BENCH_DURATION || 10)
const CONNECTIONS = 50
/** Signed-in workers the requests rotate through (see the sign-in below). */
const WORKERS = Number(process.env.BENCH_WORKERS || 1_000)

/**
 * Claims as they come: many workers against many employers (2,000 here, a few workers each), not
 * one employer's group growing to tens of thousands of claims, which no bureau sees.
 */
const EMPLOYERS = 2_000
const claimBodies = Array.from({ length: EMPLOYERS }, (_, i) =>
  JSON.stringify({
    claimant: { name: '王建国', phone: '13812341234' },
    employer: { name: `常州某某建筑劳务有限公司第${i + 1}分公司` },
    project: { name: `遥观镇某小区${(i % 40) + 1}期工程` },
    industry: 'construction',
    town: 'yaoguan',
    periodFrom: '2026-03',
    periodTo: '2026-06',
    amountOwedFen: 2_345_678,
    workersCount: 3,
    coWorkers: [{ name: '李四', phone: '13900001111' }, { name: '赵五' }],
    description: '三月到六月在工地干活，老板一直拖着不发工资。',
    confidential: true,
    consent: { privacyVersion: '2026-11', sensitiveInfo: false },
  }),
)

async function main() {
  const baselineDb = await createBenchDatabase()
  const huxinDb = await createBenchDatabase()
  const baselinePort = await freePort()
  const baseline = spawnNode(path.join(REPO_ROOT, 'tests', 'bench', 'baseline-server.ts'), {
    PORT: String(baselinePort),
    DATABASE_URL: baselineDb.url,
  })
  const huxin = await startServer({
    env: {
      DATABASE_URL: huxinDb.url,
      LOG_LEVEL: 'warn',
      NATIONAL_SYNC: process.env.NATIONAL_SYNC ?? 'off',
      // 50 workers file thousands each: the limits are checked on every filing (their cost is
      // measured) but set out of reach, so every answer is a 201 (docs/security.md).
      HUXIN_FILING_MAX_PER_HOUR: '1000000000',
      HUXIN_FILING_MAX_PER_DAY: '1000000000',
    },
    // e.g. BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the server.
    nodeArgs: process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
  })
  try {
    await waitFor(`http://127.0.0.1:${baselinePort}/healthz`)
    // Many workers file at once, as in life: each request goes to the next of WORKERS signed-in
    // workers, so the ~50 requests in flight are 50 different workers. (With only 50 workers in
    // rotation every statement held every worker, and the filing limit's per-worker lock —
    // migration 0014 — made concurrent statements wait on each other: a worker filing dozens of
    // claims a second is the flood the limit refuses, not the load to measure.)
    const tokens: string[] = []
    for (let i = 0; i < WORKERS; i += CONNECTIONS) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(CONNECTIONS, WORKERS - i) }, async (_, j) => {
          const signIn = await fetch(`${huxin.url}/api/v1/auth/wechat`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ code: `sim:o-bench-${i + j}-${Date.now()}` }),
          })
          return ((await signIn.json()) as TokenPair).accessToken
        }),
      )
      tokens.push(...batch)
    }
    let sent = 0

    const baselineOptions = {
      url: `http://127.0.0.1:${baselinePort}/rows`,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '王建国', amountFen: 2_345_678, town: 'yaoguan' }),
    }
    const huxinHeaders = { 'content-type': 'application/json', authorization: `Bearer ${tokens[0]}` }
    const huxinOptions: autocannon.Options = {
      url: `${huxin.url}/api/v1/claims`,
      // Every request is a new submission, with its own Idempotency-Key.
      requests: [
        {
          method: 'POST',
          path: '/api/v1/claims',
          body: claimBodies[0],
          headers: huxinHeaders,
          setupRequest: (request: autocannon.Request) => ({
            ...request,
            body: claimBodies[sent % EMPLOYERS],
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${tokens[sent++ % tokens.length]}`,
              'idempotency-key': randomUUID(),
            },
          }),
        },
      ],
    }

    // Warm both (JIT, pools, caches), then measure, alternating to share the machine's noise.
    await runLoad('warm-up baseline', { ...baselineOptions, duration: 3 })
    await runLoad('warm-up huxin', { ...huxinOptions, duration: 3 })
    const rows: LoadResult[] = []
    for (let round = 1; round <= 2; round++) {
      rows.push(await runLoad(`bare Fastify + pg insert (round ${round})`, { ...baselineOptions, duration: DURATION }))
      rows.push(await runLoad(`HuXin POST /api/v1/claims, authenticated (round ${round})`, { ...huxinOptions, duration: DURATION }))
    }
    const best = (prefix: string) => rows.filter((r) => r.name.startsWith(prefix)).sort((a, b) => b.requestsPerSecond - a.requestsPerSecond)[0]!
    const base = best('bare')
    const ours = best('HuXin')
    const ratio = ours.requestsPerSecond / base.requestsPerSecond
    const verdict = {
      ratio: Number(ratio.toFixed(2)),
      ratioTarget: 0.5,
      p99Ms: ours.p99,
      p99TargetMs: 60,
      pass: ratio >= 0.5 && ours.p99 <= 60 && ours.non2xx === 0 && ours.errors === 0,
    }
    console.log(`\n${table(rows)}\n`)
    console.log(`HuXin / baseline = ${verdict.ratio} (target ≥ 0.5); HuXin p99 = ${ours.p99} ms (target ≤ 60): ${verdict.pass ? 'PASS' : 'FAIL'}`)
    const file = saveResults('claims-post.json', { at: new Date().toISOString(), connections: 50, durationSeconds: DURATION, rows, verdict })
    console.log(`results: ${file}`)
    // Any refusal or error says why: the server's warnings and errors (never PII: claims are not logged).
    if (rows.some((r) => r.name.startsWith('HuXin') && (r.non2xx > 0 || r.errors > 0))) {
      const problems = huxin.output().split('\n').filter((line) => /"level":(40|50|60)/.test(line))
      console.log(`server warnings and errors (${problems.length}):\n${problems.slice(0, 10).join('\n')}`)
    }
    process.exitCode = verdict.pass ? 0 : 1
  } finally {
    baseline.kill('SIGTERM')
    await huxin.stop()
    await baselineDb.drop()
    await huxinDb.drop()
  }
}

await main()
