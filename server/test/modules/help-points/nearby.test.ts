import Fastify from 'fastify'
import { beforeAll, describe, expect, it } from 'vitest'
import { NearbyResponseSchema } from '@huxin/shared'
import type { VersionedListRow } from '../../../src/modules/help-points/repository/index'
import { shanghaiClock } from '../../../src/modules/help-points/hours'
import {
  channelText,
  createNearbyTextCache,
  itemText,
  liveState,
  renderChannel,
  renderItem,
  renderNearby,
  type SerializeNearby,
} from '../../../src/modules/help-points/nearby'
import { toHelpPointChannel, toHelpPointItem } from '../../../src/modules/help-points/service'
import { createWorkingDayCalendar } from '../../../src/modules/calendar/index'

/** The serialiser Fastify compiles for a route answering with NearbyResponseSchema, as nearby's. */
async function routeSerializer(): Promise<SerializeNearby> {
  const app = Fastify()
  let serialize: SerializeNearby | undefined
  app.get('/', { schema: { response: { 200: NearbyResponseSchema } } }, async (_request, reply) => {
    serialize = reply.getSerializationFunction('200') as SerializeNearby
    return { items: [], channels: [] }
  })
  await app.inject({ method: 'GET', url: '/' })
  await app.close()
  return serialize!
}

const calendar = createWorkingDayCalendar()
const at = (local: string) => shanghaiClock(new Date(`${local}:00+08:00`), calendar)

const base: VersionedListRow = {
  id: '3f1c2b9e-8d4a-4c1e-9b7a-2e5f6a7b8c9d',
  version: '1001',
  name: '遥观镇劳动保障服务站',
  kind: 'labour_station',
  address: '遥观镇某路 1 号',
  lat: 31.7712345,
  lng: 120.0456789,
  phones: ['0519-88888888', '12333'],
  // jsonb hands the days back in its own key order; the answer lists them mon…sun.
  hours: { sat: [['09:00', '12:00']], mon: [['08:30', '12:00'], ['13:30', '17:30']], fri: [['08:30', '17:30']] },
  hours_exceptions: { '2025-10-09': 'closed', '2025-09-24': [['14:00', '15:00']] },
  open_on_holidays: false,
  services: ['欠薪投诉', '劳动合同咨询'],
  town: 'yaoguan',
  status: 'open',
  status_note: null,
  status_changed_at: null,
  is_sample: false,
}

/** Rows that stress the text: nulls, escapes, marks inside strings, every status, odd hours, far away. */
const ROWS: VersionedListRow[] = [
  base,
  { ...base, address: null, town: null, phones: [], services: [], hours: {}, hours_exceptions: {} },
  {
    ...base,
    name: '名称 "引号" \\ 反斜杠\n换行\t\u2028 😀 </script>',
    address: ',"openNow":true,"status":"open"',
    status_note: '","statusNote":",\\"distanceM\\":0',
    services: [',"distanceM":0', 'openNow'],
    status: 'busy',
    status_changed_at: new Date('2025-09-23T01:00:00Z'),
  },
  { ...base, status: 'closed_today', status_note: '停电', status_changed_at: new Date('2025-09-23T00:30:00Z') },
  { ...base, status: 'closed_today', status_changed_at: '2025-09-22T09:00:00.000Z' },
  { ...base, status: 'suspended', status_note: '装修', status_changed_at: new Date('2025-01-02T03:04:05.678Z'), is_sample: true },
  { ...base, kind: 'court', open_on_holidays: true, hours: { mon: [['00:00', '24:00']], tue: [], sun: [['10:00', '11:00']] } },
  { ...base, hours: { ...base.hours, lunch: [['12:00', '13:00']] } as VersionedListRow['hours'] },
  { ...base, lat: -33.8688, lng: 151.2093 },
  { ...base, lat: 0, lng: -0.5 },
]
const DISTANCES = [0, 0.4, 0.5, 1234.49, 1234.5, 20_037_508.3, 7, 99.99, 1e6, 42.42]
const HOTLINE: VersionedListRow = {
  ...base,
  kind: 'hotline',
  name: '12333 人社服务热线',
  address: null,
  lat: null,
  lng: null,
  phones: ['12333'],
  hours: { mon: [['00:00', '24:00']] },
  open_on_holidays: true,
}

// An ordinary morning and lunch break, the day after a closed_today, a Sunday, National Day, a
// make-up workday (Sun 28 Sep 2025), an exception day, midnight.
const CLOCKS = ['2025-09-23T10:00', '2025-09-23T12:30', '2025-09-24T14:30', '2025-09-21T10:30', '2025-10-01T10:00', '2025-09-28T09:00', '2025-10-09T10:00', '2025-09-23T00:00']

describe('nearby item texts', () => {
  let serialize: SerializeNearby
  beforeAll(async () => {
    serialize = await routeSerializer()
  })

  it.each(CLOCKS)('are byte for byte the schema serialisation of the plain answer at %s, whenever they were made', (moment) => {
    const madeAt = at('2025-06-01T03:00')
    const clock = at(moment)
    const texts = ROWS.map((row) => itemText(row, madeAt, serialize))
    const hotline = channelText(HOTLINE, madeAt, serialize)

    const expected = serialize({
      items: ROWS.map((row, i) => toHelpPointItem({ ...row, distance_m: DISTANCES[i]! }, clock, true)),
      channels: [toHelpPointChannel(HOTLINE, clock)],
    })
    const actual = renderNearby(
      texts.map((text, i) => renderItem(text, liveState(text, clock), Math.round(DISTANCES[i]!))),
      [renderChannel(hotline, liveState(hotline, clock))],
    )
    expect(actual).toBe(expected)
    expect(renderNearby([], [])).toBe(serialize({ items: [], channels: [] }))
  })
})

describe('the nearby text cache', () => {
  const serialize: SerializeNearby = (response) => JSON.stringify(response)
  const clock = at('2025-09-23T10:00')
  const ref = (version: string, id = base.id) => ({ id, version, distance_m: 12.5 })

  it('reads a row again only when its version moved on, and forgets a row that is gone', async () => {
    const cache = createNearbyTextCache(100)
    let rows = [base]
    const reads: string[][] = []
    const readRows = async (ids: string[]) => {
      reads.push(ids)
      return rows.filter((r) => ids.includes(r.id))
    }
    expect((await cache.resolve([ref('1001')], readRows, clock, serialize)).map((f) => f.distanceM)).toEqual([13])
    await cache.resolve([ref('1001')], readRows, clock, serialize)
    expect(reads).toEqual([[base.id]])

    rows = [{ ...base, version: '1002', name: '改名' }]
    const [found] = await cache.resolve([ref('1002')], readRows, clock, serialize)
    expect(reads).toHaveLength(2)
    expect(found!.text.head).toContain('改名')

    rows = []
    expect(await cache.resolve([ref('1003')], readRows, clock, serialize)).toEqual([])
    expect(cache.size()).toBe(0)
  })

  it('keeps at most its size, dropping the oldest first', async () => {
    const cache = createNearbyTextCache(10)
    const ids = Array.from({ length: 25 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)
    const readRows = async (wanted: string[]) => wanted.map((id) => ({ ...base, id }))
    for (const id of ids) await cache.resolve([ref('1001', id)], readRows, clock, serialize)
    expect(cache.size()).toBeLessThanOrEqual(10)
    let reread = 0
    await cache.resolve([ref('1001', ids[24]!)], async (wanted) => ((reread += wanted.length), readRows(wanted)), clock, serialize)
    await cache.resolve([ref('1001', ids[0]!)], async (wanted) => ((reread += wanted.length), readRows(wanted)), clock, serialize)
    expect(reread).toBe(1)
  })
})
