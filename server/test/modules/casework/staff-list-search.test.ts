/**
 * The staff claims list (`GET /claims?assignee=me&q=…`, the desk's 我负责的 tab) searches as the
 * desk's queue does: part of a reference, employer or claimant name; a full phone by its keyed
 * hash; the last four digits. Other towns stay out of reach.
 */
import { describe, expect, it } from 'vitest'
import type { Claim } from '@huxin/shared'
import { useTestApp } from '../../helpers/app'
import { DATABASE_KINDS } from '../../helpers/database'
import { act, fileAs, signInStaff } from '../../helpers/staff'

describe.each(DATABASE_KINDS)("the staff list's search (我负责的) on %s", (kind) => {
  const t = useTestApp(kind)

  it('finds my claims by claimant name and phone as well as reference and employer', async () => {
    const inspector = await signInStaff(t, 'inspector', ['lucheng'])
    const town = { town: 'lucheng' as const }
    const a = (await fileAs(t, { ...town, claimant: { name: '钱秀兰', phone: '13955507788' }, employer: { name: '牛塘顺发纸箱厂' } })).claim
    const b = (await fileAs(t, { ...town, claimant: { name: '冯志刚', phone: '13766602468' }, employer: { name: '常州宏图钢构有限公司' } })).claim
    const notMine = (await fileAs(t, { ...town, claimant: { name: '钱秀兰', phone: '13955507788' }, employer: { name: '牛塘顺发纸箱厂' } })).claim
    for (const claim of [a, b]) {
      const assigned = await t.app.inject({ method: 'POST', url: `/api/v1/claims/${claim.id}/assign`, headers: inspector.headers, payload: { inspectorId: inspector.id } })
      expect(assigned.statusCode, assigned.body).toBe(200)
    }
    expect((await act(t, inspector, b.id, { action: 'accept' })).statusCode).toBe(200)

    const ids = async (q: string) => {
      const response = await t.app.inject({ method: 'GET', url: `/api/v1/claims?assignee=me&q=${encodeURIComponent(q)}`, headers: inspector.headers })
      expect(response.statusCode, response.body).toBe(200)
      return response.json<{ items: Claim[] }>().items.map((c) => c.id)
    }
    expect(await ids('秀兰')).toEqual([a.id])
    expect(await ids('冯志刚')).toEqual([b.id])
    expect(await ids('宏图')).toEqual([b.id])
    expect(await ids(a.reference)).toEqual([a.id])
    expect(await ids(a.reference.slice(-6).toLowerCase())).toEqual([a.id])
    expect(await ids('139 5550 7788')).toEqual([a.id])
    expect(await ids('+8613766602468')).toEqual([b.id])
    expect(await ids('2468')).toEqual([b.id])
    expect(await ids('13900000000')).toEqual([])
    expect(await ids('%')).toEqual([])
    // Without `assignee`, the whole jurisdiction: the unassigned claim of the same claimant too.
    const all = await t.app.inject({ method: 'GET', url: `/api/v1/claims?q=${encodeURIComponent('钱秀兰')}`, headers: inspector.headers })
    expect(all.json<{ items: Claim[] }>().items.map((c) => c.id).sort()).toEqual([a.id, notMine.id].sort())
    // Another town's inspector finds nothing.
    const other = await signInStaff(t, 'inspector', ['dingyan'])
    const theirs = await t.app.inject({ method: 'GET', url: `/api/v1/claims?q=${encodeURIComponent('钱秀兰')}`, headers: other.headers })
    expect(theirs.json<{ items: Claim[] }>().items).toEqual([])
  })
})
