/**
 * Shared pieces of the benchmarks: a fresh PostgreSQL database, child processes, and an
 * autocannon run that reports requests/s and latency percentiles.
 */
import { randomBytes } from 'node:crypto'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'
import { REPO_ROOT } from '../helpers/server-process'

export const BENCH_ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'

export async function createBenchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `huxin_bench_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: BENCH_ADMIN_URL })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(BENCH_ADMIN_URL)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: BENCH_ADMIN_URL })
      await dropper.connect()
      await dropper.query(`drop database if exists ${name} with (force)`)
      await dropper.end()
    },
  }
}

export interface LoadResult {
  name: string
  requestsPerSecond: number
  p50: number
  p99: number
  non2xx: number
  errors: number
  total: number
}

export async function runLoad(
  name: string,
  options: autocannon.Options,
): Promise<LoadResult> {
  const result = await autocannon({ connections: 50, duration: 10, ...options })
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    total: result.requests.total,
  }
}

export function spawnNode(script: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  return child
}

export async function waitFor(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`)
}

export function saveResults(file: string, data: unknown): string {
  const dir = path.join(REPO_ROOT, 'tests', 'bench', 'results')
  mkdirSync(dir, { recursive: true })
  const target = path.join(dir, file)
  writeFileSync(target, `${JSON.stringify(data, null, 2)}\n`)
  return target
}

export function table(rows: LoadResult[]): string {
  const lines = ['| endpoint | req/s | p50 ms | p99 ms | non-2xx | errors |', '|---|---|---|---|---|---|']
  for (const r of rows) lines.push(`| ${r.name} | ${r.requestsPerSecond} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} |`)
  return lines.join('\n')
}
