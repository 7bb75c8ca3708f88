import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HelpPointDetail, HelpPointEvent, NearbyResponse } from '@huxin/shared'
import { buildApp, type App } from '../../../src/app'
import { openDatabase, type DatabaseHandle } from '../../../src/db/client'
import { buildTestApp, type TestApp } from '../../helpers/app'
import { DATABASE_KINDS } from '../../helpers/database'
import { openSse } from '../../helpers/sse'
import { signInStaff } from '../../helpers/staff'

const isFor = (id: string) => (e: { event: string; data: string }) => e.event === 'help-point' && (JSON.parse(e.data) as HelpPointEvent).id === id

/**
 * Several server processes share one PostgreSQL: a change made through instance A reaches the SSE
 * clients of instance B through NOTIFY/LISTEN. Two Fastify apps with their own pools and their
 * own LISTEN connections stand for two processes.
 */
describe.skipIf(!DATABASE_KINDS.includes('postgres'))('live help-point changes across two instances on one PostgreSQL', () => {
  let a: TestApp
  let bDatabase: DatabaseHandle
  let b: App
  let bAddress: string
  beforeAll(async () => {
    a = await buildTestApp('postgres')
    bDatabase = await openDatabase({ databaseUrl: a.database.url! })
    b = await buildApp({ config: a.config, database: bDatabase, logger: false })
    bAddress = await b.listen({ port: 0, host: '127.0.0.1' })
  })
  afterAll(async () => {
    await b?.close()
    await bDatabase?.close()
    await a?.close()
  })

  it('a status change, a creation and a deletion on A reach an SSE client of B within 5 s', async () => {
    const admin = await signInStaff(a, 'admin')
    const inspector = await signInStaff(a, 'inspector')
    const stream = await openSse(`${bAddress}/api/v1/help-points/stream`)
    try {
      const created = await a.app.inject({
        method: 'POST',
        url: '/api/v1/help-points',
        headers: admin.headers,
        payload: { name: '横山桥镇劳动保障服务站', kind: 'labour_station', location: { lat: 31.83, lng: 120.12 }, town: 'hengshanqiao' },
      })
      const point = created.json<HelpPointDetail>()
      expect(JSON.parse((await stream.waitFor(isFor(point.id), 5_000)).data)).toMatchObject({ change: 'upsert', status: 'open' })
      // B's nearby keeps the point's text from here on (per row version).
      const nearbyOnB = async () =>
        (await b.inject({ method: 'GET', url: '/api/v1/help-points/nearby?lat=31.83&lng=120.12&limit=1' })).json<NearbyResponse>().items[0]
      expect(await nearbyOnB()).toMatchObject({ id: point.id, status: 'open' })

      const started = Date.now()
      const patch = await a.app.inject({
        method: 'PATCH',
        url: `/api/v1/help-points/${point.id}/status`,
        headers: inspector.headers,
        payload: { status: 'closed_today', note: '停电' },
      })
      expect(patch.statusCode).toBe(200)
      const event = await stream.waitFor((e) => isFor(point.id)(e) && (JSON.parse(e.data) as HelpPointEvent).change === 'status', 5_000)
      expect(Date.now() - started).toBeLessThan(5_000)
      expect(JSON.parse(event.data)).toMatchObject({ id: point.id, status: 'closed_today', statusNote: '停电', change: 'status' })
      expect(typeof (JSON.parse(event.data) as HelpPointEvent).statusChangedAt).toBe('string')

      // B's own reads agree at once (same database).
      const onB = await b.inject({ method: 'GET', url: `/api/v1/help-points/${point.id}` })
      expect(onB.json<HelpPointDetail>()).toMatchObject({ status: 'closed_today', openNow: false })
      expect(await nearbyOnB()).toMatchObject({ id: point.id, status: 'closed_today', statusNote: '停电', openNow: false })

      expect((await a.app.inject({ method: 'DELETE', url: `/api/v1/help-points/${point.id}`, headers: admin.headers })).statusCode).toBe(204)
      await stream.waitFor((e) => isFor(point.id)(e) && (JSON.parse(e.data) as HelpPointEvent).change === 'delete', 5_000)
      expect((await nearbyOnB())?.id).not.toBe(point.id)
    } finally {
      stream.close()
    }
  })
})

describe.skipIf(!DATABASE_KINDS.includes('postgres'))('the LISTEN connection on PostgreSQL', () => {
  it('reconnects after the database drops it, and changes reach the stream again', async () => {
    const t = await buildTestApp('postgres')
    try {
      const address = await t.app.listen({ port: 0, host: '127.0.0.1' })
      const admin = await signInStaff(t, 'admin')
      const listeners = async () =>
        (await t.database.handle.query<{ pid: number }>(`select pid from pg_stat_activity where datname = current_database() and query ilike 'LISTEN%'`, [])).rows
      const [before] = await listeners()
      expect(before).toBeDefined()
      await t.database.handle.query('select pg_terminate_backend($1)', [before!.pid])
      const deadline = Date.now() + 10_000
      while (Date.now() < deadline && !(await listeners()).some((l) => l.pid !== before!.pid)) await new Promise((r) => setTimeout(r, 100))
      expect((await listeners()).some((l) => l.pid !== before!.pid)).toBe(true)

      const stream = await openSse(`${address}/api/v1/help-points/stream`)
      try {
        const created = await t.app.inject({ method: 'POST', url: '/api/v1/help-points', headers: admin.headers, payload: { name: '重连后', kind: 'court', location: { lat: 31.8, lng: 120.1 } } })
        await stream.waitFor(isFor(created.json<HelpPointDetail>().id), 5_000)
      } finally {
        stream.close()
      }
    } finally {
      await t.close()
    }
  })
})

describe.each(DATABASE_KINDS)('the SSE stream and shutdown on %s', (kind) => {
  it('sends the event stream headers and a first comment, and app.close() ends open streams at once', async () => {
    const t = await buildTestApp(kind)
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' })
    const stream = await openSse(`${address}/api/v1/help-points/stream`)
    expect(stream.contentType).toMatch(/^text\/event-stream/)
    await stream.waitForComment('connected', 5_000)
    const started = Date.now()
    await t.app.close()
    await stream.ended
    // Graceful shutdown is not held up by open streams (close-with-grace allows 10 s).
    expect(Date.now() - started).toBeLessThan(2_000)
    await t.close()
    // Building a fresh PGlite app (migrations included) is most of this test: allow for a busy machine.
  }, 90_000)
})
