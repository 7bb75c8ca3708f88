/**
 * What the national platform hears of reports and inspections (docs/national-platform.md, "What
 * the platform receives"), through the outbox and the national simulator: a wage-arrears report is
 * registered as a clue (the reporter where the claimant would be, masked; an anonymous one with no
 * name or phone) and followed to its result; a report of another kind and an inspection send
 * nothing, and their decisions park no failed messages.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Claim, Report } from '@huxin/shared'
import { useTestApp } from '../../helpers/app'
import { newKey } from '../../helpers/claims'
import { DATABASE_KINDS } from '../../helpers/database'
import { act, signInStaff, type SignedInStaff } from '../../helpers/staff'

interface SimClue {
  clueId: string
  origin: string
  localClaimId: string | null
  progress: string
  outcome: string | null
  transferTo: string | null
}

describe.each(DATABASE_KINDS)('reports and inspections on the national platform, on %s', (kind) => {
  const t = useTestApp(kind, { NATIONAL_BACKOFF_BASE_MS: '1', NATIONAL_BACKOFF_CAP_MS: '5', NATIONAL_SEND_TIMEOUT_MS: '2000' })
  let inspector: SignedInStaff
  let control: string
  beforeAll(async () => {
    inspector = await signInStaff(t, 'inspector', ['hengshanqiao'])
    control = `${t.simulators.nationalBaseUrl}/__control`
  })
  beforeEach(async () => {
    await fetch(`${control}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
  })

  const rows = async <R>(text: string, params: unknown[] = []) => (await t.database.handle.query<R>(text, params)).rows
  const outbox = (claimId: string) =>
    rows<{ seq: number; kind: string; status: string; payload: Record<string, unknown> }>(
      'select seq, kind, status, payload from national_outbox where claim_id = $1 order by seq',
      [claimId],
    )
  const drain = async () => {
    while ((await t.app.nationalSync.drainOnce()) > 0) {
      // until nothing is due
    }
  }
  const simClue = async (claimId: string) => {
    const { items } = (await (await fetch(`${control}/clues`)).json()) as { items: SimClue[] }
    return items.find((c) => c.localClaimId === claimId)
  }
  const report = async (payload: Record<string, unknown>, headers: Record<string, string> = inspector.headers) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { ...headers, 'idempotency-key': newKey() },
      payload: { employer: { name: '横山桥举报测试建筑劳务有限公司' }, town: 'hengshanqiao', description: '工地拖欠工人三个月工资。', ...payload },
      remoteAddress: '198.51.100.77',
    })
    expect(response.statusCode, response.body).toBe(201)
    return response.json<Report>()
  }

  it('a named wage report is registered as a clue with the reporter masked, and its transfer reported back', async () => {
    const filed = await report({ kind: 'wages', anonymous: false, reporter: { name: '赵举报', phone: '13812345678' } })
    const queued = await outbox(filed.id)
    expect(queued.map((r) => [r.seq, r.kind, r.status])).toEqual([[1, 'register', 'pending']])
    expect(queued[0]?.payload).toMatchObject({
      localClaimId: filed.id,
      reference: filed.reference,
      caseType: 'report',
      town: 'hengshanqiao',
      claimant: { name: '赵举报', phoneMasked: '138****5678' },
      employer: { name: '横山桥举报测试建筑劳务有限公司' },
      amountOwedFen: 0,
      workersCount: 0,
    })
    expect(JSON.stringify(queued[0]?.payload)).not.toContain('13812345678')

    await drain()
    const clue = await simClue(filed.id)
    expect(clue).toMatchObject({ origin: 'registered', progress: 'RECEIVED' })
    const stored = await t.app.repos.claims.findById(filed.id)
    expect(stored?.nationalClueId).toBe(clue?.clueId)

    const rejected = await act(t, inspector, filed.id, { action: 'reject', reason: 'other_jurisdiction', transferTo: '武进区人力资源和社会保障局' })
    expect(rejected.statusCode, rejected.body).toBe(200)
    await drain()
    const sent = await outbox(filed.id)
    expect(sent.map((r) => [r.kind, r.status])).toEqual([
      ['register', 'sent'],
      ['progress', 'sent'],
      ['result', 'sent'],
    ])
    expect(sent[1]?.payload).toMatchObject({ status: 'TRANSFERRED', localStatus: 'rejected', transferTo: '武进区人力资源和社会保障局' })
    // The platform closes a clue once its result arrives.
    expect(await simClue(filed.id)).toMatchObject({ progress: 'CLOSED', outcome: 'TRANSFERRED_JURISDICTION', transferTo: '武进区人力资源和社会保障局' })
  })

  it('an anonymous wage report from the app goes with no name or phone', async () => {
    const filed = await report({ kind: 'wages', anonymous: true }, {})
    const [register] = await outbox(filed.id)
    expect(register?.payload).toMatchObject({ caseType: 'report', anonymous: true, claimant: { name: '匿名举报人', phoneMasked: null } })
    await drain()
    expect(await simClue(filed.id)).toMatchObject({ origin: 'registered' })
  })

  it('a report of another kind and an inspection send nothing, and their decisions park no failure', async () => {
    const socialInsurance = await report({ kind: 'social_insurance', anonymous: true }, inspector.headers)
    const accepted = await act(t, inspector, socialInsurance.id, { action: 'accept' })
    expect(accepted.statusCode, accepted.body).toBe(200)

    const opened = await t.app.inject({
      method: 'POST',
      url: '/api/v1/inspections',
      headers: { ...inspector.headers, 'idempotency-key': newKey() },
      payload: { employer: { name: '横山桥检查测试机械厂' }, town: 'hengshanqiao', kind: 'wages', description: '例行检查工资支付情况。' },
    })
    expect(opened.statusCode, opened.body).toBe(201)
    const inspection = opened.json<Claim>()
    const transferred = await act(t, inspector, inspection.id, { action: 'transfer_enforcement', note: '移送综合执法局处罚' })
    expect(transferred.statusCode, transferred.body).toBe(200)

    await drain()
    expect(await outbox(socialInsurance.id)).toEqual([])
    expect(await outbox(inspection.id)).toEqual([])
    expect(await simClue(socialInsurance.id)).toBeUndefined()
    expect(await simClue(inspection.id)).toBeUndefined()
    const failed = await rows<{ n: number | string }>(`select count(*) as n from national_outbox where status = 'failed'`)
    expect(Number(failed[0]?.n)).toBe(0)
  })
})
