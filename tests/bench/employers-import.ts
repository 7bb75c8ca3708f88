/**
 * Benchmark (API.md, Register): `POST /api/v1/employers/import` of the zone's market-regulation
 * list — 100,000 rows (BENCH_EMPLOYERS to change) in one CSV, through the HTTP API of a server
 * process, on real PostgreSQL and on the embedded PGlite. Target: ≤ 30 s per import on
 * PostgreSQL (production), all rows stored (one transaction), and a second import of the same list
 * (an update of every entry) too; PGlite's figures are recorded beside, for the record.
 *
 *   npm run bench:employers-import   (BENCH_DATABASE_URL defaults to the local PostgreSQL;
 *                                     BENCH_PGLITE=0 skips the PGlite round)
 */
import { createHmac, randomUUID } from 'node:crypto'
import { loadavg } from 'node:os'
import { startServer } from '../helpers/server-process'
import { createBenchDatabase, saveResults } from './lib'

const ROWS = Number(process.env.BENCH_EMPLOYERS || 100_000)
const TARGET_SECONDS = 30
const JWT_SECRET = 'bench-secret-that-is-long-enough-for-hs256-0123456789'
const TOWNS = ['遥观镇', 'henglin', '横山桥镇', 'lucheng', '戚墅堰街道', 'dingyan']
const INDUSTRIES = ['制造业', 'construction', '服务业', 'other']
const SIZES = ['微型', 'small', '中型', '']

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
function creditCodeOf(n: number): string {
  const body = `9132041${String(n).padStart(10, '0')}`
  const sum = [...body].reduce((s, ch, i) => s + CODE_CHARS.indexOf(ch) * CODE_WEIGHTS[i]!, 0)
  return body + CODE_CHARS[(31 - (sum % 31)) % 31]
}

/** The list as the market-regulation bureau would send it: Chinese headers, a tenth without a credit code. */
function listCsv(rows: number): string {
  const lines = ['单位名称,统一社会信用代码,镇街,行业,规模']
  for (let i = 0; i < rows; i++) {
    const code = i % 10 === 9 ? '' : creditCodeOf(i)
    lines.push(`常州经开区第${i}号企业有限公司,${code},${TOWNS[i % 6]},${INDUSTRIES[i % 4]},${SIZES[i % 4]}`)
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
function adminToken(): string {
  const now = Math.floor(Date.now() / 1000)
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: randomUUID(), role: 'admin', iss: 'huxin', aud: 'huxin-api', iat: now, exp: now + 3600 })}`
  return `${body}.${createHmac('sha256', JWT_SECRET).update(body).digest('base64url')}`
}

async function importOnce(url: string, csv: string): Promise<number> {
  const started = performance.now()
  const response = await fetch(`${url}/api/v1/employers/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken()}`, 'content-type': 'text/csv' },
    body: csv,
  })
  const body = (await response.json()) as { imported?: number }
  const seconds = (performance.now() - started) / 1000
  if (response.status !== 200 || body.imported !== ROWS) throw new Error(`import answered ${response.status}: ${JSON.stringify(body).slice(0, 500)}`)
  return seconds
}

async function round(name: string, env: Record<string, string>, csv: string) {
  const server = await startServer({ env: { HUXIN_JWT_SECRET: JWT_SECRET, LOG_LEVEL: 'warn', NATIONAL_SYNC: 'off', ...env } })
  try {
    const first = await importOnce(server.url, csv)
    const again = await importOnce(server.url, csv)
    console.log(`${name}: first import ${first.toFixed(1)} s, the same list again (updates) ${again.toFixed(1)} s`)
    return { name, firstSeconds: Number(first.toFixed(2)), againSeconds: Number(again.toFixed(2)) }
  } finally {
    await server.stop()
  }
}

async function main() {
  const csv = listCsv(ROWS)
  console.log(`${ROWS} rows, ${(Buffer.byteLength(csv) / 1_048_576).toFixed(1)} MB`)
  const rounds = []
  const database = await createBenchDatabase()
  try {
    rounds.push(await round('PostgreSQL', { DATABASE_URL: database.url }, csv))
  } finally {
    await database.drop()
  }
  if (process.env.BENCH_PGLITE !== '0') rounds.push(await round('PGlite in-process', {}, csv))
  const production = rounds[0]!
  const worst = Math.max(production.firstSeconds, production.againSeconds)
  const pass = worst <= TARGET_SECONDS
  console.log(`PostgreSQL worst ${worst.toFixed(1)} s (target ≤ ${TARGET_SECONDS} s): ${pass ? 'PASS' : 'FAIL'}`)
  // The machine's load beside the figures: on a shared machine they mean little without it.
  const file = saveResults('employers-import.json', { at: new Date().toISOString(), loadAverage: loadavg().map((l) => Number(l.toFixed(1))), rows: ROWS, bytes: Buffer.byteLength(csv), rounds, verdict: { worstSeconds: worst, targetSeconds: TARGET_SECONDS, pass } })
  console.log(`results: ${file}`)
  process.exitCode = pass ? 0 : 1
}

await main()
