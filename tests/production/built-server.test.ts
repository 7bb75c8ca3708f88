/**
 * The server as production runs it (docs/deploy.md): `npm run build:server`, then
 * `node server/dist/server.js` with no TypeScript loader, HUXIN_ENV=production, real secrets and
 * the outside systems at their own addresses (the simulators, as a bureau's staging would use).
 * On PGlite always; on PostgreSQL with TEST_DATABASE_URL, where three built processes started
 * together on an empty database must all come up with each migration applied once.
 */
import { spawnSync } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Claim, TokenPair } from '@huxin/shared'
import type { loadConfig as loadConfigType } from '../../server/src/config'
import type { cjkFontPath as cjkFontPathType } from '../../server/src/lib/pdf/font'
import { startSimulatorServer, type SimulatorServer } from '../../server/src/simulators'
import { validClaimBody } from '../../server/test/helpers/claims'
import { createTestDatabase, type TestDatabase } from '../../server/test/helpers/database'
import { checkBuiltServer } from '../../scripts/dist-imports.mjs'
import { REPO_ROOT, startServer, type ServerProcess } from '../helpers/server-process'

const hasPostgres = Boolean(process.env.TEST_DATABASE_URL)

/** Production credentials: random, and none of them the simulators' public development values. */
const CREDENTIALS = {
  wechatAppId: `wx${randomBytes(8).toString('hex')}`,
  wechatAppSecret: randomBytes(16).toString('hex'),
  smsApiKey: randomBytes(16).toString('hex'),
  nationalAppId: `bureau-${randomBytes(4).toString('hex')}`,
  nationalAppSecret: randomBytes(24).toString('base64url'),
}

let sim: SimulatorServer
let buildOutput = ''

function productionEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    HUXIN_ENV: 'production',
    HUXIN_JWT_SECRET: randomBytes(48).toString('base64url'),
    HUXIN_PII_KEY: randomBytes(32).toString('hex'),
    WECHAT_API_BASE: sim.wechatBaseUrl,
    WECHAT_APP_ID: CREDENTIALS.wechatAppId,
    WECHAT_APP_SECRET: CREDENTIALS.wechatAppSecret,
    WECHAT_CLAIM_UPDATE_TEMPLATE_ID: 'tmpl-claim-update',
    SMS_API_BASE: sim.smsBaseUrl,
    SMS_API_KEY: CREDENTIALS.smsApiKey,
    NATIONAL_API_BASE: sim.nationalBaseUrl,
    NATIONAL_APP_ID: CREDENTIALS.nationalAppId,
    NATIONAL_APP_SECRET: CREDENTIALS.nationalAppSecret,
    NATIONAL_PULL_INTERVAL_MS: '600000',
    ...extra,
  }
}

async function json<T>(response: Response): Promise<T> {
  const text = await response.text()
  try {
    return JSON.parse(text) as T
  } catch {
    throw new Error(`not JSON (${response.status}): ${text.slice(0, 200)}`)
  }
}

/** The newest sign-in code the SMS simulator (the gateway of this deployment) holds for the phone. */
async function smsCode(phone: string): Promise<string> {
  const response = await fetch(`${sim.smsBaseUrl}/messages?phone=${phone}`)
  const { items } = await json<{ items: { phone: string; code: string | null }[] }>(response)
  const code = items.find((m) => m.phone === phone && m.code)?.code
  if (!code) throw new Error(`no SMS code for ${phone}`)
  return code
}

/** /healthz, then a worker signs in by SMS, files a claim and reads it back. */
async function workerJourney(server: ServerProcess) {
  const health = await fetch(`${server.url}/healthz`)
  expect(health.status).toBe(200)
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
  const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
  expect((await post('/api/v1/auth/sms/request', { phone })).status).toBe(202)
  const verified = await post('/api/v1/auth/sms/verify', { phone, code: await smsCode(phone) })
  expect(verified.status).toBe(200)
  const { accessToken } = await json<TokenPair>(verified)
  const auth = { authorization: `Bearer ${accessToken}` }
  const filed = await post('/api/v1/claims', validClaimBody({ claimant: { name: '王建国', phone } }), { ...auth, 'idempotency-key': randomUUID() })
  expect(filed.status).toBe(201)
  const claim = await json<Claim>(filed)
  const read = await fetch(`${server.url}/api/v1/claims/${claim.id}`, { headers: auth })
  expect(read.status).toBe(200)
  expect((await json<Claim>(read)).reference).toBe(claim.reference)
  // The development simulators are not mounted in production.
  expect((await fetch(`${server.url}/__sim/sms/messages?phone=${phone}`)).status).toBe(404)
}

beforeAll(async () => {
  // The same build as `npm run build:server`, without tsc's type check (npm run typecheck does it;
  // the emitted files are the same, each file being compiled on its own).
  const build = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-server.mjs'), '--no-check'], { cwd: REPO_ROOT, encoding: 'utf8' })
  buildOutput = `${build.stdout}${build.stderr}`
  if (build.status !== 0) throw new Error(`npm run build:server failed:\n${buildOutput}`)
  sim = await startSimulatorServer({
    wechat: { appId: CREDENTIALS.wechatAppId, appSecret: CREDENTIALS.wechatAppSecret },
    sms: { apiKey: CREDENTIALS.smsApiKey },
    national: { appId: CREDENTIALS.nationalAppId, appSecret: CREDENTIALS.nationalAppSecret },
  })
})

afterAll(async () => {
  await sim?.close()
})

describe('the built server (node server/dist/server.js, no TypeScript loader)', () => {
  it('imports only production dependencies, from every entry point', () => {
    expect(buildOutput).toMatch(/import only production dependencies/)
    const { problems, files } = checkBuiltServer(REPO_ROOT)
    expect(problems).toEqual([])
    expect(files).toBeGreaterThan(200)
    // No trace of the development-time loader or of TypeScript sources in what production runs.
    const server = readFileSync(path.join(REPO_ROOT, 'server', 'dist', 'server.js'), 'utf8')
    expect(server).toContain("from './app.js'")
    expect(server).not.toMatch(/tsx|\.ts'/)
  })

  it('finds the migrations, the H5 build and the PDF font from server/dist', async () => {
    const dist = path.join(REPO_ROOT, 'server', 'dist')
    const { loadConfig } = (await import(path.join(dist, 'config.js'))) as { loadConfig: typeof loadConfigType }
    const config = loadConfig({ HUXIN_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'huxin-built-config-')) })
    expect(config.migrationsDir).toBe(path.join(REPO_ROOT, 'migrations'))
    expect(existsSync(path.join(config.migrationsDir, 'meta', '_journal.json'))).toBe(true)
    expect(config.h5Dir).toBe(path.join(REPO_ROOT, 'miniprogram', 'dist', 'h5'))
    const { cjkFontPath } = (await import(path.join(dist, 'lib', 'pdf', 'font.js'))) as { cjkFontPath: typeof cjkFontPathType }
    expect(statSync(cjkFontPath()).size).toBeGreaterThan(1_000_000)
  })

  it('in production mode on PGlite: /healthz, SMS sign-in, a filed claim, a clean stop', { timeout: 120_000 }, async () => {
    const server = await startServer({ built: true, env: productionEnv() })
    try {
      expect(server.child.spawnargs.slice(1)).toEqual([path.join(REPO_ROOT, 'server', 'dist', 'server.js')])
      await workerJourney(server)
    } finally {
      expect(await server.stop()).toBe(0)
    }
  })

  describe.skipIf(!hasPostgres)('on PostgreSQL', () => {
    let database: TestDatabase | undefined
    const servers: ServerProcess[] = []

    afterAll(async () => {
      await Promise.all(servers.map((s) => s.stop('SIGKILL')))
      await database?.destroy()
    })

    it('three built processes started together on an empty database all come up; each migration is applied once', { timeout: 240_000 }, async () => {
      database = await createTestDatabase('postgres', { migrate: false })
      const url = database.url!
      const env = productionEnv({ DATABASE_URL: url, HUXIN_NOTIFICATIONS_WORKER: 'off', NATIONAL_SYNC: 'off' })
      const started = await Promise.allSettled([0, 1, 2].map(() => startServer({ built: true, env })))
      for (const result of started) if (result.status === 'fulfilled') servers.push(result.value)
      expect(started.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ready'))).toEqual(['ready', 'ready', 'ready'])

      const journal = JSON.parse(readFileSync(path.join(REPO_ROOT, 'migrations', 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }
      const { rows } = await database.handle.query<{ hash: string; n: number | string }>(
        'select hash, count(*) as n from drizzle.__drizzle_migrations group by hash',
        [],
      )
      expect(rows.length).toBe(journal.entries.length)
      expect(rows.filter((r) => Number(r.n) !== 1)).toEqual([])

      // Any of them serves a worker; all stop cleanly.
      await workerJourney(servers[2]!)
      expect(await Promise.all(servers.splice(0).map((s) => s.stop()))).toEqual([0, 0, 0])
    })
  })
})
