import { describe, expect, it } from 'vitest'
import type { Claim, ClaimMapResponse, ErrorResponse } from '@huxin/shared'
import { useTestApp } from '../../helpers/app'
import { signInWorker } from '../../helpers/auth'
import { newKey, validClaimBody } from '../../helpers/claims'
import { DATABASE_KINDS } from '../../helpers/database'
import { fileAs, signInStaff } from '../../helpers/staff'

/** Where the work was (issue 14): a point, an address alone, or both; the map counts the claims it cannot show. */
describe.each(DATABASE_KINDS)('the work site of a claim on %s', (kind) => {
  const t = useTestApp(kind)

  it('keeps a typed address without a point, and a point with its address', async () => {
    const { claim: typed, worker } = await fileAs(t, { town: 'henglin', site: { address: '横林镇崔桥路 18 号工地' } })
    expect(typed.site).toEqual({ address: '横林镇崔桥路 18 号工地' })
    const fetched = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${typed.id}`, headers: worker.headers })
    expect(fetched.json<Claim>().site).toEqual({ address: '横林镇崔桥路 18 号工地' })

    const { claim: pointed } = await fileAs(t, { town: 'henglin', site: { lat: 31.7402, lng: 120.1462, address: '地图上选的位置' } })
    expect(pointed.site).toEqual({ lat: 31.7402, lng: 120.1462, address: '地图上选的位置' })
  })

  it('refuses half a point or an empty site, naming the field, and stores nothing', async () => {
    const worker = await signInWorker(t)
    const cases = [
      [{ lat: 31.74 }, 'site.lng'],
      [{ lng: 120.14, address: '某地' }, 'site.lat'],
      [{ address: '   ' }, 'site.address'],
    ] as const
    for (const [site, field] of cases) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/claims',
        headers: { ...worker.headers, 'idempotency-key': newKey() },
        payload: validClaimBody({ site }),
      })
      expect(response.statusCode, response.body).toBe(400)
      expect(response.json<ErrorResponse>().error.details?.map((d) => d.field)).toContain(field)
    }
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/claims', headers: worker.headers })
    expect(mine.json<{ items: unknown[] }>().items).toEqual([])
  })

  it("tells the map how many open claims of the inspector's towns have no point", async () => {
    const inspector = await signInStaff(t, 'inspector', ['qishuyan'])
    const box = 'bbox=119.9,31.6,120.3,31.9'
    const before = (await t.app.inject({ method: 'GET', url: `/api/v1/claims/map?${box}`, headers: inspector.headers })).json<ClaimMapResponse>()
    await fileAs(t, { town: 'qishuyan', site: undefined })
    await fileAs(t, { town: 'qishuyan', site: { address: '只写了地址' } })
    await fileAs(t, { town: 'qishuyan', site: { lat: 31.75, lng: 120.05 } })
    // Another town's claim without a point is not this inspector's.
    await fileAs(t, { town: 'lucheng', site: undefined })
    const after = (await t.app.inject({ method: 'GET', url: `/api/v1/claims/map?${box}`, headers: inspector.headers })).json<ClaimMapResponse>()
    expect((after.withoutSite ?? 0) - (before.withoutSite ?? 0)).toBe(2)
    expect(after.total - before.total).toBe(1)
    // A filter on status narrows the count the same way.
    const accepted = (
      await t.app.inject({ method: 'GET', url: `/api/v1/claims/map?${box}&status=accepted`, headers: inspector.headers })
    ).json<ClaimMapResponse>()
    expect(accepted.withoutSite).toBe(0)
  })
})
