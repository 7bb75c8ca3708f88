import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { TOWN_CODES, type NearbyResponse } from '@huxin/shared'
import { helpPointChanges, helpPoints } from '../../../src/db/schema/index'
import { loadDemoHelpPointsIfEmpty } from '../../../src/modules/help-points/demo'
import { useTestApp } from '../../helpers/app'

describe('demo help points (npm start on an empty database)', () => {
  const t = useTestApp('pglite')

  it('loads 20–30 sample points in the development zone plus the 12333 hotline, once', async () => {
    const loaded = await loadDemoHelpPointsIfEmpty(t.app.repos.helpPoints)
    expect(loaded).toBeGreaterThanOrEqual(21)
    expect(loaded).toBeLessThanOrEqual(31)
    expect(await loadDemoHelpPointsIfEmpty(t.app.repos.helpPoints)).toBe(0)
    const rows = await t.app.db.select().from(helpPoints)
    expect(rows).toHaveLength(loaded)
    const samples = rows.filter((r) => r.isSample)
    expect(samples.every((r) => r.name.includes('示例') && r.lat! > 31.7 && r.lat! < 31.86 && r.lng! > 119.98 && r.lng! < 120.16)).toBe(true)
    expect(new Set(samples.map((r) => r.town))).toEqual(new Set(TOWN_CODES))
    const [hotline] = rows.filter((r) => r.kind === 'hotline')
    expect(hotline).toMatchObject({ phones: ['12333'], lat: null, isSample: false })
    expect((await t.app.db.select().from(helpPointChanges).where(eq(helpPointChanges.change, 'create'))).length).toBe(loaded)

    const nearby = (await t.app.inject({ method: 'GET', url: '/api/v1/help-points/nearby?lat=31.74&lng=120.10&limit=5' })).json<NearbyResponse>()
    expect(nearby.items).toHaveLength(5)
    expect(nearby.items[0]!.town).toBe('yaoguan')
    expect(nearby.items[0]!.distanceM).toBeLessThan(1_000)
    expect(nearby.channels.map((c) => c.phones)).toEqual([['12333']])
  })
})
