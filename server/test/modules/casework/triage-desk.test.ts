import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { TriageCounts, TriageItem, TriagePriority } from '@huxin/shared'
import { useTestApp } from '../../helpers/app'
import { DATABASE_KINDS } from '../../helpers/database'
import { act, fileAs, type SignedInStaff, signInStaff } from '../../helpers/staff'

interface TriagePage {
  items: TriageItem[]
  nextCursor: string | null
}

describe.each(DATABASE_KINDS)("the inspector's desk: search, sort, counts on %s", (kind) => {
  const t = useTestApp(kind)
  const db = () => t.database.handle.db

  const get = (s: SignedInStaff, url: string) => t.app.inject({ method: 'GET', url, headers: s.headers })
  const triage = async (s: SignedInStaff, query = '') => {
    const response = await get(s, `/api/v1/triage${query}`)
    expect(response.statusCode, response.body).toBe(200)
    return response.json<TriagePage>()
  }
  /** Every page of one walk through the queue, following the cursors. */
  const walk = async (s: SignedInStaff, query: string) => {
    const ids: TriageItem[] = []
    let cursor: string | null = null
    do {
      const page: TriagePage = await triage(s, `${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ids.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    return ids
  }

  it('finds a claim by reference, employer, claimant name, full phone (keyed hash) and last four digits', async () => {
    const inspector = await signInStaff(t, 'inspector', ['yaoguan'])
    const town = { town: 'yaoguan' as const }
    const a = (await fileAs(t, { ...town, claimant: { name: '孙红梅', phone: '13955501234' }, employer: { name: '牛塘星光服装厂' } })).claim
    const b = (await fileAs(t, { ...town, claimant: { name: '周大勇', phone: '13766604321' }, employer: { name: '常州恒达建材有限公司' } })).claim
    // The same name in another town stays out of reach.
    await fileAs(t, { town: 'dingyan', claimant: { name: '孙红梅', phone: '13955501234' }, employer: { name: '牛塘星光服装厂' } })

    const ids = async (q: string) => (await triage(inspector, `?q=${encodeURIComponent(q)}`)).items.map((i) => i.id)
    expect(await ids('孙红梅')).toEqual([a.id])
    expect(await ids('红梅')).toEqual([a.id])
    expect(await ids('恒达')).toEqual([b.id])
    expect(await ids(b.reference)).toEqual([b.id])
    expect(await ids(b.reference.toLowerCase())).toEqual([b.id])
    expect(await ids('137 6660 4321')).toEqual([b.id])
    expect(await ids('+8613955501234')).toEqual([a.id])
    expect(await ids('4321')).toEqual([b.id])
    expect(await ids('13900000000')).toEqual([])
    // LIKE's wildcards are text, not patterns.
    expect(await ids('%')).toEqual([])
    expect(await ids('_')).toEqual([])
    // The phone is matched by its keyed hash: the stored column is never plain text.
    const stored = await t.database.handle.query<{ claimant_phone_hash: string }>('select claimant_phone_hash from claims where id = $1', [b.id])
    expect(stored.rows[0]?.claimant_phone_hash).not.toContain('13766604321')
    expect(stored.rows[0]?.claimant_phone_hash).toBe(t.app.pii.hash('13766604321'))
  })

  it('sorts by deadline, amount, workers, reference and employer, both ways, paging each without gaps or repeats', async () => {
    const inspector = await signInStaff(t, 'inspector', ['lucheng'])
    const town = { town: 'lucheng' as const }
    const filed = []
    for (const [i, name] of ['乙', '丁', '甲', '丙', '戊'].entries()) {
      filed.push((await fileAs(t, { ...town, employer: { name: `${name}公司` }, amountOwedFen: [300_000, 100_000, 500_000, 200_000, 400_000][i] ?? 1, workersCount: i + 3 })).claim)
    }
    // Distinct deadlines, not in filing order.
    for (const [i, claim] of filed.entries()) {
      await db().execute(sql`update claims set accept_due_at = now() + make_interval(hours => ${[30, 10, 50, 20, 40][i] ?? 0}) where id = ${claim.id}`)
    }
    const all = (await triage(inspector, '?limit=100')).items
    expect(all).toHaveLength(5)

    const byAmountDesc = await walk(inspector, '?sort=amount')
    expect(byAmountDesc.map((i) => i.amountOwedFen)).toEqual([500_000, 400_000, 300_000, 200_000, 100_000])
    const byAmountAsc = await walk(inspector, '?sort=amount&order=asc')
    expect(byAmountAsc.map((i) => i.amountOwedFen)).toEqual([100_000, 200_000, 300_000, 400_000, 500_000])
    const byDeadline = await walk(inspector, '?sort=deadline')
    const dues = byDeadline.map((i) => Date.parse(i.acceptDueAt))
    expect(dues).toEqual([...dues].sort((x, y) => x - y))
    expect(byDeadline.map((i) => i.id)).toEqual([filed[1]?.id, filed[3]?.id, filed[0]?.id, filed[4]?.id, filed[2]?.id])
    expect((await walk(inspector, '?sort=workers')).map((i) => i.workersCount)).toEqual([7, 6, 5, 4, 3])
    const refs = (await walk(inspector, '?sort=reference')).map((i) => i.reference)
    expect(refs).toEqual(all.map((i) => i.reference).sort())
    const employers = (await walk(inspector, '?sort=employer&order=desc')).map((i) => i.employer.name)
    expect(new Set(employers).size).toBe(5)
    expect((await walk(inspector, '?sort=employer&order=asc')).map((i) => i.employer.name)).toEqual([...employers].reverse())

    // A cursor belongs to its sort: replayed under another one it is refused, naming the field.
    const first = await triage(inspector, '?sort=amount&limit=2')
    const replay = await get(inspector, `/api/v1/triage?sort=deadline&limit=2&cursor=${first.nextCursor}`)
    expect(replay.statusCode).toBe(400)
    expect(replay.body).toContain('querystring.cursor')
    const forged = Buffer.from(JSON.stringify({ sort: 'amount', dir: 'desc', key: '99999999999999999999', id: filed[0]?.id, asOf: new Date().toISOString() })).toString('base64url')
    expect((await get(inspector, `/api/v1/triage?sort=amount&cursor=${forged}`)).statusCode).toBe(400)
    expect((await get(inspector, '/api/v1/triage?sort=nonsense')).statusCode).toBe(400)
  })

  it('counts received today, awaiting and overdue claims in the caller’s towns only', async () => {
    const inspector = await signInStaff(t, 'inspector', ['qishuyan'])
    const counts = async () => {
      const response = await get(inspector, '/api/v1/triage/counts')
      expect(response.statusCode).toBe(200)
      return response.json<TriageCounts>()
    }
    expect(await counts()).toEqual({ receivedToday: 0, awaiting: 0, overdue: 0, towns: ['qishuyan'] })
    const town = { town: 'qishuyan' as const }
    const fresh = (await fileAs(t, town)).claim
    const late = (await fileAs(t, town)).claim
    const old = (await fileAs(t, town)).claim
    await fileAs(t, { town: 'dingyan' })
    // Filed three days ago (Asia/Shanghai), now past its deadline.
    await db().execute(sql`update claims set created_at = now() - interval '3 days', accept_due_at = now() - interval '1 hour' where id = ${late.id}`)
    await db().execute(sql`update claims set created_at = now() - interval '3 days' where id = ${old.id}`)
    expect(await counts()).toEqual({ receivedToday: 1, awaiting: 3, overdue: 1, towns: ['qishuyan'] })
    // Accepted today: no longer awaiting, still received today.
    expect((await act(t, inspector, fresh.id, { action: 'accept' })).statusCode).toBe(200)
    expect(await counts()).toEqual({ receivedToday: 1, awaiting: 2, overdue: 1, towns: ['qishuyan'] })
    const other = await signInStaff(t, 'inspector', ['hengshanqiao'])
    const theirs = await get(other, '/api/v1/triage/counts')
    expect(theirs.json<TriageCounts>()).toEqual({ receivedToday: 0, awaiting: 0, overdue: 0, towns: ['hengshanqiao'] })
  })

  it("gives one claim's priority and reasons for the claim page, whatever its status, and 404 outside the towns", async () => {
    const inspector = await signInStaff(t, 'inspector', ['henglin'])
    const claim = (await fileAs(t, { town: 'henglin', amountOwedFen: 50_000_000 })).claim
    const queued = (await triage(inspector, `?q=${claim.reference}`)).items[0]
    const response = await get(inspector, `/api/v1/triage/claims/${claim.id}`)
    expect(response.statusCode).toBe(200)
    const one = response.json<TriagePriority>()
    expect(one.priority).toBe(queued?.priority)
    expect(one.reasons).toEqual(queued?.reasons)
    expect((await act(t, inspector, claim.id, { action: 'accept' })).statusCode).toBe(200)
    expect((await get(inspector, `/api/v1/triage/claims/${claim.id}`)).statusCode).toBe(200)
    const stranger = await signInStaff(t, 'inspector', ['dingyan'])
    expect((await get(stranger, `/api/v1/triage/claims/${claim.id}`)).statusCode).toBe(404)
    expect((await get(stranger, '/api/v1/triage/claims/not-a-uuid')).statusCode).toBe(400)
  })

  it('refuses an admin disabling or demoting itself with a 409 naming the reason', async () => {
    const admin = await signInStaff(t, 'admin', [])
    const response = await t.app.inject({ method: 'PATCH', url: `/api/v1/admin/users/${admin.id}`, headers: admin.headers, payload: { disabled: true } })
    expect(response.statusCode).toBe(409)
    expect(response.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'SELF_LOCKOUT' })
    expect(response.body).toContain('不能停用自己的账号')
  })
})
