import { eq, like } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  haversineMetres,
  wgs84ToGcj02,
  type BboxResponse,
  type ErrorResponse,
  type HelpPointChangesResponse,
  type HelpPointDetail,
  type HelpPointEvent,
  type HelpPointImportResponse,
  type NearbyResponse,
} from '@huxin/shared'
import { helpPointChanges, helpPoints } from '../../../src/db/schema/index'
import { useTestApp } from '../../helpers/app'
import { signInWorker } from '../../helpers/auth'
import { DATABASE_KINDS } from '../../helpers/database'
import { openSse } from '../../helpers/sse'
import { signInStaff } from '../../helpers/staff'

/** earthdistance's sphere (its `earth()` radius); haversine on it is the same great circle. */
const EARTHDISTANCE_RADIUS_M = 6_378_168

/** A seeded PRNG (mulberry32): the property test's cases are the same on every run. */
function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

const WEEKDAY_HOURS = { mon: [['08:30', '12:00'], ['13:30', '17:30']], tue: [['08:30', '17:30']], wed: [['08:30', '17:30']], thu: [['08:30', '17:30']], fri: [['08:30', '17:30']] }

describe.each(DATABASE_KINDS)('help points on %s', (kind) => {
  const t = useTestApp(kind)
  let admin: Awaited<ReturnType<typeof signInStaff>>
  let inspector: Awaited<ReturnType<typeof signInStaff>>
  beforeAll(async () => {
    admin = await signInStaff(t, 'admin')
    inspector = await signInStaff(t, 'inspector')
  })

  const create = (payload: object, headers = admin.headers) => t.app.inject({ method: 'POST', url: '/api/v1/help-points', headers, payload })

  it('lists the nearest points first with great-circle distances that match a haversine oracle (property test, seeded)', async () => {
    const random = prng(20251001)
    // A region of its own (no other test puts points there), plus a few far away.
    const points = Array.from({ length: 400 }, (_, i) => ({
      name: `prop-${i}`,
      kind: 'court',
      lat: i < 380 ? 40 + random() * 10 : -60 + random() * 120,
      lng: i < 380 ? 90 + random() * 20 : -180 + random() * 360,
    }))
    await t.app.db.insert(helpPoints).values(points)
    const byId = new Map((await t.app.db.select().from(helpPoints).where(like(helpPoints.name, 'prop-%'))).map((r) => [r.id, r]))
    for (let probe = 0; probe < 40; probe++) {
      const here = { lat: 40 + random() * 10, lng: 90 + random() * 20 }
      const limit = 1 + Math.floor(random() * 50)
      const response = await t.app.inject({ method: 'GET', url: `/api/v1/help-points/nearby?lat=${here.lat}&lng=${here.lng}&limit=${limit}` })
      expect(response.statusCode).toBe(200)
      const { items } = response.json<NearbyResponse>()
      const oracle = [...byId.values()]
        .map((r) => ({ id: r.id, d: haversineMetres(here, { lat: r.lat!, lng: r.lng! }, EARTHDISTANCE_RADIUS_M) }))
        .sort((a, b) => a.d - b.d)
        .slice(0, limit)
      expect(items.map((i) => i.id)).toEqual(oracle.map((o) => o.id))
      items.forEach((item, i) => {
        // Rounded to whole metres; the two formulas agree to well under a metre on the same sphere.
        expect(Math.abs(item.distanceM! - oracle[i]!.d)).toBeLessThanOrEqual(1)
        // The usual mean-radius haversine is 0.11 % shorter: same order, scaled distances.
        const mean = haversineMetres(here, item.location)
        expect(Math.abs(item.distanceM! / mean - EARTHDISTANCE_RADIUS_M / 6_371_008.8)).toBeLessThan(1e-4)
      })
      for (let i = 1; i < items.length; i++) expect(items[i]!.distanceM!).toBeGreaterThanOrEqual(items[i - 1]!.distanceM!)
    }
    await t.app.db.delete(helpPoints).where(like(helpPoints.name, 'prop-%'))
  })

  it('answers many lookups arriving at once (shared statements) each exactly as when asked alone', async () => {
    const random = prng(20261129)
    const points = Array.from({ length: 150 }, (_, i) => ({
      name: `batch-${i}`,
      kind: i % 3 === 0 ? 'legal_aid' : 'court',
      lat: -30 + random() * 8,
      lng: 20 + random() * 8,
    }))
    await t.app.db.insert(helpPoints).values(points)
    // More lookups than one statement takes (32) and than may run at once (2 × 32).
    const urls = Array.from({ length: 90 }, (_, i) => {
      const kind = i % 4 === 0 ? '&kind=legal_aid' : ''
      return `/api/v1/help-points/nearby?lat=${-30 + random() * 8}&lng=${20 + random() * 8}&limit=${1 + (i % 9)}${kind}`
    })
    const ask = async (url: string) => {
      const response = await t.app.inject({ method: 'GET', url })
      expect(response.statusCode).toBe(200)
      return response.json<NearbyResponse>().items.map((item) => `${item.name}@${item.distanceM}`)
    }
    const alone: string[][] = []
    for (const url of urls) alone.push(await ask(url))
    const together = await Promise.all(urls.map(ask))
    expect(together).toEqual(alone)
    expect(alone.every((items, i) => items.length === 1 + (i % 9))).toBe(true)
    await t.app.db.delete(helpPoints).where(like(helpPoints.name, 'batch-%'))
  })

  it('answers nearby from the GiST index (KNN), not a scan', async () => {
    await t.database.handle.query('set enable_seqscan = off', [])
    const { rows } = await t.database.handle.query<Record<string, string>>(
      `explain select id from help_points where lat is not null order by help_point_geo(lat, lng) <-> help_point_geo($1, $2) limit 5`,
      [31.8, 120.05],
    )
    await t.database.handle.query('reset enable_seqscan', [])
    const plan = rows.map((r) => Object.values(r)[0]).join('\n')
    expect(plan).toContain('help_points_geo_idx')
    expect(plan).toMatch(/Order By:/)
  })

  it.runIf(kind === 'postgres')('talks to PostgreSQL with JIT off (a nearby batch was JIT-compiled for 180 ms per execution)', async () => {
    const { rows } = await t.database.handle.query<{ jit: string }>('show jit', [])
    expect(rows[0]?.jit).toBe('off')
  })

  it('creates, reads, lists by bbox and nearby with GCJ-02, and keeps the 12333 hotline as a channel without a location', async () => {
    const station = await create({
      name: '遥观镇劳动保障服务站',
      kind: 'labour_station',
      address: '遥观镇某路 1 号',
      location: { lat: 39.90923, lng: 116.397428 },
      phones: ['0519-88888888'],
      hours: WEEKDAY_HOURS,
      exceptions: { '2025-10-09': 'closed' },
      services: ['欠薪投诉', '劳动合同咨询'],
      town: 'yaoguan',
    })
    expect(station.statusCode).toBe(201)
    const created = station.json<HelpPointDetail>()
    expect(created).toMatchObject({ kind: 'labour_station', status: 'open', town: 'yaoguan', exceptions: { '2025-10-09': 'closed' } })
    expect(created.gcj02!.lng).toBeCloseTo(116.40367162595768, 7)
    expect(created.gcj02!.lat).toBeCloseTo(39.91063350638631, 7)

    const hotline = await create({ name: '12333 人社服务热线', kind: 'hotline', phones: ['12333'], hours: { mon: [['00:00', '24:00']] }, openOnHolidays: true })
    expect(hotline.statusCode).toBe(201)
    expect(hotline.json<HelpPointDetail>().location).toBeNull()

    const nearby = (await t.app.inject({ method: 'GET', url: '/api/v1/help-points/nearby?lat=39.9&lng=116.4&limit=5' })).json<NearbyResponse>()
    expect(nearby.items[0]).toMatchObject({ id: created.id, name: '遥观镇劳动保障服务站', location: { lat: 39.90923, lng: 116.397428 } })
    const expected = wgs84ToGcj02({ lat: 39.90923, lng: 116.397428 })
    expect(nearby.items[0]!.gcj02.lat).toBeCloseTo(expected.lat, 6)
    expect(nearby.items[0]!.distanceM).toBe(Math.round(haversineMetres({ lat: 39.9, lng: 116.4 }, { lat: 39.90923, lng: 116.397428 }, EARTHDISTANCE_RADIUS_M)))
    expect(nearby.items.some((i) => i.kind === 'hotline')).toBe(false)
    expect(nearby.channels.map((c) => c.name)).toContain('12333 人社服务热线')

    const onlyHotline = (await t.app.inject({ method: 'GET', url: '/api/v1/help-points/nearby?lat=39.9&lng=116.4&kind=hotline' })).json<NearbyResponse>()
    expect(onlyHotline.items).toEqual([])
    expect(onlyHotline.channels).toHaveLength(1)
    const onlyCourts = (await t.app.inject({ method: 'GET', url: '/api/v1/help-points/nearby?lat=39.9&lng=116.4&kind=court' })).json<NearbyResponse>()
    expect(onlyCourts.items.every((i) => i.kind === 'court')).toBe(true)
    expect(onlyCourts.channels).toEqual([])

    const inBox = (await t.app.inject({ method: 'GET', url: '/api/v1/help-points?bbox=116.3,39.8,116.5,40.0' })).json<BboxResponse>()
    expect(inBox.items.map((i) => i.id)).toEqual([created.id])
    expect(inBox.truncated).toBe(false)
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/help-points?bbox=116.3,39.8,116.5,40.0&kind=court' })).json<BboxResponse>().items).toEqual([])
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/help-points?bbox=110,30,111,31' })).json<BboxResponse>().items).toEqual([])

    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/help-points/${created.id}` })
    expect(detail.statusCode).toBe(200)
    expect(detail.json<HelpPointDetail>()).toMatchObject({ hours: WEEKDAY_HOURS, services: ['欠薪投诉', '劳动合同咨询'], statusHistory: [] })
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/help-points/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404)
  })

  it('filters nearby by openNow: a suspended point is never open now', async () => {
    const always = { mon: [['00:00', '24:00']], tue: [['00:00', '24:00']], wed: [['00:00', '24:00']], thu: [['00:00', '24:00']], fri: [['00:00', '24:00']], sat: [['00:00', '24:00']], sun: [['00:00', '24:00']] }
    const near = (await create({ name: 'open-near', kind: 'legal_aid', location: { lat: 10, lng: 10 }, hours: always, openOnHolidays: true })).json<HelpPointDetail>()
    const far = (await create({ name: 'open-far', kind: 'legal_aid', location: { lat: 10.01, lng: 10.01 }, hours: always, openOnHolidays: true })).json<HelpPointDetail>()
    const status = await t.app.inject({ method: 'PATCH', url: `/api/v1/help-points/${near.id}/status`, headers: inspector.headers, payload: { status: 'suspended', note: '装修' } })
    expect(status.statusCode).toBe(200)
    const all = (await t.app.inject({ method: 'GET', url: '/api/v1/help-points/nearby?lat=10&lng=10&limit=2&kind=legal_aid' })).json<NearbyResponse>()
    expect(all.items.map((i) => [i.id, i.openNow, i.status])).toEqual([[near.id, false, 'suspended'], [far.id, true, 'open']])
    const open = (await t.app.inject({ method: 'GET', url: '/api/v1/help-points/nearby?lat=10&lng=10&limit=1&kind=legal_aid&openNow=true' })).json<NearbyResponse>()
    expect(open.items.map((i) => i.id)).toEqual([far.id])
  })

  it('shows every change in the next nearby answer: an edit, a status change, a change made in SQL, a deletion', async () => {
    const url = '/api/v1/help-points/nearby?lat=-40&lng=-70&limit=2'
    const nearby = async () => {
      const response = await t.app.inject({ method: 'GET', url })
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
      return response.json<NearbyResponse>()
    }
    const point = (await create({ name: '缓存点', kind: 'court', location: { lat: -40, lng: -70 }, hours: WEEKDAY_HOURS })).json<HelpPointDetail>()
    const other = (await create({ name: '缓存点二', kind: 'court', location: { lat: -40.01, lng: -70 } })).json<HelpPointDetail>()
    expect((await nearby()).items.map((i) => [i.name, i.status])).toEqual([['缓存点', 'open'], ['缓存点二', 'open']])
    // Asked twice: the answer is the same (the second from the texts kept per row version).
    expect(await nearby()).toEqual(await nearby())

    await t.app.inject({ method: 'PATCH', url: `/api/v1/help-points/${point.id}`, headers: admin.headers, payload: { name: '缓存点（改名）', phones: ['0519-81234567'] } })
    expect((await nearby()).items[0]).toMatchObject({ name: '缓存点（改名）', phones: ['0519-81234567'] })

    await t.app.inject({ method: 'PATCH', url: `/api/v1/help-points/${point.id}/status`, headers: inspector.headers, payload: { status: 'suspended', note: '装修' } })
    expect((await nearby()).items[0]).toMatchObject({ status: 'suspended', statusNote: '装修', openNow: false, statusChangedAt: expect.any(String) })

    // Behind the app's back: the row's version changes all the same.
    await t.app.db.update(helpPoints).set({ status: 'busy', statusNote: '人多', address: '后门路 2 号' }).where(eq(helpPoints.id, point.id))
    expect((await nearby()).items[0]).toMatchObject({ status: 'busy', statusNote: '人多', address: '后门路 2 号' })

    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/help-points/${point.id}`, headers: admin.headers })).statusCode).toBe(204)
    const afterDelete = (await nearby()).items.map((i) => i.id)
    expect(afterDelete[0]).toBe(other.id)
    expect(afterDelete).not.toContain(point.id)
    await t.app.inject({ method: 'DELETE', url: `/api/v1/help-points/${other.id}`, headers: admin.headers })
  })

  it('rejects bad input with 400 naming the field', async () => {
    const field = async (url: string) => {
      const response = await t.app.inject({ method: 'GET', url })
      expect(response.statusCode).toBe(400)
      return response.json<ErrorResponse>().error.details?.[0]?.field
    }
    expect(await field('/api/v1/help-points/nearby?lat=91&lng=120')).toBe('querystring.lat')
    expect(await field('/api/v1/help-points/nearby?lat=31&lng=-181')).toBe('querystring.lng')
    expect(await field('/api/v1/help-points/nearby?lng=120')).toBe('querystring.lat')
    expect(await field('/api/v1/help-points/nearby?lat=31&lng=120&limit=0')).toBe('querystring.limit')
    expect(await field('/api/v1/help-points/nearby?lat=31&lng=120&limit=51')).toBe('querystring.limit')
    expect(await field('/api/v1/help-points/nearby?lat=31&lng=120&kind=police')).toBe('querystring.kind')
    expect(await field('/api/v1/help-points?bbox=120,31,119,32')).toBe('querystring.bbox')
    expect(await field('/api/v1/help-points?bbox=120,31,121')).toBe('querystring.bbox')
    expect(await field('/api/v1/help-points?bbox=120,31,x,32')).toBe('querystring.bbox')
    expect(await field('/api/v1/help-points?bbox=-190,31,121,32')).toBe('querystring.bbox')
    expect(await field('/api/v1/help-points/changes?since=yesterday')).toBe('querystring.since')

    const bodyField = async (payload: object) => {
      const response = await create(payload)
      expect(response.statusCode).toBe(400)
      return response.json<ErrorResponse>().error.details?.[0]?.field
    }
    expect(await bodyField({ name: '无位置', kind: 'court' })).toBe('location')
    expect(await bodyField({ name: 'x', kind: 'court', location: { lat: 95, lng: 120 } })).toBe('location.lat')
    expect(await bodyField({ name: 'x', kind: 'court', location: { lat: 31, lng: 120 }, hours: { mon: [['17:00', '09:00']] } })).toBe('hours.mon[0]')
    expect(await bodyField({ name: 'x', kind: 'court', location: { lat: 31, lng: 120 }, hours: { mon: [['9:00', '12:00']] } })).toMatch(/^hours\.mon/)
    expect(await bodyField({ name: 'x', kind: 'court', location: { lat: 31, lng: 120 }, exceptions: { '2025-02-30': 'closed' } })).toBe('exceptions.2025-02-30')
    expect(await bodyField({ name: 'x', kind: 'court', location: { lat: 31, lng: 120 }, town: 'beijing' })).toBe('town')
    expect(await bodyField({ name: '', kind: 'court', location: { lat: 31, lng: 120 } })).toBe('name')
    const status = await t.app.inject({ method: 'PATCH', url: '/api/v1/help-points/00000000-0000-4000-8000-000000000000/status', headers: inspector.headers, payload: { status: 'closed' } })
    expect(status.statusCode).toBe(400)
    expect(status.json<ErrorResponse>().error.details?.[0]?.field).toBe('status')
    // Nothing half-stored.
    expect((await t.app.db.select().from(helpPoints).where(eq(helpPoints.name, 'x'))).length).toBe(0)
  })

  it('lets anyone read, admins edit, and staff (not workers) set the status', async () => {
    const worker = await signInWorker(t)
    const point = (await create({ name: '横林镇劳动保障服务站', kind: 'labour_station', location: { lat: 31.73, lng: 120.13 } })).json<HelpPointDetail>()
    expect((await create({ name: 'w', kind: 'court', location: { lat: 31, lng: 120 } }, worker.headers)).statusCode).toBe(403)
    expect((await create({ name: 'i', kind: 'court', location: { lat: 31, lng: 120 } }, inspector.headers)).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/help-points', payload: { name: 'a', kind: 'court', location: { lat: 31, lng: 120 } } })).statusCode).toBe(401)
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/help-points/${point.id}`, headers: inspector.headers, payload: { name: '改名' } })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/help-points/${point.id}`, headers: worker.headers })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/help-points/${point.id}/status`, headers: worker.headers, payload: { status: 'busy' } })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/help-points/${point.id}/status`, payload: { status: 'busy' } })).statusCode).toBe(401)
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/help-points/import', headers: { ...inspector.headers, 'content-type': 'text/csv' }, payload: 'name,kind\n' })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/help-points/${point.id}`, headers: worker.headers })).statusCode).toBe(200)

    const supervisor = await signInStaff(t, 'supervisor')
    const busy = await t.app.inject({ method: 'PATCH', url: `/api/v1/help-points/${point.id}/status`, headers: supervisor.headers, payload: { status: 'busy', note: '排队约 30 分钟' } })
    expect(busy.statusCode).toBe(200)
    expect(busy.json<HelpPointDetail>()).toMatchObject({ status: 'busy', statusNote: '排队约 30 分钟', statusHistory: [{ status: 'busy', note: '排队约 30 分钟' }] })
  })

  it('records every change with who and when, and serves them to pollers (/changes)', async () => {
    const since = new Date(Date.now() - 1_000).toISOString()
    const point = (await create({ name: '潞城街道法律援助工作站', kind: 'legal_aid', location: { lat: 31.78, lng: 120.03 } })).json<HelpPointDetail>()
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/help-points/${point.id}`, headers: admin.headers, payload: { phones: ['0519-11112222'], town: 'lucheng' } })
    expect(patch.statusCode).toBe(200)
    expect(patch.json<HelpPointDetail>()).toMatchObject({ phones: ['0519-11112222'], town: 'lucheng' })
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/help-points/${point.id}/status`, headers: inspector.headers, payload: { status: 'closed_today', note: '外出办案' } })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/help-points/${point.id}`, headers: admin.headers })).statusCode).toBe(204)
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/help-points/${point.id}`, headers: admin.headers })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/help-points/${point.id}` })).statusCode).toBe(404)

    const audit = await t.app.db.select().from(helpPointChanges).where(eq(helpPointChanges.helpPointId, point.id)).orderBy(helpPointChanges.changedAt)
    expect(audit.map((a) => [a.change, a.changedBy])).toEqual([
      ['create', admin.id],
      ['update', admin.id],
      ['status', inspector.id],
      ['delete', admin.id],
    ])
    expect(audit[1]!.before).toMatchObject({ phones: [], town: null })
    expect(audit[1]!.after).toMatchObject({ phones: ['0519-11112222'], town: 'lucheng' })
    expect(audit[2]).toMatchObject({ status: 'closed_today', statusNote: '外出办案', before: { status: 'open' } })
    expect(audit[3]!.before).toMatchObject({ name: '潞城街道法律援助工作站' })
    expect(audit.every((a) => a.changedAt instanceof Date)).toBe(true)

    const changes = await t.app.inject({ method: 'GET', url: `/api/v1/help-points/changes?since=${encodeURIComponent(since)}` })
    expect(changes.statusCode).toBe(200)
    const body = changes.json<HelpPointChangesResponse>()
    expect(body.items.filter((i) => i.id === point.id).map((i) => i.change)).toEqual(['upsert', 'upsert', 'status', 'delete'])
    expect(Date.parse(body.next)).toBeGreaterThanOrEqual(Date.parse(since))
  })

  it('pushes a status change to an open SSE stream within 5 s and ends streams on close', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' })
    const point = (await create({ name: '戚墅堰街道劳动保障服务站', kind: 'labour_station', location: { lat: 31.72, lng: 120.05 } })).json<HelpPointDetail>()
    const stream = await openSse(`${address}/api/v1/help-points/stream`)
    try {
      const started = Date.now()
      const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/help-points/${point.id}/status`, headers: inspector.headers, payload: { status: 'busy', note: '人多' } })
      expect(patch.statusCode).toBe(200)
      // The point's creation (an `upsert`) may reach the stream before or after it opened, and so
      // before the status change: wait for the status change itself, whatever came first.
      const event = await stream.waitFor(
        (e) => e.event === 'help-point' && (JSON.parse(e.data) as HelpPointEvent).id === point.id && (JSON.parse(e.data) as HelpPointEvent).change === 'status',
        5_000,
      )
      expect(Date.now() - started).toBeLessThan(5_000)
      expect(JSON.parse(event.data)).toMatchObject({ id: point.id, status: 'busy', statusNote: '人多', change: 'status' })
      expect(t.app.helpPointsLive.streamCount()).toBe(1)
    } finally {
      stream.close()
    }
  })

  it('imports CSV and GeoJSON: good rows kept, bad rows reported by line/feature with field and reason', async () => {
    const csv = [
      'name,kind,address,lat,lng,phones,town,services,hours,openOnHolidays',
      '经开区劳动人事争议仲裁院（导入）,arbitration,"常州市经开区某路 8 号, 二楼",31.77,120.06,0519-80000001;0519-80000002,遥观镇,仲裁申请;咨询,"mon-fri 08:30-12:00,13:30-17:30",',
      '坏纬度,court,,95,120.0,,,,,',
      '坏种类,police,,31.7,120.0,,,,,',
      '"多行',
      '名称",法律援助,,31.71,120.01,,hengshanqiao,,sat 09:00-12:00,否',
      '缺经度,court,,31.7,,,,,,',
      '坏时间,court,,31.7,120.0,,,,mon 25:00-26:00,',
      '12333 热线（导入）,hotline,,,,12333,,,daily 00:00-24:00,true',
    ].join('\r\n')
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/help-points/import', headers: { ...admin.headers, 'content-type': 'text/csv' }, payload: csv })
    expect(response.statusCode).toBe(200)
    const result = response.json<HelpPointImportResponse>()
    expect(result.imported).toBe(3)
    expect(result.rejected).toEqual([
      { line: 3, field: 'location.lat', message: expect.any(String) },
      { line: 4, field: 'kind', message: expect.any(String) },
      { line: 7, field: 'lng', message: expect.any(String) },
      { line: 8, field: expect.stringMatching(/^hours/), message: expect.any(String) },
    ])
    const [arbitration] = await t.app.db.select().from(helpPoints).where(eq(helpPoints.name, '经开区劳动人事争议仲裁院（导入）'))
    expect(arbitration).toMatchObject({
      address: '常州市经开区某路 8 号, 二楼',
      phones: ['0519-80000001', '0519-80000002'],
      town: 'yaoguan',
      services: ['仲裁申请', '咨询'],
      hours: { mon: [['08:30', '12:00'], ['13:30', '17:30']], fri: [['08:30', '12:00'], ['13:30', '17:30']] },
    })
    const [multi] = await t.app.db.select().from(helpPoints).where(eq(helpPoints.name, '多行\r\n名称'))
    expect(multi).toMatchObject({ kind: 'legal_aid', town: 'hengshanqiao', openOnHolidays: false })
    const audit = await t.app.db.select().from(helpPointChanges).where(eq(helpPointChanges.helpPointId, arbitration!.id))
    expect(audit.map((a) => [a.change, a.changedBy])).toEqual([['import', admin.id]])

    const geojson = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [120.07, 31.79] }, properties: { name: '丁堰街道工会（导入）', kind: 'trade_union', phones: ['0519-80000003'], hours: { mon: [['09:00', '17:00']] } } },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [[120, 31], [121, 32]] }, properties: { name: '线', kind: 'court' } },
        { type: 'Feature', geometry: null, properties: { name: '没有位置的法院', kind: 'court' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [120.08, 31.8] }, properties: { kind: 'court' } },
      ],
    }
    const geo = await t.app.inject({ method: 'POST', url: '/api/v1/help-points/import', headers: { ...admin.headers, 'content-type': 'application/geo+json' }, payload: JSON.stringify(geojson) })
    expect(geo.statusCode).toBe(200)
    expect(geo.json<HelpPointImportResponse>()).toEqual({
      imported: 1,
      rejected: [
        { line: 1, field: 'geometry', message: expect.any(String) },
        { line: 2, field: 'location', message: expect.any(String) },
        { line: 3, field: 'name', message: expect.any(String) },
      ],
    })

    const unknownColumn = await t.app.inject({ method: 'POST', url: '/api/v1/help-points/import', headers: { ...admin.headers, 'content-type': 'text/csv' }, payload: 'name,kind,colour\nx,court,red' })
    expect(unknownColumn.statusCode).toBe(400)
    expect(unknownColumn.json<ErrorResponse>().error.details?.[0]?.field).toBe('header.colour')
    const wrongType = await t.app.inject({ method: 'POST', url: '/api/v1/help-points/import', headers: { ...admin.headers, 'content-type': 'text/plain' }, payload: 'name,kind' })
    expect(wrongType.statusCode).toBe(415)
  })

  it('replaces the sample points in the same transaction as an import when asked', async () => {
    await t.app.db.insert(helpPoints).values({ name: '示例点', kind: 'court', lat: 31.8, lng: 120.1, isSample: true })
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/help-points/import?replaceSamples=true',
      headers: { ...admin.headers, 'content-type': 'text/csv' },
      payload: 'name,kind,lat,lng\n真实法院,court,31.81,120.11\n',
    })
    expect(response.json<HelpPointImportResponse>()).toEqual({ imported: 1, rejected: [] })
    expect(await t.app.db.select().from(helpPoints).where(eq(helpPoints.isSample, true))).toEqual([])
  })

  it('lets a poller page through an import larger than one answer (1,000 changes) without losing any', async () => {
    const since = new Date(Date.now() - 1_000).toISOString()
    const lines = ['name,kind,lat,lng', ...Array.from({ length: 1_050 }, (_, i) => `page-${i},court,${(20 + i / 1_000).toFixed(4)},100`)]
    const imported = await t.app.inject({ method: 'POST', url: '/api/v1/help-points/import', headers: { ...admin.headers, 'content-type': 'text/csv' }, payload: lines.join('\n') })
    expect(imported.json<HelpPointImportResponse>().imported).toBe(1_050)
    const seen = new Set<string>()
    let cursor = since
    for (let page = 0; page < 5; page++) {
      const answer = (await t.app.inject({ method: 'GET', url: `/api/v1/help-points/changes?since=${encodeURIComponent(cursor)}` })).json<HelpPointChangesResponse>()
      for (const item of answer.items) if (item.change === 'upsert') seen.add(item.id)
      if (answer.items.length < 1_000) break
      cursor = answer.next
    }
    const ids = (await t.app.db.select({ id: helpPoints.id }).from(helpPoints).where(like(helpPoints.name, 'page-%'))).map((r) => r.id)
    expect(ids).toHaveLength(1_050)
    expect(ids.every((id) => seen.has(id))).toBe(true)
  }, 120_000)
})
