import { describe, expect, it } from 'vitest'
import { MAX_AMOUNT_FEN, type Claim, type ClaimDetail, type ErrorResponse, type TriageItem } from '@huxin/shared'
import { useTestApp } from '../../helpers/app'
import { signInWorker } from '../../helpers/auth'
import { DATABASE_KINDS } from '../../helpers/database'
import { fileAs, postAs, signInStaff, type SignedInStaff } from '../../helpers/staff'

/**
 * Triage weighs workers the system can count, and a declared workersCount only once an inspector
 * confirmed it (issue 13, finding 5; docs/security.md).
 */
describe.each(DATABASE_KINDS)('triage on counted workers on %s', (kind) => {
  const t = useTestApp(kind)

  const triage = async (s: SignedInStaff, limit = 20) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/triage?limit=${limit}`, headers: s.headers })
    expect(response.statusCode).toBe(200)
    return response.json<{ items: TriageItem[] }>().items
  }

  it('a flood of claims declaring 10,000 workers does not take the top slots; confirmed counts and counted workers do', async () => {
    const inspector = await signInStaff(t, 'inspector', ['hengshanqiao'])
    const town = 'hengshanqiao' as const
    // One worker, 25 claims, the largest amount, 10,000 declared workers, nobody named.
    const flooder = await signInWorker(t)
    const flood: Claim[] = []
    for (let i = 0; i < 25; i++) {
      flood.push(
        (
          await fileAs(
            t,
            { town, employer: { name: `刷单公司${i % 3}` }, project: { name: '某工地' }, amountOwedFen: MAX_AMOUNT_FEN, workersCount: 10_000, coWorkers: [] },
            flooder,
          )
        ).claim,
      )
    }
    // Honest group cases: one claimant naming five co-workers; five claimants of one employer and project.
    const named = (
      await fileAs(t, {
        town,
        employer: { name: '真实建筑公司' },
        project: { name: '一号工地' },
        amountOwedFen: 3_000_000,
        workersCount: 6,
        coWorkers: ['甲', '乙', '丙', '丁', '戊'].map((name) => ({ name: `王${name}` })),
      })
    ).claim
    const together: Claim[] = []
    for (let i = 0; i < 5; i++) {
      together.push((await fileAs(t, { town, employer: { name: '真实劳务公司' }, project: { name: '二号工地' }, amountOwedFen: 500_000, workersCount: 1, coWorkers: [] })).claim)
    }

    const top = await triage(inspector, 6)
    expect(top.map((i) => i.id).sort()).toEqual([named.id, ...together.map((c) => c.id)].sort())
    expect(top.every((i) => i.reasons.some((r) => r.code === 'group_case'))).toBe(true)
    expect(top.find((i) => i.id === named.id)?.reasons.find((r) => r.code === 'group_case')?.label).toBe('群体性案件（可核实 6 人）')
    // The flood's declared figure is still shown, but earns no group-case points.
    const floodItems = (await triage(inspector, 50)).filter((i) => flood.some((c) => c.id === i.id))
    expect(floodItems).toHaveLength(25)
    expect(floodItems.every((i) => i.workersCount === 10_000 && !i.reasons.some((r) => r.code === 'group_case'))).toBe(true)

    // An inspector confirms one claim's count: the declared figure now counts (confirmed: 40).
    const target = flood[0]!
    const confirmed = await postAs(t, inspector, `/api/v1/claims/${target.id}/workers-count`, { confirmedCount: 40, note: '现场核对花名册' })
    expect(confirmed.statusCode).toBe(200)
    expect(confirmed.json<Claim>()).toMatchObject({ workersCount: 10_000, workersCountConfirmed: 40 })
    const item = (await triage(inspector, 50)).find((i) => i.id === target.id)
    expect(item?.reasons.find((r) => r.code === 'group_case')?.label).toBe('群体性案件（可核实 40 人）')
    expect(item?.workersCountConfirmed).toBe(40)
    expect(item?.reasons.reduce((sum, r) => sum + r.points, 0)).toBe(item?.priority)

    // Audited, shown with the declared figure; the same confirmation again adds no second event.
    expect((await postAs(t, inspector, `/api/v1/claims/${target.id}/workers-count`, { confirmedCount: 40 })).statusCode).toBe(200)
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${target.id}`, headers: inspector.headers })).json<ClaimDetail>()
    const events = detail.events?.filter((e) => e.type === 'workers_count_confirmed') ?? []
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ visibility: 'internal', actorId: inspector.id, note: '核实涉及人数 40 人（申报 10000 人）：现场核对花名册' })
    // The worker sees both figures on their claim, but not the internal event.
    const own = (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${target.id}`, headers: flooder.headers })).json<ClaimDetail>()
    expect(own).toMatchObject({ workersCount: 10_000, workersCountConfirmed: 40 })
    expect(own.events?.map((e) => e.type)).not.toContain('workers_count_confirmed')
  })

  it('refuses a bad count naming the field, workers (403) and staff of another town (404)', async () => {
    const inspector = await signInStaff(t, 'inspector', ['henglin'])
    const elsewhere = await signInStaff(t, 'inspector', ['lucheng'])
    const { claim, worker } = await fileAs(t, { town: 'henglin' })
    for (const payload of [{ confirmedCount: 0 }, { confirmedCount: 1.5 }, { confirmedCount: 10_001 }, {}, { confirmedCount: '5' }]) {
      const response = await postAs(t, inspector, `/api/v1/claims/${claim.id}/workers-count`, payload)
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
      expect(JSON.stringify(response.json<ErrorResponse>().error.details)).toContain('confirmedCount')
    }
    const byWorker = await t.app.inject({ method: 'POST', url: `/api/v1/claims/${claim.id}/workers-count`, headers: worker.headers, payload: { confirmedCount: 3 } })
    expect(byWorker.statusCode).toBe(403)
    expect((await postAs(t, elsewhere, `/api/v1/claims/${claim.id}/workers-count`, { confirmedCount: 3 })).statusCode).toBe(404)
  })

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, unknown>> }>()
    expect(doc.paths['/api/v1/claims/{id}/workers-count']?.post).toBeDefined()
    expect(doc.paths['/api/v1/claims/{id}/rating']?.post).toBeDefined()
    expect(JSON.stringify(doc.paths['/api/v1/claims/']?.post ?? doc.paths['/api/v1/claims']?.post)).toContain('429')
  })
})
