import { describe, expect, it } from 'vitest'
import type { EmployerDetail, Employer } from '@huxin/shared'
import { useTestApp } from '../../helpers/app'
import { DATABASE_KINDS } from '../../helpers/database'
import { act, fileAs, postAs, signInStaff } from '../../helpers/staff'

describe.each(DATABASE_KINDS)('employers registry on %s', (kind) => {
  const t = useTestApp(kind)

  it('lists employers with claims and open amount; supervisors record blacklist and deposit', async () => {
    const inspector = await signInStaff(t, 'inspector', ['yaoguan'])
    const townB = await signInStaff(t, 'inspector', ['henglin'])
    const supervisor = await signInStaff(t, 'supervisor', [])
    const employer = { name: '癸建工有限公司', creditCode: '91440300708461136T' }
    const { claim: a } = await fileAs(t, { employer, amountOwedFen: 1_000_000 })
    await fileAs(t, { employer: { ...employer, name: '癸建工公司' }, amountOwedFen: 500_000, town: 'henglin' })
    await act(t, inspector, a.id, { action: 'accept' })
    await postAs(t, inspector, `/api/v1/claims/${a.id}/recoveries`, { kind: 'wages', amountFen: 300_000, paidAt: new Date(Date.now() - 3_600_000).toISOString() })
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/employers?q=${encodeURIComponent('癸建工')}`, headers: inspector.headers })
    expect(list.statusCode).toBe(200)
    const [item] = list.json<{ items: Employer[] }>().items
    expect(item).toMatchObject({ key: 'cc:91440300708461136T', claims: 2, openClaims: 2, openAmountFen: 1_200_000, blacklistStatus: 'none', deposit: null })
    const byCode = await t.app.inject({ method: 'GET', url: '/api/v1/employers?q=91440300708461136t', headers: inspector.headers })
    expect(byCode.json<{ items: Employer[] }>().items.map((e) => e.id)).toEqual([item!.id])

    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/employers/${item!.id}`, headers: inspector.headers })
    expect(detail.json<EmployerDetail>().claimList.map((c) => [c.id, c.outstandingFen])).toEqual([[a.id, 700_000]])
    const other = await t.app.inject({ method: 'GET', url: `/api/v1/employers/${item!.id}`, headers: townB.headers })
    expect(other.json<EmployerDetail>().claimList.map((c) => c.town)).toEqual(['henglin'])

    const patch = (who: { headers: Record<string, string> }) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/employers/${item!.id}`,
        headers: who.headers,
        payload: { blacklistStatus: 'listed', deposit: { status: 'stored', amountFen: 50_000_000 } },
      })
    expect((await patch(inspector)).statusCode).toBe(403)
    const updated = await patch(supervisor)
    expect(updated.json<EmployerDetail>()).toMatchObject({ blacklistStatus: 'listed', deposit: { status: 'stored', amountFen: 50_000_000 } })
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/employers/00000000-0000-4000-8000-000000000000', headers: inspector.headers })
    expect(missing.statusCode).toBe(404)
  })
})
