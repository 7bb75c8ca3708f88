import { sql, type SQL } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { ClaimMapItem, ClaimMapResponse, CreateClaimBody, ErrorResponse } from '@huxin/shared'
import { useTestApp } from '../../helpers/app'
import { DATABASE_KINDS } from '../../helpers/database'
import { act, fileAs, signInStaff, type SignedInStaff } from '../../helpers/staff'
import { claimMapFilter } from '../../../src/modules/casework/claim-map'
import { claimMapStatements } from '../../../src/modules/casework/repository/index'
import { rawRows } from '../../../src/db/raw'

/** A box of ± `d` degrees around a point, in the bbox order minLng,minLat,maxLng,maxLat. */
const around = (lat: number, lng: number, d = 0.05) => `${lng - d},${lat - d},${lng + d},${lat + d}`

const ITEM_KEYS = [
  'acceptDueAt',
  'amountOwedFen',
  'assignedToMe',
  'closeDueAt',
  'dueAt',
  'employerName',
  'id',
  'isGroupCase',
  'overdue',
  'reference',
  'site',
  'status',
  'town',
  'workersCount',
]

describe.each(DATABASE_KINDS)('the map of open claims on %s', (kind) => {
  const t = useTestApp(kind)

  const db = () => t.database.handle.db
  const map = (s: SignedInStaff, query: string) => t.app.inject({ method: 'GET', url: `/api/v1/claims/map?${query}`, headers: s.headers })
  const mapOk = async (s: SignedInStaff, query: string) => {
    const response = await map(s, query)
    expect(response.statusCode, response.body).toBe(200)
    return response.json<ClaimMapResponse>()
  }
  const at = (town: CreateClaimBody['town'], lat: number, lng: number, extra: Partial<CreateClaimBody> = {}) =>
    fileAs(t, { town, site: { lat, lng, address: `${town} 工地` }, ...extra }).then((r) => r.claim)

  it("shows an inspector the open claims of their towns only, never another town's", async () => {
    // Lucheng and Dingyan are neighbours: one box holds claims of both.
    const lucheng = await signInStaff(t, 'inspector', ['lucheng'])
    const dingyan = await signInStaff(t, 'inspector', ['dingyan'])
    const supervisor = await signInStaff(t, 'supervisor', [])
    const mine = await at('lucheng', 31.7877, 120.0275)
    const theirs = await at('dingyan', 31.7571, 120.0214)
    const box = `bbox=${around(31.77, 120.025)}`

    const forLucheng = await mapOk(lucheng, box)
    expect(forLucheng.items.map((i) => i.id)).toEqual([mine.id])
    expect(forLucheng).toMatchObject({ total: 1, truncated: false, clusters: [] })
    expect((await mapOk(dingyan, box)).items.map((i) => i.id)).toEqual([theirs.id])
    // Asking for the other town by name changes nothing.
    expect((await mapOk(lucheng, `${box}&town=dingyan`)).items).toEqual([])
    expect((await mapOk(dingyan, `${box}&town=lucheng`)).items).toEqual([])
    // A supervisor without towns sees every town; the town filter narrows it.
    expect((await mapOk(supervisor, box)).items.map((i) => i.id).sort()).toEqual([mine.id, theirs.id].sort())
    expect((await mapOk(supervisor, `${box}&town=dingyan`)).items.map((i) => i.id)).toEqual([theirs.id])
    // Workers have no map; nobody without a token.
    const worker = (await fileAs(t)).worker
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/claims/map?${box}`, headers: worker.headers })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/claims/map?${box}` })).statusCode).toBe(401)
  })

  it('lists only open claims with a site inside the box, most urgent first, filtered by status', async () => {
    const inspector = await signInStaff(t, 'inspector', ['henglin'])
    const lat = 31.7402
    const lng = 120.1462
    const submitted = await at('henglin', lat, lng)
    const overdue = await at('henglin', lat + 0.001, lng + 0.001)
    const accepted = await at('henglin', lat + 0.002, lng - 0.001)
    const rejected = await at('henglin', lat - 0.002, lng)
    const closed = await at('henglin', lat - 0.001, lng + 0.002)
    const withdrawn = await at('henglin', lat + 0.003, lng)
    const merged = await at('henglin', lat, lng + 0.003)
    const farAway = await at('henglin', lat + 0.3, lng + 0.3)
    const noSite = (await fileAs(t, { town: 'henglin', site: undefined })).claim
    await db().execute(sql`update claims set accept_due_at = now() - interval '2 days' where id = ${overdue.id}`)
    expect((await act(t, inspector, accepted.id, { action: 'accept' })).statusCode).toBe(200)
    expect((await act(t, inspector, rejected.id, { action: 'reject', note: '不属于本局管辖' })).statusCode).toBe(200)
    await db().execute(sql`update claims set status = 'closed' where id = ${closed.id}`)
    await db().execute(sql`update claims set status = 'withdrawn' where id = ${withdrawn.id}`)
    await db().execute(sql`update claims set merged_into_id = ${submitted.id} where id = ${merged.id}`)
    expect(noSite.site).toBeUndefined()

    const box = `bbox=${around(lat, lng, 0.02)}`
    const page = await mapOk(inspector, box)
    // The overdue one first, then by deadline: the accepted claim's 60 working days come last.
    expect(page.items.map((i) => i.id)).toEqual([overdue.id, submitted.id, accepted.id])
    const ids = page.items.map((i) => i.id)
    for (const gone of [rejected.id, closed.id, withdrawn.id, merged.id, farAway.id, noSite.id]) expect(ids).not.toContain(gone)
    const byId = new Map(page.items.map((i) => [i.id, i]))
    expect(byId.get(overdue.id)).toMatchObject({ overdue: true, status: 'submitted' })
    expect(byId.get(submitted.id)).toMatchObject({ overdue: false, site: { lat, lng, address: 'henglin 工地' } })
    const acceptedItem = byId.get(accepted.id) as ClaimMapItem
    expect(acceptedItem.status).toBe('accepted')
    expect(acceptedItem.assignedToMe).toBe(true)
    expect(acceptedItem.closeDueAt).toEqual(expect.any(String))
    expect(acceptedItem.dueAt).toBe(acceptedItem.closeDueAt)

    expect((await mapOk(inspector, `${box}&status=accepted`)).items.map((i) => i.id)).toEqual([accepted.id])
    // The far claim is there when the box reaches it.
    expect((await mapOk(inspector, `bbox=${around(lat + 0.3, lng + 0.3, 0.01)}`)).items.map((i) => i.id)).toEqual([farAway.id])
    // A status that is not open is refused, naming the field.
    const closedStatus = await map(inspector, `${box}&status=closed`)
    expect(closedStatus.statusCode).toBe(400)
    expect(closedStatus.json<ErrorResponse>().error.details?.map((d) => d.field)).toContain('querystring.status')
  })

  it('sorts by urgency: overdue, then the nearest deadline', async () => {
    const inspector = await signInStaff(t, 'inspector', ['hengshanqiao'])
    const lat = 31.8133
    const lng = 120.1108
    const later = await at('hengshanqiao', lat, lng)
    const sooner = await at('hengshanqiao', lat + 0.001, lng)
    const late = await at('hengshanqiao', lat + 0.002, lng)
    await db().execute(sql`update claims set accept_due_at = now() + interval '1 day' where id = ${sooner.id}`)
    await db().execute(sql`update claims set accept_due_at = now() - interval '1 day' where id = ${late.id}`)
    const page = await mapOk(inspector, `bbox=${around(lat, lng, 0.01)}`)
    expect(page.items.map((i) => [i.id, i.overdue])).toEqual([
      [late.id, true],
      [sooner.id, false],
      [later.id, false],
    ])
  })

  it('carries no claimant data: no name, phone, ID number, co-workers or description', async () => {
    const inspector = await signInStaff(t, 'inspector', ['qishuyan'])
    const claim = await at('qishuyan', 31.7262, 120.0586, {
      claimant: { name: '欧阳明珠', phone: '13987654321', idNumber: '11010519491231002X' },
      coWorkers: [{ name: '司马小东', phone: '13700001111' }],
      workersCount: 2,
      description: '这段说明只给承办人看',
      consent: { privacyVersion: '2026-11', sensitiveInfo: true },
    })
    // The assignee of the claim may see the full PII on the claim's page — still not on the map.
    expect((await act(t, inspector, claim.id, { action: 'accept' })).statusCode).toBe(200)
    const response = await map(inspector, `bbox=${around(31.7262, 120.0586)}`)
    expect(response.statusCode).toBe(200)
    const body = response.body
    for (const secret of ['欧阳明珠', '13987654321', '3987', '4321', '11010519491231002X', '002X', '司马小东', '13700001111', '只给承办人看']) {
      expect(body).not.toContain(secret)
    }
    const item = response.json<ClaimMapResponse>().items.find((i) => i.id === claim.id) as ClaimMapItem
    expect(Object.keys(item).sort()).toEqual(ITEM_KEYS)
    expect(item).toMatchObject({ reference: claim.reference, town: 'qishuyan', workersCount: 2, amountOwedFen: claim.amountOwedFen })
  })

  it('refuses a bad bbox with 400 naming the field', async () => {
    const inspector = await signInStaff(t, 'inspector', ['yaoguan'])
    for (const query of [
      '', // missing
      'bbox=',
      'bbox=120.0,31.7,120.1',
      'bbox=120.0,31.7,120.1,abc',
      'bbox=120.0,31.7,,31.8',
      'bbox=120.0,95,120.1,96', // a latitude out of range
      'bbox=120.0,31.8,120.1,31.7', // south above north
      'bbox=120.1,31.7,120.0,31.8', // west east of east
      'bbox=-190,31.7,120.0,31.8',
    ]) {
      const response = await map(inspector, query)
      expect(response.statusCode, query).toBe(400)
      const error = response.json<ErrorResponse>().error
      expect(error.code).toBe('VALIDATION_FAILED')
      expect(error.details?.map((d) => d.field), query).toEqual(['querystring.bbox'])
    }
  })

  it('beyond the limit, answers with grid clusters that count every claim in view', async () => {
    const inspector = await signInStaff(t, 'inspector', ['yaoguan'])
    // Away from every other claim of this file (the default filing sits at 31.7416, 120.0932).
    const lat = 31.6
    const lng = 120.3
    // Two places 0.1° apart: three claims at one, two at the other, one of them overdue.
    const west = [await at('yaoguan', lat, lng), await at('yaoguan', lat + 0.0005, lng + 0.0005), await at('yaoguan', lat + 0.001, lng)]
    const east = [await at('yaoguan', lat, lng + 0.1), await at('yaoguan', lat + 0.0005, lng + 0.1)]
    await db().execute(sql`update claims set accept_due_at = now() - interval '1 day' where id = ${east[0]!.id}`)
    const box = `bbox=${lng - 0.15},${lat - 0.2},${lng + 0.25},${lat + 0.2}`

    const all = await mapOk(inspector, box)
    expect(all).toMatchObject({ total: 5, truncated: false, clusters: [], limit: 300 })
    expect(all.items).toHaveLength(5)

    const clustered = await mapOk(inspector, `${box}&limit=4`)
    expect(clustered).toMatchObject({ total: 5, truncated: true, items: [], limit: 4 })
    expect(clustered.cellDegrees).toBe(2 ** Math.floor(Math.log2(0.4 / 12)))
    const cell = clustered.cellDegrees as number
    expect(clustered.clusters.map((c) => [c.count, c.overdueCount])).toEqual([
      [3, 0],
      [2, 1],
    ])
    for (const [cluster, members] of [
      [clustered.clusters[0], west],
      [clustered.clusters[1], east],
    ] as const) {
      const c = cluster!
      expect(c.bounds.north - c.bounds.south).toBeCloseTo(cell, 12)
      // Each cluster sits at its claims' mean position, inside its cell.
      const meanLat = members.reduce((s, m) => s + m.site!.lat!, 0) / members.length
      const meanLng = members.reduce((s, m) => s + m.site!.lng!, 0) / members.length
      expect(c.lat).toBeCloseTo(meanLat, 9)
      expect(c.lng).toBeCloseTo(meanLng, 9)
      expect(c.lat >= c.bounds.south && c.lat <= c.bounds.north && c.lng >= c.bounds.west && c.lng <= c.bounds.east).toBe(true)
    }
    // Zooming into one cluster's cell lists its claims one by one.
    const b = clustered.clusters[0]!.bounds
    const inside = await mapOk(inspector, `bbox=${b.west},${b.south},${b.east},${b.north}&limit=4`)
    expect(inside.items.map((i) => i.id).sort()).toEqual(west.map((c) => c.id).sort())
    // The limit has a ceiling.
    expect((await map(inspector, `${box}&limit=301`)).statusCode).toBe(400)
  })

  it('reads the partial map index, never the whole table (EXPLAIN of the statements the endpoint runs)', async () => {
    // 20,000 claims far from the others, a tenth of them open, so the planner has figures to weigh.
    await db().execute(sql`
      insert into claims (reference, status, town, industry, claimant_name, employer_name, period_from, period_to,
        amount_owed_fen, workers_count, description, confidential, consent_privacy_version, consent_sensitive_info,
        consent_at, accept_due_at, site_lat, site_lng)
      select 'EXPLAIN-' || i, case when i % 10 = 0 then 'submitted' else 'closed' end,
        (array['yaoguan','henglin','hengshanqiao','lucheng','qishuyan','dingyan'])[1 + i % 6], 'other', 'x', 'y',
        '2026-01', '2026-01', 100, 1, 'z', false, '2026-11', false, now(), now(), 30 + (i % 100) * 0.001, 121 + (i % 77) * 0.001
      from generate_series(1, 20000) i`)
    await db().execute(sql`vacuum analyze claims`)
    const inspector = { id: '00000000-0000-4000-8000-000000000001', role: 'inspector' as const, towns: ['dingyan'] }
    const supervisor = { id: '00000000-0000-4000-8000-000000000002', role: 'supervisor' as const, towns: [] }
    const plans: string[] = []
    for (const actor of [inspector, supervisor]) {
      for (const bbox of ['120.9,29.9,121.2,30.2', '121.01,30.01,121.02,30.02']) {
        const filter = claimMapFilter(actor, { bbox })
        if (!filter) throw new Error('no statements')
        const statements = claimMapStatements(db(), filter)
        const explain = async (statement: SQL) => {
          const plan = await rawRows<Record<string, string>>(db(), sql`explain ${statement}`)
          const text = plan.map((r) => Object.values(r).join(' ')).join('\n')
          plans.push(text)
          expect(text).not.toMatch(/Seq Scan/)
          return text
        }
        // The claims in view: through the map index, or for a single town through its open claims.
        expect(await explain(statements.items.getSQL())).toMatch(/(using|on) (claims_map_idx|claims_town_status_idx)\b/)
        // The grid counts: the map index alone.
        expect(await explain(statements.clusters)).toMatch(/(using|on) claims_map_idx\b/)
      }
    }
    expect(plans).toHaveLength(8)
  })
})
