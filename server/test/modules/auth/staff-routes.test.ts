import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { eq, like, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { ErrorResponse, TokenPair } from '@huxin/shared'
import { REPO_ROOT } from '../../../src/config'
import { buildApp } from '../../../src/app'
import { openDatabase } from '../../../src/db/client'
import { rateEvents, refreshTokens } from '../../../src/db/schema/index'
import { hashPassword } from '../../../src/modules/auth/passwords'
import { newTotpSecret, totpAt, totpStep } from '../../../src/modules/auth/totp'
import { testConfig, TEST_ENV, useTestApp } from '../../helpers/app'
import { validClaimBody } from '../../helpers/claims'
import { DATABASE_KINDS } from '../../helpers/database'

const PASSWORD = 'Inspector-2026'

describe.each(DATABASE_KINDS)('staff sign-in on %s', (kind) => {
  const t = useTestApp(kind)

  let seq = 0
  async function createStaff(role: 'inspector' | 'supervisor' | 'admin') {
    const username = `${role}-${++seq}`
    const secret = role === 'inspector' ? undefined : newTotpSecret()
    await t.app.repos.users.createStaff({
      username,
      role,
      passwordHash: await hashPassword(PASSWORD),
      totpSecretEnc: secret ? t.app.pii.encrypt(secret) : null,
      towns: ['yaoguan'],
    })
    return { username, secret }
  }
  const login = (body: object) => t.app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload: body })

  it('signs an inspector in with username and password', async () => {
    const { username } = await createStaff('inspector')
    const response = await login({ username, password: PASSWORD })
    expect(response.statusCode).toBe(200)
    expect(response.json<TokenPair>().user.role).toBe('inspector')
  })

  it('answers 401 for a wrong password or an unknown user, without saying which', async () => {
    const { username } = await createStaff('inspector')
    const wrong = await login({ username, password: 'Wrong-Pass-123' })
    const unknown = await login({ username: 'nobody-here', password: PASSWORD })
    expect(wrong.statusCode).toBe(401)
    expect(unknown.statusCode).toBe(401)
    expect(wrong.json<ErrorResponse>().error).toEqual(unknown.json<ErrorResponse>().error)
  })

  it('locks the account for 15 minutes after 5 failures (423 with retry-after), even for the right password', async () => {
    const { username } = await createStaff('inspector')
    for (let i = 0; i < 4; i++) expect((await login({ username, password: 'Wrong-Pass-123' })).statusCode).toBe(401)
    const fifth = await login({ username, password: 'Wrong-Pass-123' })
    expect(fifth.statusCode).toBe(423)
    const right = await login({ username, password: PASSWORD })
    expect(right.statusCode).toBe(423)
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(14 * 60)
    expect(right.json<ErrorResponse>().error.code).toBe('ACCOUNT_LOCKED')
    // Once the lock has run out, the right password works again.
    await t.database.handle.db
      .update(rateEvents)
      .set({ createdAt: sql`${rateEvents.createdAt} - interval '16 minutes'` })
      .where(like(rateEvents.bucket, 'staff:fail:%'))
    expect((await login({ username, password: PASSWORD })).statusCode).toBe(200)
  })

  it('requires a TOTP code from supervisors and admins, and refuses a wrong or replayed one', async () => {
    for (const role of ['supervisor', 'admin'] as const) {
      const { username, secret } = await createStaff(role)
      const without = await login({ username, password: PASSWORD })
      expect(without.statusCode).toBe(401)
      expect(without.json<ErrorResponse>().error.code).toBe('TOTP_REQUIRED')
      const code = totpAt(secret!, totpStep(Date.now()))
      const wrongCode = code === '000000' ? '111111' : '000000'
      expect((await login({ username, password: PASSWORD, totp: wrongCode })).json<ErrorResponse>().error.code).toBe('TOTP_INVALID')
      const ok = await login({ username, password: PASSWORD, totp: code })
      expect(ok.statusCode).toBe(200)
      expect(ok.json<TokenPair>().user.role).toBe(role)
      const replay = await login({ username, password: PASSWORD, totp: code })
      expect(replay.statusCode).toBe(401)
      expect(replay.json<ErrorResponse>().error.code).toBe('TOTP_INVALID')
    }
  })

  it('ends idle staff sessions after 30 minutes: the refresh token lives 30 minutes', async () => {
    const { username } = await createStaff('inspector')
    const tokens = (await login({ username, password: PASSWORD })).json<TokenPair>()
    const [id] = tokens.refreshToken.split('.')
    const [row] = await t.database.handle.db.select().from(refreshTokens).where(eq(refreshTokens.id, id!))
    const ttl = row!.expiresAt.getTime() - row!.createdAt.getTime()
    expect(ttl).toBeGreaterThan(29 * 60_000)
    expect(ttl).toBeLessThanOrEqual(30 * 60_000 + 5_000)
    await t.database.handle.db.update(refreshTokens).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(refreshTokens.id, id!))
    const refresh = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: tokens.refreshToken } })
    expect(refresh.statusCode).toBe(401)
  })

  it('lets staff file for a worker only with the channel and the worker\'s consent (400 naming them)', async () => {
    const { username } = await createStaff('inspector')
    const { accessToken } = (await login({ username, password: PASSWORD })).json<TokenPair>()
    // Staff file on a worker's behalf (API.md, Staff-side claims): a body without the channel
    // and the consent is a worker's body, which staff may not send (docs/casework.md).
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/claims',
      headers: { authorization: `Bearer ${accessToken}`, 'idempotency-key': 'staff-attempt-0001' },
      payload: validClaimBody(),
    })
    expect(response.statusCode).toBe(400)
    const fields = (response.json<{ error: { details?: { field: string }[] } }>().error.details ?? []).map((d) => d.field)
    expect(fields.some((f) => f.includes('channel') || f.includes('workerConsent'))).toBe(true)
  })
})

describe('npm run user:create', () => {
  it('creates an admin on a fresh data directory, prints the TOTP enrolment, and the admin can sign in', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'huxin-cli-'))
    const env = { ...process.env, ...TEST_ENV, HUXIN_DATA_DIR: dataDir }
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'server/src/cli/user-create.ts'), ...args], { cwd: REPO_ROOT, env, encoding: 'utf8' })
    const created = run(['--username', 'wang.admin', '--password', 'Admin-Pass-2026', '--role', 'admin'])
    expect(created.status).toBe(0)
    const secret = /otpauth:\/\/totp\/[^\s]*[?&]secret=([A-Z2-7]+)/.exec(created.stdout)?.[1]
    expect(secret).toBeDefined()
    expect(run(['--username', 'wang.admin', '--password', 'Admin-Pass-2026', '--role', 'admin']).status).not.toBe(0)
    expect(run(['--username', 'x1', '--password', 'short', '--role', 'inspector', '--town', 'yaoguan']).stderr).toContain('--password')
    expect(run(['--username', 'x2', '--password', 'Good-Pass-123', '--role', 'inspector', '--town', 'atlantis']).stderr).toContain('--town')

    const database = await openDatabase({ pgliteDir: path.join(dataDir, 'pglite') })
    const app = await buildApp({ config: testConfig({ HUXIN_DATA_DIR: dataDir }), database, logger: false })
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/staff/login',
        payload: { username: 'wang.admin', password: 'Admin-Pass-2026', totp: totpAt(secret!, totpStep(Date.now())) },
      })
      expect(response.statusCode).toBe(200)
      expect(response.json<TokenPair>().user.role).toBe('admin')
    } finally {
      await app.close()
      await database.close()
    }
    // Four CLI runs, each opening PGlite in a new process: slow on a busy machine.
  }, 120_000)
})
