/**
 * What the national-sync tests share: the simulator on its own port, claims and outbox rows
 * seeded through the engine's own `enqueueNationalMessage`, worker processes (`npm run worker`),
 * and reads of what the platform received.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DEV_SIMULATOR_CREDENTIALS } from '../../server/src/config'
import type { Database, DatabaseHandle } from '../../server/src/db/client'
import { claims } from '../../server/src/db/schema/index'
import { uuidv7 } from '../../server/src/lib/ids'
import { createClaimsRepository } from '../../server/src/modules/claims/index'
import { enqueueNationalMessage, progressPayload, registerPayload } from '../../server/src/modules/national-sync/index'
import { startSimulatorServer, type SimulatorServer } from '../../server/src/simulators'
import { REPO_ROOT } from '../helpers/server-process'

export const TEST_SECRETS = {
  HUXIN_ENV: 'test',
  HUXIN_JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
  HUXIN_PII_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
} as const

export interface SimMessage {
  messageId: string
  kind: string
  clueId: string
  localClaimId: string | null
  seq: number | null
  deliveries: number
}

export interface NationalSim {
  server: SimulatorServer
  baseUrl: string
  faults(faults: Record<string, unknown>): Promise<void>
  messages(): Promise<{ items: SimMessage[]; stats: { accepted: number; deliveries: number; orderViolations: number } }>
  control<T>(path: string, body?: unknown): Promise<T>
  close(): Promise<void>
}

export async function startNationalSimulator(): Promise<NationalSim> {
  const server = await startSimulatorServer({
    wechat: { appId: DEV_SIMULATOR_CREDENTIALS.wechatAppId, appSecret: DEV_SIMULATOR_CREDENTIALS.wechatAppSecret },
    sms: { apiKey: DEV_SIMULATOR_CREDENTIALS.smsApiKey },
    national: { appId: DEV_SIMULATOR_CREDENTIALS.nationalAppId, appSecret: DEV_SIMULATOR_CREDENTIALS.nationalAppSecret },
  })
  const controlUrl = `${server.nationalBaseUrl}/__control`
  const control = async <T,>(p: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${controlUrl}${p}`, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    })
    if (!response.ok) throw new Error(`simulator ${p}: ${response.status} ${await response.text()}`)
    return (response.status === 204 ? undefined : await response.json()) as T
  }
  return {
    server,
    baseUrl: server.nationalBaseUrl,
    faults: async (faults) => {
      await control('/faults', faults)
    },
    messages: () => control('/messages'),
    control,
    close: () => server.close(),
  }
}

/**
 * `claimCount` claims, each with a `register` then `eventsPerClaim − 1` progress messages, all
 * enqueued the way the casework code does: in the claim's own transaction, under its row lock.
 */
export async function seedClaimEvents(handle: DatabaseHandle, claimCount: number, eventsPerClaim: number): Promise<string[]> {
  const db: Database = handle.db
  const repo = createClaimsRepository(handle.db, handle.query)
  const ids: string[] = []
  const statuses = ['accepted', 'investigating', 'mediating', 'ordered_to_pay', 'investigating', 'mediating']
  const now = new Date()
  for (let i = 0; i < claimCount; i++) {
    const id = uuidv7()
    ids.push(id)
    await db.transaction(async (tx) => {
      const [claim] = await tx
        .insert(claims)
        .values({
          id,
          reference: `JK-TEST-${id.slice(-12)}`,
          town: 'yaoguan',
          industry: 'construction',
          claimantName: '测试工人',
          employerName: '常州测试建筑劳务有限公司',
          periodFrom: '2026-03',
          periodTo: '2026-06',
          amountOwedFen: 1_000_000,
          workersCount: 1,
          description: '测试',
          confidential: true,
          consentPrivacyVersion: '2026-11',
          consentSensitiveInfo: false,
          consentAt: now,
          acceptDueAt: now,
        })
        .returning()
      if (!claim) throw new Error('claim insert returned nothing')
      await repo.lockById(id, tx)
      await enqueueNationalMessage(tx, { claimId: id, kind: 'register', payload: registerPayload(claim) })
      for (let e = 1; e < eventsPerClaim; e++) {
        const status = statuses[(e - 1) % statuses.length] ?? 'investigating'
        await enqueueNationalMessage(tx, { claimId: id, kind: 'progress', payload: progressPayload(status, now) })
      }
    })
  }
  return ids
}

export async function outboxCounts(handle: DatabaseHandle): Promise<Record<string, number>> {
  const result = await handle.query<{ status: string; n: number | string }>('select status, count(*)::int as n from national_outbox group by status', [])
  return Object.fromEntries(result.rows.map((r) => [r.status, Number(r.n)]))
}

export async function outboxMessages(handle: DatabaseHandle): Promise<{ messageId: string; claimId: string; seq: number; status: string }[]> {
  const result = await handle.query<{ message_id: string; claim_id: string; seq: number; status: string }>(
    'select message_id, claim_id, seq, status from national_outbox order by claim_id, seq',
    [],
  )
  return result.rows.map((r) => ({ messageId: r.message_id, claimId: r.claim_id, seq: Number(r.seq), status: r.status }))
}

export interface WaitDiagnostics {
  /** A reason to stop waiting at once (a process the wait depends on has exited), or null. */
  gaveUp?: () => string | null
  /** What to print beside the timeout: the state the wait was looking at. */
  describe?: () => Promise<string>
}

export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number, everyMs = 200, diagnostics: WaitDiagnostics = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs
  const explain = async () => (diagnostics.describe ? `\n${await diagnostics.describe().catch((e: unknown) => String(e))}` : '')
  while (Date.now() < deadline) {
    if (await check()) return
    const reason = diagnostics.gaveUp?.()
    if (reason) throw new Error(`gave up waiting for ${what}: ${reason}${await explain()}`)
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${await explain()}`)
}

/** Diagnostics of a wait on worker processes: stop when all have exited, print their output and the outbox. */
export function workerDiagnostics(workers: () => WorkerProcess[], handle: DatabaseHandle): WaitDiagnostics {
  return {
    gaveUp: () => {
      const all = workers()
      const dead = all.filter((w) => w.child.exitCode !== null || w.child.signalCode !== null)
      return all.length > 0 && dead.length === all.length ? `every worker exited (${dead.map((w) => w.child.exitCode ?? w.child.signalCode).join(', ')})` : null
    },
    describe: async () => {
      const counts = await outboxCounts(handle)
      const parked = await handle.query<{ id: number; last_error: string | null }>(
        "select id, last_error from national_outbox where status = 'failed' or attempts > 1 order by id limit 5",
        [],
      )
      const outputs = workers().map((w, i) => `worker ${i + 1} (pid ${w.child.pid}, exit ${w.child.exitCode ?? w.child.signalCode ?? 'running'}):\n${w.output().slice(-2_000)}`)
      return [`outbox: ${JSON.stringify(counts)}`, `retried or parked: ${JSON.stringify(parked.rows)}`, ...outputs].join('\n')
    },
  }
}

/**
 * Every outbox message reached the platform exactly once (by messageId) and, per claim, in seq
 * order. Returns the platform's record for further checks.
 */
export async function expectExactlyOnceInOrder(handle: DatabaseHandle, sim: NationalSim) {
  const sent = await outboxMessages(handle)
  const { items, stats } = await sim.messages()
  const byId = new Map<string, number>()
  for (const item of items) byId.set(item.messageId, (byId.get(item.messageId) ?? 0) + 1)
  const problems: string[] = []
  for (const row of sent) {
    if (row.status !== 'sent') problems.push(`${row.messageId} is ${row.status}`)
    const n = byId.get(row.messageId) ?? 0
    if (n !== 1) problems.push(`${row.messageId} accepted ${n} times`)
  }
  if (items.length !== sent.length) problems.push(`platform accepted ${items.length} messages, outbox has ${sent.length}`)
  // Per claim, the platform saw seq 1, 2, 3 … in that order.
  const seqs = new Map<string, number[]>()
  for (const item of items) if (item.localClaimId !== null && item.seq !== null) seqs.set(item.localClaimId, [...(seqs.get(item.localClaimId) ?? []), item.seq])
  for (const [claimId, list] of seqs) {
    if (list.some((seq, i) => seq !== i + 1)) problems.push(`claim ${claimId} arrived as ${list.join(',')}`)
  }
  if (stats.orderViolations !== 0) problems.push(`${stats.orderViolations} order violations`)
  return { problems, items, stats }
}

export interface WorkerProcess {
  child: ChildProcess
  output(): string
  exited: Promise<number | null>
  kill(signal?: NodeJS.Signals): Promise<number | null>
}

/** `npm run worker` (the same entry) with its own environment. */
export function startWorker(env: Record<string, string>): WorkerProcess {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'huxin-worker-'))
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'server', 'src', 'worker.ts')], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HUXIN_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...TEST_SECRETS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return {
    child,
    output: () => output,
    exited,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
}
