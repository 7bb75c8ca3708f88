import { describe, expect, it } from 'vitest'
import type { Claim, ClaimDetail, ErrorResponse, Stats } from '@huxin/shared'
import { shanghaiDate } from '@huxin/shared'
import { useTestApp } from '../../helpers/app'
import { signInWorker } from '../../helpers/auth'
import { DATABASE_KINDS } from '../../helpers/database'
import { act, fileAs, signInStaff, type SignedInStaff } from '../../helpers/staff'

describe.each(DATABASE_KINDS)('rating a closed claim on %s', (kind) => {
  const t = useTestApp(kind)

  const rate = (headers: { authorization: string }, claimId: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url: `/api/v1/claims/${claimId}/rating`, headers, payload: payload as Record<string, unknown> })

  async function closeClaim(inspector: SignedInStaff, claimId: string) {
    for (const action of ['accept', 'investigate', 'resolve', 'close']) {
      const response = await act(t, inspector, claimId, { action })
      expect(response.statusCode, `${action}: ${response.body}`).toBe(200)
    }
  }

  it('the claimant rates once after closure (201), again → 409, not theirs → 404; shown on the claim for worker and staff', async () => {
    const inspector = await signInStaff(t, 'inspector', ['dingyan'])
    const { claim, worker } = await fileAs(t, { town: 'dingyan' })

    const early = await rate(worker.headers, claim.id, { score: 5 })
    expect(early.statusCode).toBe(409)
    expect(early.json<ErrorResponse>().error.code).toBe('NOT_CLOSED')

    await closeClaim(inspector, claim.id)
    const stranger = await signInWorker(t)
    const notTheirs = await rate(stranger.headers, claim.id, { score: 1 })
    expect(notTheirs.statusCode).toBe(404)
    expect((await rate(inspector.headers, claim.id, { score: 1 })).statusCode).toBe(403)

    const rated = await rate(worker.headers, claim.id, { score: 4, comment: '  处理及时，态度很好  ' })
    expect(rated.statusCode).toBe(201)
    expect(rated.json<Claim>().rating).toMatchObject({ score: 4, comment: '处理及时，态度很好' })
    expect(Date.parse(rated.json<Claim>().rating?.ratedAt ?? '')).not.toBeNaN()

    const again = await rate(worker.headers, claim.id, { score: 1 })
    expect(again.statusCode).toBe(409)
    expect(again.json<ErrorResponse>().error.code).toBe('ALREADY_RATED')

    const own = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers: worker.headers })
    expect(own.json<ClaimDetail>().rating).toMatchObject({ score: 4, comment: '处理及时，态度很好' })
    const staff = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers: inspector.headers })
    expect(staff.json<ClaimDetail>().rating).toMatchObject({ score: 4 })
    // Audited for staff (score only), not in the worker's timeline.
    expect(staff.json<ClaimDetail>().events?.find((e) => e.type === 'rated')).toMatchObject({ note: '投诉人评价 4 分', visibility: 'internal' })
    expect(own.json<ClaimDetail>().events?.map((e) => e.type)).not.toContain('rated')
  })

  it('refuses withdrawn and rejected claims, and bad scores with a 400 naming the field', async () => {
    const inspector = await signInStaff(t, 'inspector', ['dingyan'])
    const withdrawn = await fileAs(t, { town: 'dingyan' })
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/claims/${withdrawn.claim.id}/withdraw`, headers: withdrawn.worker.headers, payload: {} })).statusCode).toBe(200)
    expect((await rate(withdrawn.worker.headers, withdrawn.claim.id, { score: 3 })).json<ErrorResponse>().error.code).toBe('NOT_CLOSED')
    const rejected = await fileAs(t, { town: 'dingyan' })
    expect((await act(t, inspector, rejected.claim.id, { action: 'reject', note: '不属于受理范围' })).statusCode).toBe(200)
    expect((await rate(rejected.worker.headers, rejected.claim.id, { score: 3 })).statusCode).toBe(409)

    for (const [payload, field] of [
      [{ score: 6 }, 'score'],
      [{ score: 0 }, 'score'],
      [{ score: 3.5 }, 'score'],
      [{}, 'score'],
      [{ score: 3, comment: 'x'.repeat(501) }, 'comment'],
    ] as const) {
      const response = await rate(rejected.worker.headers, rejected.claim.id, payload)
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
      expect(JSON.stringify(response.json<ErrorResponse>().error.details)).toContain(field)
    }
  })

  it('counts ratings and their average in the figures of the period and town', async () => {
    const supervisor = await signInStaff(t, 'supervisor', [])
    const inspector = await signInStaff(t, 'inspector', ['henglin'])
    const today = shanghaiDate(new Date())
    const figures = async () =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/stats?from=${today}&to=${today}&town=henglin`, headers: supervisor.headers })).json<Stats>()
    const before = await figures()
    expect(before.ratingsCount).toBe(0)
    expect(before.ratingAverage).toBeNull()
    for (const score of [5, 2]) {
      const { claim, worker } = await fileAs(t, { town: 'henglin' })
      await closeClaim(inspector, claim.id)
      expect((await rate(worker.headers, claim.id, { score })).statusCode).toBe(201)
    }
    const after = await figures()
    expect(after.ratingsCount).toBe(2)
    expect(after.ratingAverage).toBe(3.5)
    const csv = await t.app.inject({ method: 'GET', url: `/api/v1/stats.csv?from=${today}&to=${today}&town=henglin`, headers: supervisor.headers })
    expect(csv.body.split('\r\n')[0]).toContain('评价数,平均评分')
    expect(csv.body.split('\r\n').find((line) => line.startsWith('合计,'))).toContain(',2,3.5,')
  })
})
