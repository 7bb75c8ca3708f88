import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Claim, ClaimDetail, ClaimGroup, ErrorResponse, Recovery } from '@huxin/shared'
import { useTestApp } from '../../helpers/app'
import { signInWorker } from '../../helpers/auth'
import { DATABASE_KINDS } from '../../helpers/database'
import { act, fileAs, signInStaff, type SignedInStaff } from '../../helpers/staff'
import { rawRow } from '../../../src/db/raw'

describe.each(DATABASE_KINDS)('recovery ledger on %s', (kind) => {
  const t = useTestApp(kind)
  let inspector: SignedInStaff
  beforeAll(async () => {
    inspector = await signInStaff(t, 'inspector', ['yaoguan'])
  })

  const yesterday = () => new Date(Date.now() - 86_400_000).toISOString()
  const record = (claimId: string, body: Record<string, unknown>, who: { headers: object } = inspector) =>
    t.app.inject({ method: 'POST', url: `/api/v1/claims/${claimId}/recoveries`, headers: who.headers as Record<string, string>, payload: body })
  const accepted = async (overrides = {}) => {
    const filed = await fileAs(t, { amountOwedFen: 1_000_000, ...overrides })
    expect((await act(t, inspector, filed.claim.id, { action: 'accept' })).statusCode).toBe(200)
    return filed
  }

  it('adds up recoveries by kind; outstanding = owed − wages recovered, never below zero', async () => {
    const { claim, worker } = await accepted()
    const partial = await record(claim.id, { kind: 'wages', amountFen: 400_000, paidAt: yesterday(), payer: 'employer', workerName: '王建国' })
    expect(partial.statusCode).toBe(201)
    expect(partial.json<Recovery>()).toMatchObject({ kind: 'wages', amountFen: 400_000, payer: 'employer', workerName: '王建国' })
    await record(claim.id, { kind: 'compensation', amountFen: 50_000, paidAt: yesterday() })
    await record(claim.id, { kind: 'social_insurance', amountFen: 70_000, paidAt: yesterday(), payer: 'general_contractor' })
    let seen = (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers: worker.headers })).json<ClaimDetail>()
    expect(seen.recoveredFen).toEqual({ wages: 400_000, compensation: 50_000, indemnity: 0, socialInsurance: 70_000 })
    expect(seen.outstandingFen).toBe(600_000)
    expect(seen.recoveries).toHaveLength(3)
    expect(seen.events?.filter((e) => e.type === 'recovery_recorded')).toHaveLength(3)

    // More wages than still owed: refused without a reason (422 naming it), nothing stored.
    const over = await record(claim.id, { kind: 'wages', amountFen: 700_000, paidAt: yesterday(), payer: 'wage_guarantee_deposit' })
    expect(over.statusCode).toBe(422)
    expect(over.json<ErrorResponse>().error.details?.map((d) => d.field)).toEqual(['reason'])
    // With one (the claim undercounted): recorded in full with its reason, outstanding stays 0.
    const withReason = await record(claim.id, {
      kind: 'wages',
      amountFen: 700_000,
      paidAt: yesterday(),
      payer: 'wage_guarantee_deposit',
      reason: '投诉时少算了两个月',
    })
    expect(withReason.statusCode).toBe(201)
    expect(withReason.json<Recovery>().reason).toBe('投诉时少算了两个月')
    seen = (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers: worker.headers })).json<ClaimDetail>()
    expect(seen.recoveredFen.wages).toBe(1_100_000)
    expect(seen.outstandingFen).toBe(0)
  })

  it('refuses bad amounts, future dates and claims not yet accepted, storing nothing', async () => {
    const { claim } = await accepted()
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'wages', amountFen: 0, paidAt: yesterday() }, 'amountFen'],
      [{ kind: 'wages', amountFen: 12.5, paidAt: yesterday() }, 'amountFen'],
      [{ kind: 'wages', amountFen: '100', paidAt: yesterday() }, 'amountFen'],
      [{ kind: 'wages', amountFen: -5, paidAt: yesterday() }, 'amountFen'],
      [{ kind: 'bonus', amountFen: 100, paidAt: yesterday() }, 'kind'],
      [{ kind: 'wages', amountFen: 100, paidAt: new Date(Date.now() + 86_400_000).toISOString() }, 'paidAt'],
      [{ kind: 'wages', amountFen: 100, paidAt: 'yesterday' }, 'paidAt'],
      [{ kind: 'wages', amountFen: 100, paidAt: yesterday(), payer: 'boss' }, 'payer'],
    ]
    for (const [body, field] of cases) {
      const response = await record(claim.id, body)
      expect(response.statusCode, JSON.stringify(body)).toBe(400)
      expect(JSON.stringify(response.json<ErrorResponse>().error.details)).toContain(field)
    }
    const submitted = (await fileAs(t)).claim
    const early = await record(submitted.id, { kind: 'wages', amountFen: 100, paidAt: yesterday() })
    expect(early.statusCode).toBe(409)
    expect(early.json<ErrorResponse>().error.code).toBe('RECOVERY_NOT_ALLOWED')
    const stored = await rawRow<{ n: number }>(
      t.database.handle.db,
      sql`select count(*)::int as n from recoveries where claim_id in (${claim.id}, ${submitted.id})`,
    )
    expect(stored?.n).toBe(0)
    // A worker cannot record; a town B inspector gets 404.
    const { worker } = await fileAs(t)
    expect((await record(claim.id, { kind: 'wages', amountFen: 100, paidAt: yesterday() }, worker)).statusCode).toBe(403)
    const townB = await signInStaff(t, 'inspector', ['henglin'])
    expect((await record(claim.id, { kind: 'wages', amountFen: 100, paidAt: yesterday() }, townB)).statusCode).toBe(404)
  })

  it('lets only the claimant confirm receipt, once (idempotent)', async () => {
    const { claim, worker } = await accepted()
    const recovery = (await record(claim.id, { kind: 'wages', amountFen: 300_000, paidAt: yesterday() })).json<Recovery>()
    const url = `/api/v1/claims/${claim.id}/recoveries/${recovery.id}/confirm`
    const stranger = await signInWorker(t)
    expect((await t.app.inject({ method: 'POST', url, headers: stranger.headers })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'POST', url, headers: inspector.headers })).statusCode).toBe(403)
    const first = await t.app.inject({ method: 'POST', url, headers: worker.headers })
    expect(first.statusCode).toBe(200)
    const confirmedAt = first.json<Recovery>().confirmedAt
    expect(confirmedAt).toBeDefined()
    const second = await t.app.inject({ method: 'POST', url, headers: worker.headers })
    expect(second.json<Recovery>().confirmedAt).toBe(confirmedAt)
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers: worker.headers })).json<ClaimDetail>()
    expect(detail.events?.filter((e) => e.type === 'recovery_confirmed')).toHaveLength(1)
    expect(detail.recoveries?.[0]?.confirmedAt).toBe(confirmedAt)
    const wrongClaim = await t.app.inject({
      method: 'POST',
      url: `/api/v1/claims/${(await fileAs(t, {}, worker)).claim.id}/recoveries/${recovery.id}/confirm`,
      headers: worker.headers,
    })
    expect(wrongClaim.statusCode).toBe(404)
  })

  it('never loses a recording made at the same time as others: totals equal the sum (per claim and per group)', async () => {
    const project = { name: '并发测试工地' }
    const { claim } = await accepted({ employer: { name: '壬建筑有限公司' }, project, workersCount: 3 })
    const { claim: sibling } = await accepted({ employer: { name: '壬建筑有限公司' }, project, workersCount: 2, coWorkers: [] })
    expect(sibling.groupId).toBe(claim.groupId)
    const amounts = Array.from({ length: 40 }, (_, i) => 1_000 + i * 137)
    const responses = await Promise.all(
      amounts.map((amountFen, i) => record(i % 4 === 3 ? sibling.id : claim.id, { kind: 'wages', amountFen, paidAt: yesterday() })),
    )
    expect(responses.map((r) => r.statusCode)).toEqual(amounts.map(() => 201))
    const onClaim = amounts.filter((_, i) => i % 4 !== 3).reduce((a, b) => a + b, 0)
    const onSibling = amounts.filter((_, i) => i % 4 === 3).reduce((a, b) => a + b, 0)
    const fetched = (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers: inspector.headers })).json<Claim>()
    expect(fetched.recoveredFen.wages).toBe(onClaim)
    expect(fetched.events?.filter((e) => e.type === 'recovery_recorded')).toHaveLength(30)
    const group = (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}/group`, headers: inspector.headers })).json<ClaimGroup>()
    expect(group.recoveredFen.wages).toBe(onClaim + onSibling)
    expect(group.workersCount).toBe(5)
    expect(group.isGroupCase).toBe(true)
  })
})
