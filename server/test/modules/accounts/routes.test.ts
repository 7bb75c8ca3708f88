import { beforeAll, describe, expect, it } from 'vitest'
import type { TokenPair } from '@huxin/shared'
import { base32Decode, totpAt, totpStep } from '../../../src/modules/auth/totp'
import { useTestApp } from '../../helpers/app'
import { signInWorker } from '../../helpers/auth'
import { DATABASE_KINDS } from '../../helpers/database'
import { signInStaff, type SignedInStaff } from '../../helpers/staff'

interface Account {
  id: string
  username: string
  role: string
  towns: string[]
  totpEnrolled: boolean
  disabledAt?: string
  lockedUntil?: string
}

describe.each(DATABASE_KINDS)('staff accounts managed by admins on %s', (kind) => {
  const t = useTestApp(kind)
  let admin: SignedInStaff
  beforeAll(async () => {
    admin = await signInStaff(t, 'admin', [])
  })

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers = admin.headers) =>
    t.app.inject({ method, url: `/api/v1/admin/users${url}`, headers, ...(payload ? { payload } : {}) })
  const login = (username: string, password: string, totp?: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload: { username, password, ...(totp ? { totp } : {}) } })

  it('creates an inspector who can then sign in; names the field of every bad input', async () => {
    const created = await call('POST', '', { username: 'li.yaoguan', password: 'Yaoguan-Insp-01', role: 'inspector', towns: ['yaoguan'] })
    expect(created.statusCode).toBe(201)
    const { account, totpUri } = created.json<{ account: Account; totpUri?: string }>()
    expect(account).toMatchObject({ username: 'li.yaoguan', role: 'inspector', towns: ['yaoguan'], totpEnrolled: false })
    expect(totpUri).toBeUndefined()
    expect(JSON.stringify(created.json())).not.toContain('Yaoguan-Insp-01')
    expect((await login('li.yaoguan', 'Yaoguan-Insp-01')).statusCode).toBe(200)

    const field = async (payload: object) => {
      const response = await call('POST', '', payload)
      return { status: response.statusCode, fields: (response.json<{ error: { details?: { field: string }[] } }>().error.details ?? []).map((d) => d.field) }
    }
    expect(await field({ username: 'li.yaoguan', password: 'Yaoguan-Insp-01', role: 'inspector', towns: ['yaoguan'] })).toEqual({ status: 409, fields: ['body.username'] })
    expect(await field({ username: 'x', password: 'Yaoguan-Insp-01', role: 'inspector', towns: ['yaoguan'] })).toMatchObject({ status: 400 })
    expect(await field({ username: 'weak.one', password: 'short', role: 'inspector', towns: ['yaoguan'] })).toEqual({ status: 400, fields: ['body.password'] })
    expect(await field({ username: 'no.town', password: 'Yaoguan-Insp-01', role: 'inspector' })).toEqual({ status: 400, fields: ['body.towns'] })
    expect((await field({ username: 'bad.town', password: 'Yaoguan-Insp-01', role: 'inspector', towns: ['atlantis'] })).status).toBe(400)
  })

  it('enrols supervisors and admins in TOTP and shows the enrolment once', async () => {
    const created = await call('POST', '', { username: 'wang.supervisor', password: 'Supervisor-2026', role: 'supervisor' })
    expect(created.statusCode).toBe(201)
    const { account, totpUri } = created.json<{ account: Account; totpUri: string }>()
    expect(account.totpEnrolled).toBe(true)
    const secret = /[?&]secret=([A-Z2-7]+)/.exec(totpUri)?.[1] ?? ''
    expect(base32Decode(secret).length).toBeGreaterThanOrEqual(20)
    expect((await login('wang.supervisor', 'Supervisor-2026')).statusCode).toBe(401)
    expect((await login('wang.supervisor', 'Supervisor-2026', totpAt(secret, totpStep(Date.now())))).statusCode).toBe(200)
    const listed = (await call('GET', '?role=supervisor')).json<{ items: Account[] }>().items
    expect(listed.map((a) => a.username)).toContain('wang.supervisor')
    expect(JSON.stringify(listed)).not.toContain(secret)

    // A lost phone: a new second factor; the old codes stop working.
    const again = await call('POST', `/${account.id}/totp`)
    expect(again.statusCode).toBe(200)
    const fresh = /[?&]secret=([A-Z2-7]+)/.exec(again.json<{ totpUri: string }>().totpUri)?.[1] ?? ''
    expect(fresh).not.toBe(secret)
    expect((await login('wang.supervisor', 'Supervisor-2026', totpAt(fresh, totpStep(Date.now())))).statusCode).toBe(200)
  })

  it('moves an inspector to other towns, unlocks, resets the password and disables; sessions end', async () => {
    const { account } = (await call('POST', '', { username: 'zhao.dingyan', password: 'Dingyan-Insp-01', role: 'inspector', towns: ['dingyan'] })).json<{ account: Account }>()
    const signedIn = (await login('zhao.dingyan', 'Dingyan-Insp-01')).json<TokenPair>()

    const moved = await call('PATCH', `/${account.id}`, { towns: ['dingyan', 'henglin'] })
    expect(moved.json<{ account: Account }>().account.towns).toEqual(['dingyan', 'henglin'])
    expect((await call('PATCH', `/${account.id}`, { towns: [] })).statusCode).toBe(400)

    for (let i = 0; i < 5; i++) await login('zhao.dingyan', 'wrong-password')
    expect((await login('zhao.dingyan', 'Dingyan-Insp-01')).statusCode).toBe(423)
    const listed = (await call('GET', '?town=henglin')).json<{ items: Account[] }>().items
    expect(listed.find((a) => a.id === account.id)?.lockedUntil).toBeDefined()
    expect((await call('PATCH', `/${account.id}`, { unlock: true })).statusCode).toBe(200)
    expect((await login('zhao.dingyan', 'Dingyan-Insp-01')).statusCode).toBe(200)

    expect((await call('PATCH', `/${account.id}`, { password: 'Dingyan-Reset-02' })).statusCode).toBe(200)
    expect((await login('zhao.dingyan', 'Dingyan-Insp-01')).statusCode).toBe(401)
    // The sessions from before the reset are over.
    const refreshed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken: signedIn.refreshToken } })
    expect(refreshed.statusCode).toBe(401)

    const disabled = await call('PATCH', `/${account.id}`, { disabled: true })
    expect(disabled.json<{ account: Account }>().account.disabledAt).toBeDefined()
    expect((await login('zhao.dingyan', 'Dingyan-Reset-02')).statusCode).toBe(403)
    await call('PATCH', `/${account.id}`, { disabled: false })
    expect((await login('zhao.dingyan', 'Dingyan-Reset-02')).statusCode).toBe(200)
  })

  it('keeps an admin from locking themself out, and everyone else out of these routes', async () => {
    expect((await call('PATCH', `/${admin.id}`, { disabled: true })).statusCode).toBe(409)
    expect((await call('PATCH', `/${admin.id}`, { role: 'inspector', towns: ['yaoguan'] })).statusCode).toBe(409)
    const inspector = await signInStaff(t, 'inspector')
    expect((await call('GET', '', undefined, inspector.headers)).statusCode).toBe(403)
    const worker = await signInWorker(t)
    expect((await call('POST', '', { username: 'sneaky', password: 'Sneaky-Pass-01', role: 'admin' }, worker.headers)).statusCode).toBe(403)
    expect((await call('PATCH', '/00000000-0000-4000-8000-000000000000', { unlock: true })).statusCode).toBe(404)
    // Workers are not staff accounts.
    expect((await call('PATCH', `/${worker.user.id}`, { unlock: true })).statusCode).toBe(404)
  })
})
