import { sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ErrorResponse } from '@huxin/shared'
import { buildApp } from '../../../src/app'
import type * as Passwords from '../../../src/modules/auth/passwords'
import { hashPassword } from '../../../src/modules/auth/passwords'
import { STAFF_SIGN_IN_LIMITS } from '../../../src/modules/auth/staff-sign-in'
import { useTestApp } from '../../helpers/app'
import { DATABASE_KINDS } from '../../helpers/database'

// Counts the password checks actually made: what a guesser gets evaluated.
vi.mock('../../../src/modules/auth/passwords', async (importOriginal) => {
  const original = await importOriginal<typeof Passwords>()
  return { ...original, verifyPassword: vi.fn(original.verifyPassword) }
})
const { verifyPassword } = await import('../../../src/modules/auth/passwords')
const evaluations = () => vi.mocked(verifyPassword).mock.calls.length

const PASSWORD = 'Inspector-2026'
let seq = 0

describe.each(DATABASE_KINDS)('staff sign-in limits on %s', (kind) => {
  const t = useTestApp(kind)
  beforeEach(() => {
    vi.mocked(verifyPassword).mockClear()
  })

  async function createInspector() {
    const username = `guarded-${++seq}`
    await t.app.repos.users.createStaff({ username, role: 'inspector', passwordHash: await hashPassword(PASSWORD), totpSecretEnc: null, towns: ['yaoguan'] })
    return username
  }
  const login = (username: string, password: string, remoteAddress: string, app = t.app) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload: { username, password }, remoteAddress })
  let nextAddress = 0
  const freshAddress = () => `198.51.100.${++nextAddress}`

  it('evaluates at most 5 of 40 concurrent wrong guesses, and the right password is refused afterwards (423)', async () => {
    const username = await createInspector()
    const ip = freshAddress()
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => login(username, `Wrong-Guess-${i}`, ip)))
    expect(evaluations()).toBe(STAFF_SIGN_IN_LIMITS.pair.max)
    expect(burst.filter((r) => r.statusCode === 423)).toHaveLength(40 - burst.filter((r) => r.statusCode === 401).length)
    expect(burst.filter((r) => r.statusCode === 401).length).toBeLessThanOrEqual(4)
    // A success must not clear a lock that was reached.
    const right = await login(username, PASSWORD, ip)
    expect(right.statusCode).toBe(423)
    expect(right.json<ErrorResponse>().error.code).toBe('ACCOUNT_LOCKED')
    expect(evaluations()).toBe(STAFF_SIGN_IN_LIMITS.pair.max)
  })

  it('evaluates at most 5 guesses when the right password is in the middle of a burst of 40', async () => {
    const username = await createInspector()
    const ip = freshAddress()
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => login(username, i === 20 ? PASSWORD : `Wrong-Guess-${i}`, ip)))
    // Whether the right one came among the first five or not, no more than five were checked.
    expect(evaluations()).toBeLessThanOrEqual(STAFF_SIGN_IN_LIMITS.pair.max)
    expect(burst.filter((r) => r.statusCode === 200).length).toBeLessThanOrEqual(1)
    expect(burst.filter((r) => r.statusCode === 423).length).toBeGreaterThanOrEqual(40 - STAFF_SIGN_IN_LIMITS.pair.max)
  })

  it('locks the guessing address only: the user signs in from their own address meanwhile', async () => {
    const username = await createInspector()
    const stranger = freshAddress()
    for (let i = 0; i < 5; i++) await login(username, 'Wrong-Pass-123', stranger)
    expect((await login(username, PASSWORD, stranger)).statusCode).toBe(423)
    expect((await login(username, PASSWORD, freshAddress())).statusCode).toBe(200)
    // And the stranger's lock is still there after that success elsewhere.
    expect((await login(username, PASSWORD, stranger)).statusCode).toBe(423)
  })

  it('throttles one address after 20 failures whatever the usernames (429, retry-after), not others; floods are not evaluated', async () => {
    const ip = freshAddress()
    const flood = await Promise.all(Array.from({ length: 100 }, (_, i) => login(`nobody-${seq}-${i}`, 'Wrong-Pass-123', ip)))
    expect(evaluations()).toBe(STAFF_SIGN_IN_LIMITS.address.max)
    const limited = flood.filter((r) => r.statusCode === 429)
    expect(limited).toHaveLength(100 - STAFF_SIGN_IN_LIMITS.address.max)
    expect(Number(limited[0]!.headers['retry-after'])).toBeGreaterThan(0)
    expect(limited[0]!.json<ErrorResponse>().error.code).toBe('RATE_LIMITED')

    const username = await createInspector()
    expect((await login(username, PASSWORD, ip)).statusCode).toBe(429)
    expect((await login(username, PASSWORD, freshAddress())).statusCode).toBe(200)
  })

  it('throttles guesses at one account spread over many addresses (429 with retry-after)', async () => {
    const username = await createInspector()
    const addresses = Array.from({ length: STAFF_SIGN_IN_LIMITS.account.max / STAFF_SIGN_IN_LIMITS.pair.max }, freshAddress)
    for (const ip of addresses) {
      await Promise.all(Array.from({ length: STAFF_SIGN_IN_LIMITS.pair.max }, () => login(username, 'Wrong-Pass-123', ip)))
    }
    const next = await login(username, PASSWORD, freshAddress())
    expect(next.statusCode).toBe(429)
    expect(Number(next.headers['retry-after'])).toBeGreaterThan(0)
  })

  it('shares the counts between server processes (two apps on one database)', async () => {
    const second = await buildApp({ config: t.config, database: t.database.handle, logger: false })
    try {
      const username = await createInspector()
      const ip = freshAddress()
      await Promise.all([0, 1, 2].map(() => login(username, 'Wrong-Pass-123', ip)))
      await Promise.all([0, 1].map(() => login(username, 'Wrong-Pass-123', ip, second)))
      expect((await login(username, PASSWORD, ip)).statusCode).toBe(423)
      expect((await login(username, PASSWORD, ip, second)).statusCode).toBe(423)
    } finally {
      await second.close()
    }
  })

  it('answers a disabled account like an unknown one until its password is proven', async () => {
    const username = await createInspector()
    await t.app.db.execute(sql`update users set disabled_at = now() where username = ${username}`)
    const unknown = await login(`nobody-${seq}`, 'Wrong-Guess', freshAddress())
    const wrong = await login(username, 'Wrong-Guess', freshAddress())
    expect(wrong.statusCode).toBe(unknown.statusCode)
    expect(wrong.json<ErrorResponse>().error.code).toBe(unknown.json<ErrorResponse>().error.code)
    const right = await login(username, PASSWORD, freshAddress())
    expect(right.statusCode).toBe(403)
    expect(right.json<ErrorResponse>().error.code).toBe('ACCOUNT_DISABLED')
  })
})
