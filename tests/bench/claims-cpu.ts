/**
 * CPU time of the API process per filing: the app in this process (`app.inject`, 50 filings in
 * flight, no sockets), a fresh PostgreSQL database, 1,000 workers, 3 rounds of 5,000 filings after
 * 3,000 to warm up. CPU per filing moves much less with other load on the machine than requests
 * per second do, so it compares two versions of the code where `bench:claims` cannot (run them
 * alternately, several times):
 *
 *   node --import tsx tests/bench/claims-cpu.ts [checkout root, default this one]
 *
 * (e.g. `git archive <commit> server migrations package.json | tar -x -C /tmp/old`, link
 * node_modules and server/node_modules there, and pass /tmp/old.)
 */
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { REPO_ROOT } from '../helpers/server-process'
import { createBenchDatabase } from './lib'
const root = process.argv[2] ?? REPO_ROOT
const { buildApp } = await import(`${root}/server/src/app.ts`)
const { loadConfig } = await import(`${root}/server/src/config.ts`)
const { openDatabase } = await import(`${root}/server/src/db/client.ts`)
const db = await createBenchDatabase()
const dataDir = mkdtempSync(path.join(tmpdir(), 'huxin-cpu-'))
const config = loadConfig({ HUXIN_ENV: 'test', HUXIN_DATA_DIR: dataDir, HUXIN_H5_DIR: path.join(dataDir, 'no'), DATABASE_URL: db.url, LOG_LEVEL: 'warn', HUXIN_JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789', HUXIN_PII_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', HUXIN_FILING_MAX_PER_HOUR: '1000000000', HUXIN_FILING_MAX_PER_DAY: '1000000000' })
const database = await openDatabase({ databaseUrl: db.url })
await database.migrate(config.migrationsDir)
const app = await buildApp({ config, database, logger: false })
await app.ready()
try {
  const tokens: string[] = []
  for (let i = 0; i < 1000; i++) {
    const id = randomUUID()
    await database.query("insert into users (id, role) values ($1, 'worker')", [id])
    tokens.push(app.jwt.sign({ sub: id, role: 'worker' }))
  }
  const body = (i: number) => JSON.stringify({ claimant: { name: '王建国', phone: '13812341234' }, employer: { name: `常州某某建筑劳务有限公司第${i % 2000}分公司` }, project: { name: `遥观镇某小区${i % 40}期工程` }, industry: 'construction', town: 'yaoguan', periodFrom: '2026-03', periodTo: '2026-06', amountOwedFen: 2345678, workersCount: 3, coWorkers: [{ name: '李四', phone: '13900001111' }, { name: '赵五' }], description: '三月到六月在工地干活，老板一直拖着不发工资。', confidential: true, consent: { privacyVersion: '2026-11', sensitiveInfo: false } })
  let n = 0
  const run = async (total: number) => {
    let bad = 0
    const worker = async () => {
      while (n < total) {
        const i = n++
        const r = await app.inject({ method: 'POST', url: '/api/v1/claims', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % 1000]}`, 'idempotency-key': randomUUID() }, payload: body(i) })
        if (r.statusCode !== 201) { bad++; if (bad < 3) console.log(r.statusCode, r.body.slice(0, 300)) }
      }
    }
    await Promise.all(Array.from({ length: 50 }, worker))
    return bad
  }
  // The database's side: CPU of the PostgreSQL backends serving this database, read from /proc
  // when PostgreSQL runs on this machine; a backend that came or went during a round is left out
  // (and counted), so the figure is a lower bound when the pool changed.
  const backendTicks = async (): Promise<Map<number, number> | undefined> => {
    const { rows } = (await database.query('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()')) as { rows: { pid: number }[] }
    const ticks = new Map<number, number>()
    try {
      for (const { pid } of rows) {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
        ticks.set(pid, Number(fields[11]) + Number(fields[12]))
      }
    } catch {
      return undefined
    }
    return ticks
  }
  const ticksPerSecond = 100
  const databaseCpu = (before: Map<number, number> | undefined, after: Map<number, number> | undefined, filings: number): string => {
    if (!before || !after) return 'n/a'
    let ticks = 0
    let changed = 0
    for (const [pid, end] of after) {
      const start = before.get(pid)
      if (start === undefined) changed++
      else ticks += end - start
    }
    for (const pid of before.keys()) if (!after.has(pid)) changed++
    return `${((ticks / ticksPerSecond / filings) * 1e6).toFixed(0)} µs${changed ? ` (${changed} backends came or went)` : ''}`
  }
  await run(3000)
  for (let round = 0; round < 3; round++) {
    n = 0
    const d0 = await backendTicks()
    const c0 = process.cpuUsage(); const t0 = performance.now()
    const bad = await run(5000)
    const c = process.cpuUsage(c0); const ms = performance.now() - t0
    const dbUs = databaseCpu(d0, await backendTicks(), 5000)
    console.log(`round ${round}: ${((c.user + c.system) / 1000 / 5000 * 1000).toFixed(0)} µs CPU/filing (user ${(c.user / 5000).toFixed(0)}), PostgreSQL ${dbUs} CPU/filing, ${(5000 / ms * 1000).toFixed(0)} filings/s wall, bad ${bad}`)
  }
} finally {
  await app.close(); await database.close(); await db.drop()
}
