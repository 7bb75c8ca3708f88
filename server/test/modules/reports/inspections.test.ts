import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { employerKey, type Claim, type Draw } from '@huxin/shared'
import { useTestApp } from '../../helpers/app'
import { newKey } from '../../helpers/claims'
import { DATABASE_KINDS } from '../../helpers/database'
import { creditCodeOf } from '../../helpers/register'
import { act, signInStaff, type SignedInStaff } from '../../helpers/staff'

/** The draw's published method, written out again here: the lowest sha256(seed:key) scores. */
function expectedDraw(seed: string, keys: string[], count: number): string[] {
  const score = (key: string) => createHash('sha256').update(`${seed}:${key}`).digest('hex')
  return [...keys].sort((a, b) => (score(a) < score(b) ? -1 : 1)).slice(0, count)
}

describe.each(DATABASE_KINDS)('inspections on %s', (kind) => {
  const t = useTestApp(kind)
  let admin: SignedInStaff
  let supervisor: SignedInStaff
  let inspector: SignedInStaff
  const keys: string[] = []
  beforeAll(async () => {
    admin = await signInStaff(t, 'admin', [])
    supervisor = await signInStaff(t, 'supervisor', ['lucheng'])
    inspector = await signInStaff(t, 'inspector', ['lucheng'])
    for (let i = 1; i <= 12; i++) {
      const creditCode = creditCodeOf(7_000 + i)
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/employers',
        headers: admin.headers,
        payload: { name: `潞城抽查测试${i}号有限公司`, creditCode, town: 'lucheng', industry: 'manufacturing' },
      })
      expect(response.statusCode).toBe(201)
      keys.push(employerKey({ name: '', creditCode }))
    }
    // An employer of another town stays out of a draw limited to lucheng.
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/employers',
      headers: admin.headers,
      payload: { name: '横林抽查测试有限公司', creditCode: creditCodeOf(7_100), town: 'henglin', industry: 'services' },
    })
  })
  const draw = (who: SignedInStaff, payload: object, key = newKey()) =>
    t.app.inject({ method: 'POST', url: '/api/v1/inspections/draws', headers: { ...who.headers, 'idempotency-key': key }, payload })

  it('draws N employers reproducibly from the stored seed; each becomes a case; a retry draws nothing new', async () => {
    const key = newKey()
    const first = await draw(supervisor, { count: 4, town: 'lucheng', seed: 'fair-draw-2026-12' }, key)
    expect(first.statusCode).toBe(201)
    const result = first.json<Draw>()
    expect(result.poolSize).toBe(12)
    expect(result.poolDigest).toBe(createHash('sha256').update([...keys].sort().join('\n')).digest('hex'))
    expect(result.employers.map((e) => e.key)).toEqual(expectedDraw('fair-draw-2026-12', keys, 4))
    expect(result.cases).toHaveLength(4)
    for (const c of result.cases) expect(c).toMatchObject({ caseType: 'inspection', status: 'investigating', town: 'lucheng', drawId: result.id })

    const replay = await draw(supervisor, { count: 4, town: 'lucheng', seed: 'fair-draw-2026-12' }, key)
    expect(replay.json<Draw>().id).toBe(result.id)
    expect(replay.headers['idempotent-replayed']).toBe('true')

    // The same seed on the same register gives the same employers, in the same order.
    const again = (await draw(supervisor, { count: 4, town: 'lucheng', seed: 'fair-draw-2026-12' })).json<Draw>()
    expect(again.id).not.toBe(result.id)
    expect(again.employers).toEqual(result.employers)

    // Without a seed the server picks one and stores it: the draw can still be checked.
    const unseeded = (await draw(supervisor, { count: 3 })).json<Draw>()
    expect(unseeded.seed).toMatch(/^[0-9a-f]{32}$/)
    expect(unseeded.employers.map((e) => e.key)).toEqual(expectedDraw(unseeded.seed, keys, 3))
    const shown = await t.app.inject({ method: 'GET', url: `/api/v1/inspections/draws/${unseeded.id}`, headers: inspector.headers })
    expect(shown.json<Draw>()).toMatchObject({ seed: unseeded.seed, poolDigest: unseeded.poolDigest, employers: unseeded.employers })
    expect(shown.json<Draw>().cases).toHaveLength(3)

    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${result.cases[0]!.id}`, headers: inspector.headers })
    expect(detail.json<Claim>()).toMatchObject({ caseType: 'inspection', source: 'inspection', inspectionDrawId: result.id })
  })

  it('refuses draws by inspectors, bad counts and an empty register', async () => {
    expect((await draw(inspector, { count: 2 })).statusCode).toBe(403)
    const zero = await draw(supervisor, { count: 0 })
    expect(zero.statusCode).toBe(400)
    expect(zero.body).toContain('count')
    const outside = await draw(supervisor, { count: 1, town: 'henglin' })
    expect(outside.statusCode).toBe(403)
    const empty = await draw(admin, { count: 1, town: 'dingyan' })
    expect(empty.statusCode).toBe(409)
  })

  it('an inspection by hand; child labour goes to the police on its facts, without an order to pay', async () => {
    const open = (payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/v1/inspections', headers: { ...inspector.headers, 'idempotency-key': newKey() }, payload })
    const created = await open({ employer: { name: '潞城某电子厂' }, town: 'lucheng', kind: 'child_labour', description: '巡查发现疑似使用童工' })
    expect(created.statusCode).toBe(201)
    const c = created.json<Claim>()
    expect(c).toMatchObject({ caseType: 'inspection', reportKind: 'child_labour', status: 'investigating', amountOwedFen: 0 })
    const noNote = await act(t, inspector, c.id, { action: 'transfer_police' })
    expect(noNote.statusCode).toBe(400)
    expect(noNote.body).toContain('note')
    const moved = await act(t, inspector, c.id, { action: 'transfer_police', note: '现场查见 2 名未满 16 周岁人员' })
    expect(moved.statusCode).toBe(200)
    expect(moved.json<Claim>().status).toBe('transferred_police')

    // A wage inspection keeps the Art. 276-1 gate: no order served, no transfer.
    const wages = (await open({ employer: { name: '潞城某建筑公司' }, town: 'lucheng', description: '工资支付情况检查' })).json<Claim>()
    const gate = await act(t, inspector, wages.id, { action: 'transfer_police', note: 'x', unpaidProof: 'x' })
    expect(gate.statusCode).toBe(409)

    const outside = await t.app.inject({
      method: 'POST',
      url: '/api/v1/inspections',
      headers: { ...inspector.headers, 'idempotency-key': newKey() },
      payload: { employer: { name: '横林某厂' }, town: 'henglin', description: '检查' },
    })
    expect(outside.statusCode).toBe(403)
  })

  it('figures count complaints and reports by kind and channel, and the inspected firms', async () => {
    const stats = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/stats?town=lucheng', headers: admin.headers })).json<{
        byKind: Record<string, number>
        byChannel: Record<string, number>
        reportsReceived: number
        inspectionsOpened: number
        inspectedFirms: number
      }>()
    const before = await stats()
    const report = (payload: object, headers: Record<string, string> = supervisor.headers) =>
      t.app.inject({ method: 'POST', url: '/api/v1/reports', headers: { ...headers, 'idempotency-key': newKey() }, payload })
    const base = { employer: { name: '潞城统计测试公司' }, town: 'lucheng', description: '举报内容' }
    expect((await report({ ...base, kind: 'obstruction', anonymous: true, channel: 'letter' })).statusCode).toBe(201)
    expect((await report({ ...base, kind: 'obstruction', anonymous: false, reporter: { name: '张' }, channel: 'walk_in' })).statusCode).toBe(201)
    expect((await report({ ...base, kind: 'wages', anonymous: true }, {})).statusCode).toBe(201)
    const after = await stats()
    expect(after.byKind.obstruction! - before.byKind.obstruction!).toBe(2)
    expect(after.byKind.wages! - before.byKind.wages!).toBe(1)
    expect(after.byChannel.letter! - before.byChannel.letter!).toBe(1)
    expect(after.byChannel.walk_in! - before.byChannel.walk_in!).toBe(1)
    expect(after.byChannel.miniprogram! - before.byChannel.miniprogram!).toBe(1)
    expect(after.reportsReceived - before.reportsReceived).toBe(3)
    // Inspections are not complaints or reports: counted apart, with the distinct employers.
    expect(after.inspectionsOpened).toBe(before.inspectionsOpened)
    expect(after.inspectedFirms).toBeGreaterThan(0)
    expect(after.inspectedFirms).toBeLessThanOrEqual(after.inspectionsOpened)

    await t.app.inject({ method: 'POST', url: '/api/v1/inspections', headers: { ...inspector.headers, 'idempotency-key': newKey() }, payload: { employer: { name: '潞城统计测试公司' }, town: 'lucheng', description: '复查' } })
    await t.app.inject({ method: 'POST', url: '/api/v1/inspections', headers: { ...inspector.headers, 'idempotency-key': newKey() }, payload: { employer: { name: '潞城统计测试公司' }, town: 'lucheng', description: '再复查' } })
    const later = await stats()
    expect(later.inspectionsOpened - after.inspectionsOpened).toBe(2)
    expect(later.inspectedFirms - after.inspectedFirms).toBe(1)

    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/stats.csv?town=lucheng', headers: admin.headers })
    const lines = csv.body.replace('\uFEFF', '').trim().split('\r\n')
    const header = lines[0]
    const values = lines.find((line) => line.startsWith('合计,'))
    const column = header!.split(',').indexOf('按类别：阻挠劳动保障监察')
    expect(column).toBeGreaterThan(0)
    expect(Number(values!.split(',')[column])).toBe(later.byKind.obstruction)
  })
})
