import { beforeAll, describe, expect, it } from 'vitest'
import type { Claim, ClaimDetail, Report, TriageItem } from '@huxin/shared'
import { ANONYMOUS_REPORT_LIMITS } from '@huxin/shared'
import { useTestApp } from '../../helpers/app'
import { signInWorker } from '../../helpers/auth'
import { newKey } from '../../helpers/claims'
import { DATABASE_KINDS } from '../../helpers/database'
import { act, signInStaff, type SignedInStaff } from '../../helpers/staff'

interface ErrorBody {
  error: { code: string; details?: { field: string }[] }
}

const body = (overrides: Record<string, unknown> = {}) => ({
  kind: 'social_insurance',
  employer: { name: '常州举报测试机械有限公司', address: '遥观镇工业园 8 号' },
  town: 'yaoguan',
  description: '公司一直没有给工人缴纳社会保险。',
  anonymous: false,
  reporter: { name: '王举报', phone: '13912345678' },
  ...overrides,
})

describe.each(DATABASE_KINDS)('reports (举报) on %s', (kind) => {
  const t = useTestApp(kind)
  let inspector: SignedInStaff
  let elsewhere: SignedInStaff
  beforeAll(async () => {
    inspector = await signInStaff(t, 'inspector', ['yaoguan'])
    elsewhere = await signInStaff(t, 'inspector', ['henglin'])
  })
  const post = (payload: object, options: { headers?: Record<string, string>; key?: string | null; ip?: string } = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { ...(options.headers ?? {}), ...(options.key === null ? {} : { 'idempotency-key': options.key ?? newKey() }) },
      payload,
      remoteAddress: options.ip ?? '198.51.100.1',
    })
  const rows = async <R>(text: string, params: unknown[] = []) => (await t.database.handle.query<R>(text, params)).rows
  const fields = (raw: string) => (JSON.parse(raw) as ErrorBody).error.details?.map((d) => d.field) ?? []

  it('staff enter a named report: a case without a worker, in the triage queue, retried without a duplicate', async () => {
    const key = newKey()
    const created = await post(body(), { headers: inspector.headers, key })
    expect(created.statusCode).toBe(201)
    const report = created.json<Report>()
    expect(report).toMatchObject({
      caseType: 'report',
      kind: 'social_insurance',
      status: 'submitted',
      channel: 'hotline',
      anonymous: false,
      reporter: { name: '王举报', phoneMasked: '139****5678' },
    })
    expect(created.body).not.toContain('13912345678')

    const again = await post(body(), { headers: inspector.headers, key })
    expect(again.statusCode).toBe(201)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.json<Report>().id).toBe(report.id)
    const other = await post(body({ description: '另一份举报' }), { headers: inspector.headers, key })
    expect(other.statusCode).toBe(422)
    const stored = await rows<{ n: number }>(`select count(*)::int as n from claims where employer_name = '常州举报测试机械有限公司'`)
    expect(Number(stored[0]?.n)).toBe(1)

    const triage = await t.app.inject({ method: 'GET', url: '/api/v1/triage?limit=100', headers: inspector.headers })
    const item = triage.json<{ items: TriageItem[] }>().items.find((i) => i.id === report.id)
    expect(item).toMatchObject({ caseType: 'report', reportKind: 'social_insurance', amountOwedFen: 0, workersCount: 0 })

    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${report.id}`, headers: inspector.headers })
    expect(detail.json<ClaimDetail>()).toMatchObject({ caseType: 'report', reporter: { name: '王举报' }, claimant: { name: '' } })
  })

  it('a report gets a decision like a complaint: accept, then an outcome', async () => {
    const report = (await post(body({ kind: 'working_hours' }), { headers: inspector.headers })).json<Report>()
    expect((await act(t, inspector, report.id, { action: 'accept' })).statusCode).toBe(200)
    expect((await act(t, inspector, report.id, { action: 'investigate' })).statusCode).toBe(200)
    const resolved = await act(t, inspector, report.id, { action: 'resolve', note: '已责令改正' })
    expect(resolved.statusCode).toBe(200)
    expect(resolved.json<Claim>().status).toBe('resolved')
    // No complainant: no 受理通知书; the employer's documents are issued as for a complaint.
    const notice = await t.app.inject({
      method: 'POST',
      url: `/api/v1/claims/${report.id}/documents`,
      headers: inspector.headers,
      payload: { kind: 'acceptance_notice' },
    })
    expect(notice.statusCode).toBe(409)
    expect(fields(notice.body)).toEqual(['kind', 'caseType'])

    const rejected = (await post(body({ kind: 'contract' }), { headers: inspector.headers })).json<Report>()
    const refusal = await act(t, inspector, rejected.id, { action: 'reject', reason: 'other_jurisdiction', transferTo: '武进区人社局' })
    expect(refusal.statusCode).toBe(200)
    expect(refusal.json<Claim>()).toMatchObject({ status: 'rejected', transferTo: '武进区人社局' })
  })

  it('refuses bad input naming the field, and stores nothing', async () => {
    const cases: [object, Record<string, string> | undefined, string][] = [
      [body({ kind: 'parking' }), inspector.headers, 'kind'],
      [body({ anonymous: true }), inspector.headers, 'reporter'],
      [body({ town: 'atlantis' }), inspector.headers, 'town'],
      [body({ description: '' }), inspector.headers, 'description'],
      [body({ reporter: { phone: '12345' } }), inspector.headers, 'phone'],
      [body({ anonymous: false, reporter: undefined }), undefined, 'anonymous'],
    ]
    for (const [payload, headers, field] of cases) {
      const response = await post(payload, { headers })
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
      expect(fields(response.body).join(' ')).toContain(field)
    }
    const noKey = await post(body(), { headers: inspector.headers, key: null })
    expect(noKey.statusCode).toBe(400)
    expect(fields(noKey.body).join(' ')).toContain('idempotency-key')
    const outside = await post(body(), { headers: elsewhere.headers })
    expect(outside.statusCode).toBe(403)
    expect(fields(outside.body)).toEqual(['town'])
  })

  it('anonymous reports from the app keep no reporter data and are limited per IP', async () => {
    const anonymous = body({ kind: 'child_labour', anonymous: true, reporter: undefined, description: '工地上有看起来不满 16 岁的孩子在干活。' })
    const ip = '203.0.113.77'
    const first = await post(anonymous, { ip })
    expect(first.statusCode).toBe(201)
    const report = first.json<Report>()
    expect(report).toMatchObject({ anonymous: true, channel: 'miniprogram', kind: 'child_labour' })
    expect(report.reporter).toBeUndefined()
    const row = await rows(`select reporter_name, reporter_phone_enc, reporter_phone_hash, claimant_user_id, filed_by from claims where id = $1`, [report.id])
    expect(row[0]).toEqual({ reporter_name: null, reporter_phone_enc: null, reporter_phone_hash: null, claimant_user_id: null, filed_by: null })

    // A signed-in worker reporting from the app is anonymous too: nothing ties the report to them.
    const worker = await signInWorker(t)
    const fromWorker = await post({ ...anonymous, employer: { name: '另一家公司' } }, { headers: worker.headers, ip })
    expect(fromWorker.statusCode).toBe(201)
    const workerRow = await rows(`select claimant_user_id from claims where id = $1`, [fromWorker.json<Report>().id])
    expect(workerRow[0]).toEqual({ claimant_user_id: null })

    const replayKey = newKey()
    for (let i = 2; i < ANONYMOUS_REPORT_LIMITS.perHour; i++) {
      expect((await post(anonymous, { ip, key: i === 2 ? replayKey : undefined })).statusCode).toBe(201)
    }
    const limited = await post(anonymous, { ip })
    expect(limited.statusCode).toBe(429)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    // A retry of a report already stored is answered, and another address is not limited.
    const replay = await post(anonymous, { ip, key: replayKey })
    expect(replay.statusCode).toBe(201)
    expect(replay.headers['idempotent-replayed']).toBe('true')
    expect((await post(anonymous, { ip: '203.0.113.78' })).statusCode).toBe(201)
    // The limit's buckets hold a keyed hash, never the address.
    const buckets = await rows<{ bucket: string }>(`select bucket from rate_events where bucket like 'report:%'`)
    expect(buckets.length).toBeGreaterThan(0)
    for (const b of buckets) expect(b.bucket).not.toContain('203.0.113')
  })
})
