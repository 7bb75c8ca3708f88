import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { ErrorResponse, TokenPair } from '@huxin/shared'
import { useTestApp } from '../../helpers/app'
import { signInWorker } from '../../helpers/auth'
import { DATABASE_KINDS } from '../../helpers/database'

interface SimulatedSms {
  phone: string
  code: string
}

describe.each(DATABASE_KINDS)('auth on %s', (kind) => {
  const t = useTestApp(kind)

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload, headers })
  const me = (token: string) =>
    t.app.inject({ method: 'GET', url: '/api/v1/claims', headers: { authorization: `Bearer ${token}` } })

  let phoneSeq = 0
  const newPhone = () => `139${String(process.pid % 10_000).padStart(4, '0')}${String(++phoneSeq).padStart(4, '0')}`
  const smsFor = async (phone: string): Promise<SimulatedSms[]> => {
    const response = await fetch(`${t.simulators.smsBaseUrl}/messages?phone=${phone}`)
    return ((await response.json()) as { items: SimulatedSms[] }).items
  }

  describe('WeChat sign-in', () => {
    it('exchanges a wx.login code for tokens; the same openid is the same user', async () => {
      const first = await signInWorker(t, 'o-same-user')
      // wx.login codes are single-use: signing in again brings a fresh code for the same openid.
      const reused = await post('/api/v1/auth/wechat', { code: 'sim:o-same-user' })
      expect(reused.statusCode).toBe(401)
      const second = await signInWorker(t, 'o-same-user:second-login')
      expect(first.user).toEqual({ id: expect.any(String), role: 'worker' })
      expect(second.user.id).toBe(first.user.id)
      expect(first.expiresIn).toBe(900)
      expect((await me(first.accessToken)).statusCode).toBe(200)
    })

    it.each([
      ['sim:error:40029', 401, 'WECHAT_CODE_INVALID'],
      ['sim:error:40226', 403, 'WECHAT_HIGH_RISK_USER'],
      ['sim:error:45011', 429, 'RATE_LIMITED'],
      ['sim:error:-1', 503, 'WECHAT_UNAVAILABLE'],
      ['not-a-sim-code', 401, 'WECHAT_CODE_INVALID'],
    ])('answers WeChat error %s with %i %s', async (code, status, errorCode) => {
      const response = await post('/api/v1/auth/wechat', { code })
      expect(response.statusCode).toBe(status)
      expect(response.json<ErrorResponse>().error.code).toBe(errorCode)
    })

    it('never returns or logs the session_key', async () => {
      const response = await post('/api/v1/auth/wechat', { code: 'sim:o-session-key-check' })
      expect(response.body).not.toMatch(/session_?key/i)
      expect(t.logs.join('')).not.toMatch(/session_?key/i)
    })
  })

  describe('SMS sign-in', () => {
    it('sends a 6-digit code and signs in with it; the code works once', async () => {
      const phone = newPhone()
      const request = await post('/api/v1/auth/sms/request', { phone })
      expect(request.statusCode).toBe(202)
      expect(request.json()).toEqual({ expiresIn: 300 })
      const [sms] = await smsFor(phone)
      expect(sms?.code).toMatch(/^\d{6}$/)
      const verify = await post('/api/v1/auth/sms/verify', { phone, code: sms!.code })
      expect(verify.statusCode).toBe(200)
      const tokens = verify.json<TokenPair>()
      expect(tokens.user.role).toBe('worker')
      expect((await me(tokens.accessToken)).statusCode).toBe(200)
      const again = await post('/api/v1/auth/sms/verify', { phone, code: sms!.code })
      expect(again.statusCode).toBe(401)
    })

    it('allows 5 tries per code, then locks it', async () => {
      const phone = newPhone()
      await post('/api/v1/auth/sms/request', { phone })
      const [sms] = await smsFor(phone)
      const wrong = sms!.code === '000000' ? '111111' : '000000'
      for (let i = 0; i < 5; i++) {
        const response = await post('/api/v1/auth/sms/verify', { phone, code: wrong })
        expect(response.statusCode).toBe(401)
        expect(response.json<ErrorResponse>().error.code).toBe('SMS_CODE_WRONG')
      }
      const right = await post('/api/v1/auth/sms/verify', { phone, code: sms!.code })
      expect(right.statusCode).toBe(401)
      expect(right.json<ErrorResponse>().error.code).toBe('SMS_CODE_LOCKED')
    })

    it('limits code requests per phone with 429 and retry-after', async () => {
      const phone = newPhone()
      expect((await post('/api/v1/auth/sms/request', { phone })).statusCode).toBe(202)
      const limited = await post('/api/v1/auth/sms/request', { phone })
      expect(limited.statusCode).toBe(429)
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60)
      expect(limited.json<ErrorResponse>().error.code).toBe('RATE_LIMITED')
      expect(await smsFor(phone)).toHaveLength(1)
    })

    it('limits code requests per client address', async () => {
      const ip = '203.0.113.7'
      const statuses: number[] = []
      for (let i = 0; i < 31; i++) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/sms/request',
          payload: { phone: newPhone() },
          remoteAddress: ip,
        })
        statuses.push(response.statusCode)
      }
      expect(statuses.slice(0, 30).every((s) => s === 202)).toBe(true)
      expect(statuses[30]).toBe(429)
    })

    it('names the field for a bad phone or code', async () => {
      const badPhone = await post('/api/v1/auth/sms/request', { phone: '12345' })
      expect(badPhone.statusCode).toBe(400)
      expect(badPhone.json<ErrorResponse>().error.details?.[0]?.field).toBe('phone')
      const badCode = await post('/api/v1/auth/sms/verify', { phone: newPhone(), code: '12ab56' })
      expect(badCode.json<ErrorResponse>().error.details?.[0]?.field).toBe('code')
    })

    it('keeps phone numbers and codes out of the logs', async () => {
      const phone = newPhone()
      await post('/api/v1/auth/sms/request', { phone })
      const [sms] = await smsFor(phone)
      await post('/api/v1/auth/sms/verify', { phone, code: sms!.code })
      const logs = t.logs.join('')
      expect(logs).not.toContain(phone)
      expect(logs).not.toContain(`"${sms!.code}"`)
    })
  })

  describe('refresh tokens', () => {
    it('rotate: the new pair works, the old refresh token is spent', async () => {
      const session = await signInWorker(t)
      const refreshed = await post('/api/v1/auth/refresh', { refreshToken: session.refreshToken })
      expect(refreshed.statusCode).toBe(200)
      const next = refreshed.json<TokenPair>()
      expect(next.refreshToken).not.toBe(session.refreshToken)
      expect(next.user.id).toBe(session.user.id)
      expect((await me(next.accessToken)).statusCode).toBe(200)
    })

    it('reusing a spent refresh token revokes the whole family', async () => {
      const session = await signInWorker(t)
      const next = (await post('/api/v1/auth/refresh', { refreshToken: session.refreshToken })).json<TokenPair>()
      const reuse = await post('/api/v1/auth/refresh', { refreshToken: session.refreshToken })
      expect(reuse.statusCode).toBe(401)
      expect(reuse.json<ErrorResponse>().error.code).toBe('REFRESH_TOKEN_REUSED')
      // The legitimate holder's newer token is dead too.
      expect((await post('/api/v1/auth/refresh', { refreshToken: next.refreshToken })).statusCode).toBe(401)
    })

    it('logout revokes the session', async () => {
      const session = await signInWorker(t)
      const out = await post('/api/v1/auth/logout', { refreshToken: session.refreshToken }, session.headers)
      expect(out.statusCode).toBe(204)
      expect((await post('/api/v1/auth/refresh', { refreshToken: session.refreshToken })).statusCode).toBe(401)
    })

    it('refuses garbage and forged refresh tokens', async () => {
      const session = await signInWorker(t)
      const [id] = session.refreshToken.split('.')
      for (const refreshToken of ['nope', `${id}.${'A'.repeat(43)}`, `00000000-0000-4000-8000-000000000000.${'B'.repeat(43)}`]) {
        expect((await post('/api/v1/auth/refresh', { refreshToken })).statusCode).toBe(401)
      }
    })
  })

  describe('forged access tokens → 401', () => {
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const sign = (header: object, payload: object, secret: string) => {
      const body = `${b64(header)}.${b64(payload)}`
      return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`
    }
    const now = () => Math.floor(Date.now() / 1000)
    const claims = (over: object = {}) => ({ sub: '00000000-0000-4000-8000-000000000000', role: 'worker', iss: 'huxin', aud: 'huxin-api', iat: now(), exp: now() + 600, ...over })

    it('accepts a correctly signed token (control)', async () => {
      const token = sign({ alg: 'HS256', typ: 'JWT' }, claims(), t.config.jwtSecret)
      expect((await me(token)).statusCode).toBe(200)
    })

    it.each([
      ['alg none', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`],
      ['wrong secret', () => sign({ alg: 'HS256', typ: 'JWT' }, claims(), 'another-secret-another-secret-another')],
      ['wrong audience', () => sign({ alg: 'HS256', typ: 'JWT' }, claims({ aud: 'someone-else' }), t.config.jwtSecret)],
      ['wrong issuer', () => sign({ alg: 'HS256', typ: 'JWT' }, claims({ iss: 'evil' }), t.config.jwtSecret)],
      ['expired', () => sign({ alg: 'HS256', typ: 'JWT' }, claims({ exp: now() - 10 }), t.config.jwtSecret)],
      ['HS512 algorithm', () => {
        const body = `${b64({ alg: 'HS512', typ: 'JWT' })}.${b64(claims())}`
        return `${body}.${createHmac('sha512', t.config.jwtSecret).update(body).digest('base64url')}`
      }],
      ['unknown role', () => sign({ alg: 'HS256', typ: 'JWT' }, claims({ role: 'god' }), t.config.jwtSecret)],
    ])('%s', async (_name, make) => {
      const response = await me(make())
      expect(response.statusCode).toBe(401)
      expect(response.json<ErrorResponse>().error.code).toBe('UNAUTHORIZED')
    })

    it('no token at all', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/claims' })).statusCode).toBe(401)
    })
  })
})
