/**
 * Case outcomes (POST /api/v1/claims/:id/outcomes, migration 0021): a social-insurance order is
 * counted by the amount ordered when it is ordered — not by money paid — and new social-insurance
 * registrations are counted in workers; both follow the period and the town (docs/figures.md).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { shanghaiDate, type CaseOutcome, type Stats } from '@huxin/shared'
import { useTestApp } from '../../helpers/app'
import { DATABASE_KINDS } from '../../helpers/database'
import { act, fileAs, postAs, type SignedInStaff, signInStaff } from '../../helpers/staff'

describe.each(DATABASE_KINDS)('case outcomes on %s', (kind) => {
  const t = useTestApp(kind)
  let lucheng: SignedInStaff
  let dingyan: SignedInStaff
  let supervisor: SignedInStaff
  let accepted: string
  let other: string
  let submitted: string
  const today = shanghaiDate(new Date())
  const monthAgo = shanghaiDate(new Date(Date.now() - 30 * 86_400_000))
  const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString()

  beforeAll(async () => {
    lucheng = await signInStaff(t, 'inspector', ['lucheng'])
    dingyan = await signInStaff(t, 'inspector', ['dingyan'])
    supervisor = await signInStaff(t, 'supervisor', [])
    accepted = (await fileAs(t, { town: 'lucheng', coWorkers: [], employer: { name: '社保甲公司' } })).claim.id
    expect((await act(t, lucheng, accepted, { action: 'accept' })).statusCode).toBe(200)
    other = (await fileAs(t, { town: 'dingyan', coWorkers: [], employer: { name: '社保乙公司' } })).claim.id
    expect((await act(t, dingyan, other, { action: 'accept' })).statusCode).toBe(200)
    submitted = (await fileAs(t, { town: 'lucheng', coWorkers: [], employer: { name: '社保丙公司' } })).claim.id
  })

  const stats = async (who: SignedInStaff, query: string) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/stats?${query}`, headers: who.headers })
    expect(response.statusCode).toBe(200)
    return response.json<Stats>()
  }

  it('counts an order by its amount when ordered and registrations by workers, per town and period', async () => {
    const order = await postAs(t, lucheng, `/api/v1/claims/${accepted}/outcomes`, {
      kind: 'social_insurance_order',
      amountFen: 1_465_000_00,
      decidedAt: hourAgo(),
      note: '责令限期补缴',
    })
    expect(order.statusCode).toBe(201)
    expect(order.json<CaseOutcome>()).toMatchObject({ kind: 'social_insurance_order', amountFen: 1_465_000_00, claimId: accepted })
    const registration = await postAs(t, lucheng, `/api/v1/claims/${accepted}/outcomes`, {
      kind: 'social_insurance_registration',
      workers: 3,
      decidedAt: hourAgo(),
    })
    expect(registration.statusCode).toBe(201)
    const elsewhere = await postAs(t, dingyan, `/api/v1/claims/${other}/outcomes`, {
      kind: 'social_insurance_registration',
      workers: 5,
      decidedAt: hourAgo(),
    })
    expect(elsewhere.statusCode).toBe(201)
    // Money paid is a recovery, apart from the order: it does not change the amount ordered.
    const paid = await postAs(t, lucheng, `/api/v1/claims/${accepted}/recoveries`, { kind: 'social_insurance', amountFen: 30_000, paidAt: hourAgo() })
    expect(paid.statusCode).toBe(201)

    const period = `from=${monthAgo}&to=${today}`
    expect(await stats(lucheng, `${period}&town=lucheng`)).toMatchObject({
      socialInsuranceOrderedFen: 1_465_000_00,
      socialInsurancePaidFen: 30_000,
      socialInsuranceRegistrations: 3,
    })
    expect(await stats(supervisor, period)).toMatchObject({ socialInsuranceOrderedFen: 1_465_000_00, socialInsuranceRegistrations: 8 })
    expect(await stats(supervisor, `${period}&town=dingyan`)).toMatchObject({ socialInsuranceOrderedFen: 0, socialInsuranceRegistrations: 5 })
    // Another period: nothing.
    expect(await stats(supervisor, 'from=2024-01-01&to=2024-12-31')).toMatchObject({ socialInsuranceOrderedFen: 0, socialInsuranceRegistrations: 0 })

    const list = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${accepted}/outcomes`, headers: lucheng.headers })
    expect(list.statusCode).toBe(200)
    expect(list.json<CaseOutcome[]>().map((o) => o.kind).sort()).toEqual(['social_insurance_order', 'social_insurance_registration'])
    // The claim's timeline says so.
    const claim = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${accepted}`, headers: lucheng.headers })
    expect(claim.body).toContain('责令补缴社会保险费')
  })

  it('refuses a missing or misplaced measure, a future day, a claim not accepted, and another town', async () => {
    const post = (who: SignedInStaff, id: string, body: Record<string, unknown>) => postAs(t, who, `/api/v1/claims/${id}/outcomes`, body)
    const before = await stats(supervisor, `from=${monthAgo}&to=${today}`)
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'social_insurance_order', decidedAt: hourAgo() }, 'amountFen'],
      [{ kind: 'social_insurance_order', amountFen: 100, workers: 2, decidedAt: hourAgo() }, 'workers'],
      [{ kind: 'social_insurance_registration', decidedAt: hourAgo() }, 'workers'],
      [{ kind: 'social_insurance_registration', workers: 2, amountFen: 100, decidedAt: hourAgo() }, 'amountFen'],
      [{ kind: 'social_insurance_registration', workers: 0, decidedAt: hourAgo() }, 'workers'],
      [{ kind: 'social_insurance_order', amountFen: -5, decidedAt: hourAgo() }, 'amountFen'],
      [{ kind: 'social_insurance_order', amountFen: 100, decidedAt: new Date(Date.now() + 86_400_000).toISOString() }, 'decidedAt'],
      [{ kind: 'something_else', amountFen: 100, decidedAt: hourAgo() }, 'kind'],
    ]
    for (const [body, field] of cases) {
      const response = await post(lucheng, accepted, body)
      expect(response.statusCode, JSON.stringify(body)).toBe(400)
      expect(response.body).toContain(field)
    }
    expect((await post(lucheng, submitted, { kind: 'social_insurance_registration', workers: 1, decidedAt: hourAgo() })).statusCode).toBe(409)
    expect((await post(dingyan, accepted, { kind: 'social_insurance_registration', workers: 1, decidedAt: hourAgo() })).statusCode).toBe(404)
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${accepted}/outcomes`, headers: dingyan.headers })
    expect(list.statusCode).toBe(404)
    // Nothing of the refused ones was stored.
    const after = await stats(supervisor, `from=${monthAgo}&to=${today}`)
    expect(after.socialInsuranceOrderedFen).toBe(before.socialInsuranceOrderedFen)
    expect(after.socialInsuranceRegistrations).toBe(before.socialInsuranceRegistrations)
  })
})
