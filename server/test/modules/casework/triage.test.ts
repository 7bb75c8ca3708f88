import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { Claim, ClaimGroup, CreateClaimBody, TriageItem } from '@huxin/shared'
import { useTestApp } from '../../helpers/app'
import { signInWorker } from '../../helpers/auth'
import { DATABASE_KINDS } from '../../helpers/database'
import { act, fileAs, postAs, type SignedInStaff, signInStaff } from '../../helpers/staff'

interface TriagePage {
  items: TriageItem[]
  nextCursor: string | null
}

describe.each(DATABASE_KINDS)('triage and group cases on %s', (kind) => {
  const t = useTestApp(kind)

  const triage = async (s: SignedInStaff, query = '') => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/triage${query}`, headers: s.headers })
    expect(response.statusCode).toBe(200)
    return response.json<TriagePage>()
  }
  const db = () => t.database.handle.db
  const employer = (name: string): Partial<CreateClaimBody> => ({ employer: { name }, project: { name: `${name}工地` } })

  it('orders the queue by priority with reasons whose points add up, and pages through it without gaps or repeats', async () => {
    const inspector = await signInStaff(t, 'inspector', ['lucheng'])
    const town = { town: 'lucheng' as const }
    const plain = (await fileAs(t, { ...town, ...employer('甲单位'), amountOwedFen: 100_000, workersCount: 3 })).claim
    const big = (await fileAs(t, { ...town, ...employer('乙单位'), amountOwedFen: 50_000_000, workersCount: 3 })).claim
    // A group case the system can count: the claimant and five named co-workers (a declared
    // workersCount alone earns nothing until confirmed: triage-counted.test.ts).
    const sixNamed = ['甲', '乙', '丙', '丁', '戊'].map((n) => ({ name: `李${n}` }))
    const group = (await fileAs(t, { ...town, ...employer('丙单位'), amountOwedFen: 100_000, workersCount: 6, coWorkers: sixNamed })).claim
    const overdue = (await fileAs(t, { ...town, ...employer('丁单位'), amountOwedFen: 100_000, workersCount: 3 })).claim
    const national = (await fileAs(t, { ...town, ...employer('戊单位'), amountOwedFen: 100_000, workersCount: 3 })).claim
    await db().execute(sql`update claims set accept_due_at = now() - interval '3 days' where id = ${overdue.id}`)
    await db().execute(sql`update claims set source = 'national_platform' where id = ${national.id}`)
    // Another town's claim never shows.
    await fileAs(t, { town: 'dingyan', ...employer('己单位'), workersCount: 9 })

    const page = await triage(inspector, '?limit=50')
    expect(page.items.map((i) => i.id)).toEqual([group.id, overdue.id, national.id, big.id, plain.id])
    for (const item of page.items) {
      expect(item.reasons.reduce((sum, r) => sum + r.points, 0)).toBe(item.priority)
      expect(item.status).toBe('submitted')
    }
    const byId = new Map(page.items.map((i) => [i.id, i]))
    expect(byId.get(group.id)?.reasons.map((r) => r.code)).toContain('group_case')
    expect(byId.get(group.id)?.isGroupCase).toBe(true)
    const overdueReason = byId.get(overdue.id)?.reasons.find((r) => r.code === 'overdue')
    expect(overdueReason?.workingDaysLeft).toBeLessThan(0)
    expect(overdueReason?.label).toContain('已超过受理期限')
    expect(byId.get(national.id)?.reasons.map((r) => r.code)).toContain('national_dispatch')
    expect(byId.get(big.id)?.reasons.find((r) => r.code === 'amount')?.points).toBe(100)
    const deadline = byId.get(plain.id)?.reasons.find((r) => r.code === 'deadline')
    expect(deadline?.workingDaysLeft).toBe(5)
    expect(deadline?.label).toBe('距受理期限还剩 5 个工作日')

    // Two at a time: the same order, each claim once, then the end.
    const walked: string[] = []
    let cursor: string | null = null
    do {
      const next: TriagePage = await triage(inspector, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      walked.push(...next.items.map((i) => i.id))
      cursor = next.nextCursor
    } while (cursor)
    expect(walked).toEqual(page.items.map((i) => i.id))

    // Filters: overdue, source, employer (name typed differently), and accepted claims leave.
    expect((await triage(inspector, '?overdue=true')).items.map((i) => i.id)).toEqual([overdue.id])
    expect((await triage(inspector, '?source=national_platform')).items.map((i) => i.id)).toEqual([national.id])
    expect((await triage(inspector, `?employer=${encodeURIComponent('乙 单位')}`)).items.map((i) => i.id)).toEqual([big.id])
    await act(t, inspector, group.id, { action: 'accept' })
    expect((await triage(inspector)).items.map((i) => i.id)).not.toContain(group.id)
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/triage?cursor=nonsense', headers: inspector.headers })
    expect(bad.statusCode).toBe(400)
  })

  it("counts the national platform's deadline when it comes before the acceptance deadline", async () => {
    const inspector = await signInStaff(t, 'inspector', ['qishuyan'])
    const town = { town: 'qishuyan' as const }
    const dispatched = (await fileAs(t, { ...town, ...employer('辛单位'), workersCount: 1, coWorkers: [] })).claim
    const local = (await fileAs(t, { ...town, ...employer('壬单位'), workersCount: 1, coWorkers: [] })).claim
    // Dispatched by the platform with a deadline already past; our own five working days are not.
    await db().execute(
      sql`update claims set source = 'national_platform', national_due_at = now() - interval '1 day' where id = ${dispatched.id}`,
    )
    const items = (await triage(inspector)).items
    expect(items.map((i) => i.id)).toEqual([dispatched.id, local.id])
    expect(items[0]?.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['overdue', 'national_dispatch']))
    expect((await triage(inspector, '?overdue=true')).items.map((i) => i.id)).toEqual([dispatched.id])
    // A later platform deadline changes nothing: our own comes first.
    await db().execute(sql`update claims set national_due_at = now() + interval '30 days' where id = ${dispatched.id}`)
    const later = (await triage(inspector)).items.find((i) => i.id === dispatched.id)
    expect(later?.reasons.find((r) => r.code === 'deadline')?.workingDaysLeft).toBe(5)
  })

  it('flags repeat and blacklisted employers', async () => {
    const inspector = await signInStaff(t, 'inspector', ['hengshanqiao'])
    const base = { town: 'hengshanqiao' as const, employer: { name: '庚建设有限公司' }, workersCount: 1, coWorkers: [] }
    const first = (await fileAs(t, { ...base, project: { name: '一号楼' } })).claim
    const second = (await fileAs(t, { ...base, project: { name: '二号楼' } })).claim
    const items = (await triage(inspector)).items
    expect(items.find((i) => i.id === first.id)?.reasons.map((r) => r.code)).toContain('repeat_employer')
    expect(first.groupId).not.toBe(second.groupId) // other project, other group
    await db().execute(sql`update employers set blacklist_status = 'listed' where key = 'nm:庚建设#公司'`)
    const after = (await triage(inspector)).items.find((i) => i.id === second.id)
    expect(after?.reasons.map((r) => r.code)).toContain('blacklisted_employer')
  })

  it('joins claims against one employer and project into a group; 5 workers make a group case', async () => {
    const inspector = await signInStaff(t, 'inspector', ['qishuyan'])
    const base = { town: 'qishuyan' as const, coWorkers: [] }
    // Each claimant of two names one co-worker: 2 + 2 + 1 workers the system can count.
    const oneNamed = [{ name: '周六' }]
    // One employer typed three ways by three workers: spaces, full-width brackets, 有限责任公司.
    const a = (await fileAs(t, { ...base, employer: { name: '常州 宏达建筑（集团）有限公司' }, project: { name: '宏达花园' }, workersCount: 2, coWorkers: oneNamed })).claim
    expect(a.isGroupCase).toBe(false)
    const b = (await fileAs(t, { ...base, employer: { name: '常州宏达建筑(集团)有限责任公司' }, project: { name: '宏达 花园' }, workersCount: 2, coWorkers: oneNamed })).claim
    expect(b.groupId).toBe(a.groupId)
    expect(b.isGroupCase).toBe(false)
    const c = (await fileAs(t, { ...base, employer: { name: '常州宏达建筑集团公司' }, project: { name: '宏达花园' }, workersCount: 1 })).claim
    expect(c.groupId).toBe(a.groupId)
    expect(c.groupWorkersCount).toBe(5)
    expect(c.isGroupCase).toBe(true)
    // A 股份有限公司 of the same trade name is another legal person: another group.
    const other = (await fileAs(t, { ...base, employer: { name: '常州宏达建筑集团股份有限公司' }, project: { name: '宏达花园' }, workersCount: 1 })).claim
    expect(other.groupId).not.toBe(a.groupId)

    const items = (await triage(inspector)).items
    expect(items.slice(0, 3).map((i) => i.id).sort()).toEqual([a.id, b.id, c.id].sort())
    expect(items.slice(0, 3).every((i) => i.reasons.some((r) => r.code === 'group_case'))).toBe(true)

    const group = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${a.id}/group`, headers: inspector.headers })
    expect(group.json<ClaimGroup>()).toMatchObject({ id: a.groupId, claims: 3, workersCount: 5, isGroupCase: true })

    // Staff split one claim out: the group falls under 5 and is no longer a group case.
    const split = await t.app.inject({ method: 'POST', url: `/api/v1/claims/${b.id}/split`, headers: inspector.headers, payload: {} })
    expect(split.statusCode).toBe(200)
    expect(split.json<Claim>().groupId).not.toBe(a.groupId)
    const after = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${a.id}/group`, headers: inspector.headers })
    expect(after.json<ClaimGroup>()).toMatchObject({ claims: 2, workersCount: 3, isGroupCase: false })
    expect(split.json<Claim>().events?.at(-1)?.type).toBe('split')
  })

  it('offers the same claimant against the same employer as a duplicate; merge and split are recorded', async () => {
    const inspector = await signInStaff(t, 'inspector', ['henglin'])
    const worker = await signInWorker(t)
    const base = { town: 'henglin' as const, employer: { name: '辛劳务公司' }, workersCount: 1, coWorkers: [] }
    const first = (await fileAs(t, base, worker)).claim
    const second = (await fileAs(t, { ...base, project: { name: '另一工地' } }, worker)).claim
    const stranger = (await fileAs(t, { ...base, claimant: { name: '张三', phone: '13700001111' } })).claim
    const dupes = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${second.id}/duplicates`, headers: inspector.headers })
    expect(dupes.json<{ items: { id: string }[] }>().items.map((d) => d.id)).toEqual([first.id])
    expect(stranger.id).toBeDefined()

    const merge = await postAs(t, inspector, `/api/v1/claims/${second.id}/merge`, { intoClaimId: first.id })
    expect(merge.statusCode).toBe(200)
    expect(merge.json<Claim>().mergedIntoId).toBe(first.id)
    expect((await triage(inspector)).items.map((i) => i.id)).not.toContain(second.id)
    const target = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${first.id}`, headers: inspector.headers })
    expect(target.json<Claim>().events?.map((e) => e.type)).toContain('merge_received')
    const again = await postAs(t, inspector, `/api/v1/claims/${second.id}/merge`, { intoClaimId: first.id })
    expect(again.statusCode).toBe(409)
    const unmerge = await t.app.inject({ method: 'POST', url: `/api/v1/claims/${second.id}/split`, headers: inspector.headers, payload: {} })
    expect(unmerge.json<Claim>().mergedIntoId).toBeUndefined()
    expect((await triage(inspector)).items.map((i) => i.id)).toContain(second.id)
  })
})
