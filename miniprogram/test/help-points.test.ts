import { describe, expect, it, vi } from 'vitest'
import { TOWNS } from '@huxin/shared/domain/towns'
import { haversineMetres } from '@huxin/shared/domain/coordinates'
import type { HelpPointEvent, HelpPointItem } from '../src/api/help-points-types'
import { amapMarkerUrl, dialable } from '../src/components/help-point-actions.types'
import {
  applyStatusChange,
  byDistance,
  formatChangedAt,
  formatDistance,
  helpPointRow,
  locationFromQuery,
  parseChange,
  pointsToShowFirst,
  shanghaiDay,
  TOWN_CENTRES,
  upcomingExceptions,
  weekHoursRows,
} from '../src/lib/help-points'

function item(overrides: Partial<HelpPointItem> = {}): HelpPointItem {
  return {
    id: '0190a0b0-0000-7000-8000-000000000001',
    name: '遥观镇劳动保障服务站',
    kind: 'labour_station',
    address: '遥观镇政府一楼',
    phones: ['0519-88000001'],
    location: { lat: 31.74, lng: 120.05 },
    gcj02: { lat: 31.738, lng: 120.054 },
    distanceM: 850,
    openNow: true,
    status: 'open',
    statusNote: null,
    statusChangedAt: null,
    town: 'yaoguan',
    services: [],
    isSample: true,
    ...overrides,
  }
}

describe('formatDistance', () => {
  it('says 米 below a kilometre, rounded to 10 m', () => {
    expect(formatDistance(0)).toBe('10 米')
    expect(formatDistance(4)).toBe('10 米')
    expect(formatDistance(849)).toBe('850 米')
    expect(formatDistance(994)).toBe('990 米')
  })

  it('says 公里 with one decimal below 10 km, whole kilometres beyond', () => {
    expect(formatDistance(995)).toBe('1000 米')
    expect(formatDistance(1000)).toBe('1.0 公里')
    expect(formatDistance(1549)).toBe('1.5 公里')
    expect(formatDistance(9949)).toBe('9.9 公里')
    expect(formatDistance(9950)).toBe('10 公里')
    expect(formatDistance(123_456)).toBe('123 公里')
  })

  it('says nothing for a missing or broken distance', () => {
    expect(formatDistance(Number.NaN)).toBe('')
    expect(formatDistance(-1)).toBe('')
  })
})

describe('helpPointRow', () => {
  it('says everything a sighted worker sees, also as one sentence for screen readers', () => {
    const row = helpPointRow(item({ distanceM: 1549, status: 'busy' }))
    expect(row).toMatchObject({
      name: '遥观镇劳动保障服务站',
      kind: '劳动保障服务站',
      distance: '1.5 公里',
      openLabel: '营业中',
      status: '人多需排队',
      tone: 'busy',
    })
    expect(row.ariaLabel).toBe('遥观镇劳动保障服务站，劳动保障服务站，距离1.5公里，营业中，状态人多需排队')
  })

  it('shows 已下班 outside the hours and a grey badge when staff stopped the service', () => {
    const row = helpPointRow(item({ openNow: false, status: 'suspended' }))
    expect(row.openLabel).toBe('已下班')
    expect(row.status).toBe('暂停服务')
    expect(row.tone).toBe('stopped')
    expect(helpPointRow(item({ status: 'closed_today' })).tone).toBe('stopped')
  })
})

describe('live status changes', () => {
  const a = item({ id: 'a', statusChangedAt: '2026-11-29T01:00:00.000Z' })
  const b = item({ id: 'b', distanceM: 2000 })
  const change = (overrides: Partial<HelpPointEvent>): HelpPointEvent => ({
    id: 'a',
    status: 'closed_today',
    statusNote: '今天下午集中办案',
    statusChangedAt: '2026-11-29T02:00:00.000Z',
    change: 'status',
    ...overrides,
  })

  it('updates the one point in place and keeps the order', () => {
    const next = applyStatusChange([a, b], change({}))
    expect(next.map((p) => p.id)).toEqual(['a', 'b'])
    expect(next[0]).toMatchObject({ status: 'closed_today', statusNote: '今天下午集中办案' })
    expect(next[1]).toBe(b)
  })

  it('ignores an older change arriving late, and changes of points not shown', () => {
    const list = [a, b]
    expect(applyStatusChange(list, change({ statusChangedAt: '2026-11-29T00:00:00.000Z' }))).toBe(list)
    expect(applyStatusChange(list, change({ id: 'c' }))).toBe(list)
  })

  it('drops a deleted point', () => {
    expect(applyStatusChange([a, b], change({ change: 'delete' })).map((p) => p.id)).toEqual(['b'])
  })

  it('reads the SSE data and the /changes items, and nothing else', () => {
    expect(parseChange(JSON.stringify(change({})))).toEqual(change({}))
    expect(parseChange({ id: 'a', status: 'busy', statusNote: null, statusChangedAt: null, change: 'upsert', at: 'x' })).toEqual({
      id: 'a',
      status: 'busy',
      statusNote: null,
      statusChangedAt: null,
      change: 'upsert',
    })
    expect(parseChange('not json')).toBeUndefined()
    expect(parseChange({ id: 'a', status: 'gone' })).toBeUndefined()
    expect(parseChange(null)).toBeUndefined()
  })
})

describe('pointsToShowFirst', () => {
  const at = (id: string, distanceM: number) => item({ id, distanceM })

  it('keeps the nearest and those not much farther, at most five', () => {
    const list = [at('a', 400), at('b', 1200), at('c', 2500), at('d', 6000), at('e', 700_000)]
    expect(pointsToShowFirst(list).map((p) => p.id)).toEqual(['a', 'b', 'c'])
    const near = Array.from({ length: 8 }, (_, i) => at(`n${i}`, 100 * (i + 1)))
    expect(pointsToShowFirst(near)).toHaveLength(5)
  })

  it('shows a lone far point rather than nothing, and nothing for no points', () => {
    expect(pointsToShowFirst([at('far', 50_000), at('farther', 400_000)]).map((p) => p.id)).toEqual(['far'])
    expect(pointsToShowFirst([])).toEqual([])
  })
})

describe('byDistance', () => {
  it('puts the nearest first', () => {
    const list = [item({ id: 'far', distanceM: 5000 }), item({ id: 'near', distanceM: 100 }), item({ id: 'mid', distanceM: 900 })]
    expect(byDistance(list).map((p) => p.id)).toEqual(['near', 'mid', 'far'])
  })
})

describe('where the worker is', () => {
  it('reads ?lat&lng from the address and refuses values out of range', () => {
    expect(locationFromQuery({ lat: '31.7436', lng: '120.0487' })).toEqual({ lat: 31.7436, lng: 120.0487, source: 'link' })
    expect(locationFromQuery({ lat: '95', lng: '120' })).toBeUndefined()
    expect(locationFromQuery({ lat: 'abc', lng: '120' })).toBeUndefined()
    expect(locationFromQuery({ lat: '', lng: '' })).toBeUndefined()
    expect(locationFromQuery({})).toBeUndefined()
  })

  it('reads ?town=<code>', () => {
    expect(locationFromQuery({ town: 'henglin' })).toEqual({ ...TOWN_CENTRES.henglin, source: 'town', town: 'henglin' })
    expect(locationFromQuery({ town: 'nowhere' })).toBeUndefined()
  })

  it('has a centre for every town and street, inside the development zone', () => {
    const zoneCentre = { lat: 31.76, lng: 120.06 }
    for (const town of TOWNS) {
      const centre = TOWN_CENTRES[town.code]
      expect(centre, town.name).toBeDefined()
      expect(haversineMetres(zoneCentre, centre!), town.name).toBeLessThan(15_000)
    }
  })
})

describe('opening hours', () => {
  const hours = {
    mon: [['08:30', '12:00'], ['13:30', '17:30']] as [string, string][],
    tue: [['08:30', '17:30']] as [string, string][],
    wed: [['08:30', '17:30']] as [string, string][],
    thu: [['08:30', '17:30']] as [string, string][],
    fri: [['08:30', '17:00']] as [string, string][],
    sat: [] as [string, string][],
  }
  // 2026-11-30 is a Monday; 01:00 UTC is 09:00 in Shanghai.
  const monday = new Date('2026-11-30T01:00:00Z')

  it('knows the day in Shanghai, not in UTC', () => {
    expect(shanghaiDay(new Date('2026-11-29T16:30:00Z'))).toEqual({ date: '2026-11-30', weekday: 'mon' })
    expect(shanghaiDay(new Date('2026-11-29T15:59:00Z'))).toEqual({ date: '2026-11-29', weekday: 'sun' })
  })

  it('lists the week Monday first with today marked and closed days as 休息', () => {
    const rows = weekHoursRows(hours, {}, monday)
    expect(rows.map((r) => r.day)).toEqual(['周一', '周二', '周三', '周四', '周五', '周六', '周日'])
    expect(rows[0]).toEqual({ day: '周一', text: '08:30–12:00、13:30–17:30', today: true })
    expect(rows.filter((r) => r.today)).toHaveLength(1)
    expect(rows[5]?.text).toBe('休息')
    expect(rows[6]?.text).toBe('休息')
  })

  it("shows today's exception in today's row", () => {
    expect(weekHoursRows(hours, { '2026-11-30': 'closed' }, monday)[0]?.text).toBe('今天休息（特别安排）')
    expect(weekHoursRows(hours, { '2026-11-30': [['09:00', '11:00']] }, monday)[0]?.text).toBe('09:00–11:00（今天特别安排）')
  })

  it('lists exceptions from today on, in date order', () => {
    const exceptions = { '2027-01-01': 'closed' as const, '2026-11-01': 'closed' as const, '2026-12-27': [['09:00', '12:00']] as [string, string][] }
    expect(upcomingExceptions(exceptions, monday)).toEqual([
      { date: '2026-12-27', text: '12月27日 周日：09:00–12:00' },
      { date: '2027-01-01', text: '1月1日 周五：休息' },
    ])
  })

  it('writes when the status was set in Shanghai time', () => {
    expect(formatChangedAt('2026-11-29T02:05:00Z')).toBe('2026年11月29日 10:05')
    expect(formatChangedAt(null)).toBe('')
  })
})

describe('calling and navigating', () => {
  it('dials digits only', () => {
    expect(dialable('0519-8888 0001')).toBe('051988880001')
    expect(dialable('12333')).toBe('12333')
  })

  it('links AMap with the GCJ-02 position as lng,lat', () => {
    expect(amapMarkerUrl('遥观站', { lat: 31.738, lng: 120.054 })).toBe(
      'https://uri.amap.com/marker?position=120.054000,31.738000&name=%E9%81%A5%E8%A7%82%E7%AB%99&coordinate=gaode&callnative=1',
    )
  })
})

describe('app.json', () => {
  it('declares the location API and a permission text of at most 30 characters, and the 找帮助 tab', async () => {
    // app.config.ts calls Taro's build-time global.
    vi.stubGlobal('defineAppConfig', (config: unknown) => config)
    const config = (await import('../src/app.config')).default as unknown as {
      requiredPrivateInfos: string[]
      permission: Record<string, { desc: string }>
      pages: string[]
      tabBar: { list: { pagePath: string; text: string }[] }
    }
    expect(config.requiredPrivateInfos).toContain('getLocation')
    expect(config.requiredPrivateInfos).not.toContain('getFuzzyLocation')
    const desc = config.permission['scope.userLocation']?.desc ?? ''
    expect(desc.length).toBeGreaterThan(0)
    expect([...desc].length).toBeLessThanOrEqual(30)
    expect(config.pages).toEqual(expect.arrayContaining(['pages/help/map/index', 'pages/help/detail/index']))
    expect(config.tabBar.list.map((t) => t.text)).toContain('找帮助')
    vi.unstubAllGlobals()
  })
})
