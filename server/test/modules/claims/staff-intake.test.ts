import { beforeAll, describe, expect, it } from 'vitest'
import type { Claim, ClaimDetail, ClaimList, TokenPair } from '@huxin/shared'
import { useTestApp } from '../../helpers/app'
import { signInWorker } from '../../helpers/auth'
import { newKey, validClaimBody } from '../../helpers/claims'
import { DATABASE_KINDS } from '../../helpers/database'
import { signInStaff, type SignedInStaff } from '../../helpers/staff'

interface ErrorBody {
  error: { code: string; details?: { field: string }[] }
}

describe.each(DATABASE_KINDS)('claims entered by staff on %s', (kind) => {
  const t = useTestApp(kind)
  let inspector: SignedInStaff
  let phoneSeq = 0
  const newPhone = () => `137${String(process.pid % 10_000).padStart(4, '0')}${String(++phoneSeq).padStart(4, '0')}`
  beforeAll(async () => {
    inspector = await signInStaff(t, 'inspector', ['yaoguan'])
  })

  const staffBody = (phone: string, overrides: Record<string, unknown> = {}) => ({
    ...validClaimBody({ claimant: { name: '刘热线', phone }, coWorkers: [] }),
    channel: 'hotline',
    workerConsent: { how: 'verbal', note: '电话中口头同意代为登记' },
    ...overrides,
  })
  const file = (headers: Record<string, string>, payload: object, key = newKey()) =>
    t.app.inject({ method: 'POST', url: '/api/v1/claims', headers: { ...headers, 'idempotency-key': key }, payload })
  const fields = (body: string) => (JSON.parse(body) as ErrorBody).error.details?.map((d) => d.field) ?? []

  it('files a hotline call for a worker: the channel is the source, the consent is kept, a retry is the same claim', async () => {
    const phone = newPhone()
    const key = newKey()
    const created = await file(inspector.headers, staffBody(phone), key)
    expect(created.statusCode).toBe(201)
    const claim = created.json<Claim>()
    expect(claim).toMatchObject({
      source: 'hotline',
      channel: 'hotline',
      status: 'submitted',
      workerConsent: { how: 'verbal', note: '电话中口头同意代为登记' },
      filedBy: inspector.id,
      claimant: { name: '刘热线', phoneMasked: expect.stringContaining('****') },
    })
    expect(claim.events?.[0]).toMatchObject({ type: 'filed', note: expect.stringContaining('12333 热线') })

    const again = await file(inspector.headers, staffBody(phone), key)
    expect(again.statusCode).toBe(201)
    expect(again.json<Claim>().id).toBe(claim.id)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect((await file(inspector.headers, staffBody(phone, { channel: 'walk_in' }), key)).statusCode).toBe(422)
    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/claims?source=hotline', headers: inspector.headers })
    expect(listed.json<ClaimList>().items.filter((c) => c.id === claim.id)).toHaveLength(1)
  })

  it('names the missing or misplaced fields, refuses another town and a missing key', async () => {
    const phone = newPhone()
    const { channel: _c, ...noChannel } = staffBody(phone)
    const missingChannel = await file(inspector.headers, noChannel)
    expect(missingChannel.statusCode).toBe(400)
    expect(fields(missingChannel.body)).toContain('channel')
    const { workerConsent: _w, ...noConsent } = staffBody(phone)
    const missingConsent = await file(inspector.headers, noConsent)
    expect(missingConsent.statusCode).toBe(400)
    expect(fields(missingConsent.body)).toContain('workerConsent')
    const badChannel = await file(inspector.headers, staffBody(phone, { channel: 'fax' }))
    expect(badChannel.statusCode).toBe(400)
    expect(badChannel.body).toContain('channel')
    const badConsent = await file(inspector.headers, staffBody(phone, { workerConsent: { how: 'nodded' } }))
    expect(badConsent.statusCode).toBe(400)
    expect(badConsent.body).toContain('workerConsent')

    const worker = await signInWorker(t)
    const workerWithChannel = await file(worker.headers, { ...validClaimBody(), channel: 'hotline' })
    expect(workerWithChannel.statusCode).toBe(400)
    expect(fields(workerWithChannel.body)).toContain('channel')

    const elsewhere = await file(inspector.headers, staffBody(phone, { town: 'henglin' }))
    expect(elsewhere.statusCode).toBe(403)
    expect(fields(elsewhere.body)).toContain('town')

    const noKey = await t.app.inject({ method: 'POST', url: '/api/v1/claims', headers: inspector.headers, payload: staffBody(phone) })
    expect(noKey.statusCode).toBe(400)
  })

  it('the worker proves the same phone by SMS and then sees and follows the claim in the app', async () => {
    const phone = newPhone()
    const claim = (await file(inspector.headers, staffBody(phone, { channel: 'walk_in', workerConsent: { how: 'signed' } }))).json<Claim>()
    const other = (await file(inspector.headers, staffBody(newPhone()))).json<Claim>()

    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/sms/request', payload: { phone } })).statusCode).toBe(202)
    const sent = (await (await fetch(`${t.simulators.smsBaseUrl}/messages?phone=${phone}`)).json()) as { items: { code: string }[] }
    const verified = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sms/verify', payload: { phone, code: sent.items[0]!.code } })
    expect(verified.statusCode).toBe(200)
    const worker = { authorization: `Bearer ${verified.json<TokenPair>().accessToken}` }

    const mine = (await t.app.inject({ method: 'GET', url: '/api/v1/claims', headers: worker })).json<ClaimList>()
    expect(mine.items.map((c) => c.id)).toEqual([claim.id])
    const seen = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers: worker })
    expect(seen.statusCode).toBe(200)
    const view = seen.json<ClaimDetail>()
    expect(view.source).toBe('walk_in')
    expect(view.workerConsent).toBeUndefined() // staff views only
    expect(view.events?.every((e) => e.visibility === 'worker')).toBe(true)
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/claims/${other.id}`, headers: worker })).statusCode).toBe(404)

    // The worker follows it: a decision by the bureau reaches them.
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/claims/${claim.id}/transitions`, headers: inspector.headers, payload: { action: 'accept' } })).statusCode).toBe(200)
    const followed = (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers: worker })).json<ClaimDetail>()
    expect(followed.status).toBe('accepted')
    const staffView = (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers: inspector.headers })).json<ClaimDetail>()
    expect(staffView.events?.some((e) => e.type === 'claimant_linked' && e.visibility === 'internal')).toBe(true)

    // A WeChat worker does not get it (no phone proven).
    const wechat = await signInWorker(t)
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers: wechat.headers })).statusCode).toBe(404)
  })
})

describe.each(DATABASE_KINDS)('the per-worker filing limits on %s', (kind) => {
  const t = useTestApp(kind, { HUXIN_FILING_MAX_PER_HOUR: '2', HUXIN_FILING_MAX_PER_DAY: '2' })

  it('do not bind staff entering callers\' claims (a hotline desk files dozens a day), and still bind workers', async () => {
    const inspector = await signInStaff(t, 'inspector', ['yaoguan'])
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/claims',
        headers: { ...inspector.headers, 'idempotency-key': newKey() },
        payload: {
          ...validClaimBody({ claimant: { name: '刘热线', phone: `1370000${String(1000 + i)}` }, coWorkers: [] }),
          channel: 'hotline',
          workerConsent: { how: 'verbal' },
        },
      })
      statuses.push(response.statusCode)
    }
    expect(statuses).toEqual([201, 201, 201, 201])

    const worker = await signInWorker(t)
    const byWorker: number[] = []
    for (let i = 0; i < 3; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/claims',
        headers: { ...worker.headers, 'idempotency-key': newKey() },
        payload: validClaimBody(),
      })
      byWorker.push(response.statusCode)
    }
    expect(byWorker).toEqual([201, 201, 429])
  })
})
