import { createHmac } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Claim, TokenPair } from '@huxin/shared'
import { JWT_AUDIENCE, JWT_ISSUER } from '../../../src/modules/auth/jwt'
import { useTestApp } from '../../helpers/app'
import { signInWorker } from '../../helpers/auth'
import { DATABASE_KINDS } from '../../helpers/database'
import { fileAs, signInStaff, type SignedInStaff } from '../../helpers/staff'

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

/** An HS256 token signed with the app's secret but with the claims given (no defaults added). */
function handSigned(secret: string, claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`
}

describe.each(DATABASE_KINDS)('every staff request is authorised from the database on %s', (kind) => {
  const t = useTestApp(kind)
  let admin: SignedInStaff
  beforeAll(async () => {
    admin = await signInStaff(t, 'admin', [])
  })

  const adminRoute = (staff: { headers: object }, method: 'GET' | 'POST' | 'PATCH' = 'GET', url = '', payload?: object) =>
    t.app.inject({ method, url: `/api/v1/admin/users${url}`, headers: staff.headers as Record<string, string>, ...(payload ? { payload } : {}) })
  const refresh = (refreshToken: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } })

  it('a disabled admin loses every admin power at once: its access token is refused and its refresh token revoked', async () => {
    const other = await signInStaff(t, 'admin', [])
    expect((await adminRoute(other)).statusCode).toBe(200)
    expect((await adminRoute(admin, 'PATCH', `/${other.id}`, { disabled: true })).statusCode).toBe(200)

    expect((await adminRoute(other)).statusCode).toBe(401)
    // It cannot re-enable itself or make a new admin with the token it still holds.
    expect((await adminRoute(other, 'PATCH', `/${other.id}`, { disabled: false })).statusCode).toBe(401)
    const created = await adminRoute(other, 'POST', '', { username: 'backdoor.admin', password: 'Backdoor-Pass-01', role: 'admin' })
    expect(created.statusCode).toBe(401)
    expect((await refresh(other.refreshToken)).statusCode).toBe(401)
    const listed = (await adminRoute(admin)).json<{ items: { username: string }[] }>().items
    expect(listed.map((a) => a.username)).not.toContain('backdoor.admin')
  })

  it('a demoted admin is refused the admin routes at once', async () => {
    const other = await signInStaff(t, 'admin', [])
    expect((await adminRoute(admin, 'PATCH', `/${other.id}`, { role: 'inspector', towns: ['yaoguan'] })).statusCode).toBe(200)
    expect((await adminRoute(other)).statusCode).toBe(401)
    expect((await adminRoute(other, 'PATCH', `/${other.id}`, { role: 'admin' })).statusCode).toBe(401)
    expect((await refresh(other.refreshToken)).statusCode).toBe(401)
  })

  it('takes role and towns from the account, not from the token', async () => {
    const inspector = await signInStaff(t, 'inspector', ['yaoguan'])
    // A token that claims admin for an inspector, signed with the real key and the right version.
    const forged = t.app.jwt.sign({ sub: inspector.id, role: 'admin', sv: 0 })
    expect((await adminRoute({ headers: bearer(forged) })).statusCode).toBe(403)
    // A token without the authorisation version (as issued before it existed) counts for nothing.
    const unversioned = t.app.jwt.sign({ sub: inspector.id, role: 'inspector' })
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/triage', headers: bearer(unversioned) })).statusCode).toBe(401)
  })

  it('a change of towns applies from the next request: the old token must refresh and then sees the new towns', async () => {
    const { claim } = await fileAs(t) // in yaoguan
    const inspector = await signInStaff(t, 'inspector', ['yaoguan'])
    const read = (headers: object) => t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers: headers as Record<string, string> })
    expect((await read(inspector.headers)).statusCode).toBe(200)
    expect((await adminRoute(admin, 'PATCH', `/${inspector.id}`, { towns: ['henglin'] })).statusCode).toBe(200)
    expect((await read(inspector.headers)).statusCode).toBe(401)
    const renewed = await refresh(inspector.refreshToken)
    expect(renewed.statusCode).toBe(200)
    const headers = bearer(renewed.json<TokenPair>().accessToken)
    expect((await read(headers)).statusCode).toBe(404)
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/claims', headers })
    expect(list.json<{ items: Claim[] }>().items.map((c) => c.id)).not.toContain(claim.id)
  })

  it('logging out refuses that access token at once; the account\'s other sessions refresh and go on', async () => {
    const first = await signInStaff(t, 'inspector', ['yaoguan'])
    const second = (
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload: { username: first.username, password: 'Inspector-2026' } })
    ).json<TokenPair>()
    const triage = (headers: object) => t.app.inject({ method: 'GET', url: '/api/v1/triage', headers: headers as Record<string, string> })
    expect((await triage(first.headers)).statusCode).toBe(200)

    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: first.headers, payload: { refreshToken: first.refreshToken } })
    expect(out.statusCode).toBe(204)
    expect((await triage(first.headers)).statusCode).toBe(401)
    expect((await refresh(first.refreshToken)).statusCode).toBe(401)

    expect((await triage(bearer(second.accessToken))).statusCode).toBe(401)
    const renewed = await refresh(second.refreshToken)
    expect(renewed.statusCode).toBe(200)
    expect((await triage(bearer(renewed.json<TokenPair>().accessToken))).statusCode).toBe(200)
  })

  it('a password reset or a new second factor refuses the access tokens issued before', async () => {
    const inspector = await signInStaff(t, 'inspector', ['yaoguan'])
    expect((await adminRoute(admin, 'PATCH', `/${inspector.id}`, { password: 'Another-Pass-2026' })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/triage', headers: inspector.headers })).statusCode).toBe(401)

    const supervisor = await signInStaff(t, 'supervisor', [])
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/triage', headers: supervisor.headers })).statusCode).toBe(200)
    expect((await adminRoute(admin, 'POST', `/${supervisor.id}/totp`)).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/triage', headers: supervisor.headers })).statusCode).toBe(401)
    expect((await refresh(supervisor.refreshToken)).statusCode).toBe(401)
  })

  it('refuses tokens without exp, aud or iss, even when signed with the right key', async () => {
    const worker = await signInWorker(t)
    const now = Math.floor(Date.now() / 1000)
    const full = { sub: worker.user.id, role: 'worker', iat: now, exp: now + 600, iss: JWT_ISSUER, aud: JWT_AUDIENCE }
    const mine = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/claims', headers: bearer(token) })
    expect((await mine(handSigned(t.config.jwtSecret, full))).statusCode).toBe(200)
    for (const claim of ['exp', 'aud', 'iss'] as const) {
      const { [claim]: _dropped, ...rest } = full
      expect((await mine(handSigned(t.config.jwtSecret, rest))).statusCode, `without ${claim}`).toBe(401)
    }
    expect((await mine(handSigned(t.config.jwtSecret, { ...full, aud: 'someone-else' }))).statusCode).toBe(401)
  })
})
