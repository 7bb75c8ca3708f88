import { beforeAll, describe, expect, it } from 'vitest'
import { shanghaiDate, type Claim, type TokenPair } from '@huxin/shared'
import { hashPassword } from '../../../src/modules/auth/passwords'
import { newTotpSecret, totpAt, totpStep } from '../../../src/modules/auth/totp'
import { useTestApp } from '../../helpers/app'
import { signInWorker } from '../../helpers/auth'
import { newKey, validClaimBody } from '../../helpers/claims'
import { DATABASE_KINDS } from '../../helpers/database'

const shanghaiDay = (iso: string) => shanghaiDate(new Date(iso))

describe.each(DATABASE_KINDS)('admin calendar overrides on %s', (kind) => {
  const t = useTestApp(kind)
  let admin: { authorization: string }
  let inspector: { authorization: string }
  beforeAll(async () => {
    const secret = newTotpSecret()
    const passwordHash = await hashPassword('Admin-Pass-2026')
    await t.app.repos.users.createStaff({ username: 'cal-admin', role: 'admin', passwordHash, totpSecretEnc: t.app.pii.encrypt(secret), towns: [] })
    await t.app.repos.users.createStaff({ username: 'cal-inspector', role: 'inspector', passwordHash, totpSecretEnc: null, towns: ['yaoguan'] })
    const login = async (payload: object) =>
      `Bearer ${(await t.app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload })).json<TokenPair>().accessToken}`
    admin = { authorization: await login({ username: 'cal-admin', password: 'Admin-Pass-2026', totp: totpAt(secret, totpStep(Date.now())) }) }
    inspector = { authorization: await login({ username: 'cal-inspector', password: 'Admin-Pass-2026' }) }
  })

  it('a day declared a holiday moves the acceptance deadline of claims filed afterwards', async () => {
    const worker = await signInWorker(t)
    const file = async () =>
      (
        await t.app.inject({ method: 'POST', url: '/api/v1/claims', headers: { ...worker.headers, 'idempotency-key': newKey() }, payload: validClaimBody() })
      ).json<Claim>()
    const before = shanghaiDay((await file()).acceptDueAt)

    const set = await t.app.inject({ method: 'PUT', url: `/api/v1/admin/calendar/${before}`, headers: admin, payload: { kind: 'holiday', note: '测试：临时放假' } })
    expect(set.statusCode).toBe(200)
    expect(t.app.calendar.isWorkday(before)).toBe(false)
    const after = shanghaiDay((await file()).acceptDueAt)
    expect(after > before).toBe(true)
    expect(t.app.calendar.isWorkday(after)).toBe(true)

    const listed = await t.app.inject({ method: 'GET', url: `/api/v1/admin/calendar?year=${before.slice(0, 4)}`, headers: admin })
    expect(listed.json<{ items: { day: string; kind: string }[] }>().items).toEqual([expect.objectContaining({ day: before, kind: 'holiday' })])

    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/calendar/${before}`, headers: admin })).statusCode).toBe(204)
    expect(shanghaiDay((await file()).acceptDueAt)).toBe(before)
  })

  it('is for admins only, and names a day that does not exist', async () => {
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/admin/calendar/2027-01-04', headers: inspector, payload: { kind: 'holiday' } })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/calendar' })).statusCode).toBe(401)
    const bad = await t.app.inject({ method: 'PUT', url: '/api/v1/admin/calendar/2027-02-30', headers: admin, payload: { kind: 'holiday' } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json<{ error: { details: { field: string }[] } }>().error.details[0]?.field).toBe('params.day')
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/admin/calendar/2027-03-01', headers: admin })).statusCode).toBe(404)
  })
})
