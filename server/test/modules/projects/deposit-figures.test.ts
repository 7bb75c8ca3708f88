import { describe, expect, it } from 'vitest'
import { shanghaiDate, type Project, type Stats } from '@huxin/shared'
import { useTestApp } from '../../helpers/app'
import { DATABASE_KINDS } from '../../helpers/database'
import { projectBody } from '../../helpers/projects'
import { postAs, signInStaff } from '../../helpers/staff'

describe.each(DATABASE_KINDS)('deposit figures on %s', (kind) => {
  const t = useTestApp(kind)

  it('counts the projects permitted in the period by where their deposit stood at its end, by town', async () => {
    const admin = await signInStaff(t, 'admin', [])
    const make = async (n: number, town: string, actions: Record<string, unknown>[]) => {
      const project = (await postAs(t, admin, '/api/v1/projects', projectBody(n, { town, permitDate: '2024-05-06', startedOn: '2024-05-10' }))).json<Project>()
      for (const body of actions) {
        const r = await postAs(t, admin, `/api/v1/projects/${project.id}/deposit/transitions`, body)
        expect(r.statusCode).toBe(200)
      }
      return project
    }
    await make(61, 'yaoguan', [{ action: 'store', form: 'cash', amountFen: 10_000_000 }])
    await make(62, 'yaoguan', [{ action: 'store', form: 'bank_guarantee', amountFen: 20_000_000 }, { action: 'return' }])
    await make(63, 'yaoguan', [{ action: 'exempt' }])
    await make(64, 'henglin', [{ action: 'defer' }, { action: 'store', form: 'insurance', amountFen: 5_000_000 }])
    await make(65, 'henglin', [{ action: 'defer' }, { action: 'cancel_permit' }, { action: 'return' }])
    await make(66, 'henglin', [])
    // Permitted the year before: outside the periods below.
    await postAs(t, admin, '/api/v1/projects', projectBody(67, { permitDate: '2023-12-29', startedOn: '2024-01-05' }))

    // The moves were recorded today: at the end of 2024 the ledger held none of them, so the 2024
    // figures show the six permits with nothing stored (a past period's figures stay as reported).
    const year = (await t.app.inject({ method: 'GET', url: '/api/v1/stats?from=2024-01-01&to=2024-12-31', headers: admin.headers })).json<Stats>()
    expect(year).toMatchObject({
      depositPermitHolders: 6,
      depositStored: 0,
      depositExempt: 0,
      depositDeferred: 0,
      depositDeferredCompleted: 0,
      depositPermitCancelled: 0,
      depositAmountFen: 0,
    })
    // A period ending today counts them.
    const until = shanghaiDate(new Date())
    const stats = async (query: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/stats?from=2024-01-01&to=${until}${query}`, headers: admin.headers })).json<Stats>()
    expect(await stats('')).toMatchObject({
      depositPermitHolders: 6,
      depositStored: 3,
      depositExempt: 1,
      depositDeferred: 2,
      depositDeferredCompleted: 1,
      depositPermitCancelled: 1,
      depositAmountFen: 35_000_000,
    })
    expect(await stats('&town=henglin')).toMatchObject({
      depositPermitHolders: 3,
      depositStored: 0,
      depositExempt: 0,
      depositDeferredCompleted: 1,
      depositPermitCancelled: 1,
      depositAmountFen: 5_000_000,
    })
    const inspector = await signInStaff(t, 'inspector', ['yaoguan'])
    const own = (await t.app.inject({ method: 'GET', url: `/api/v1/stats?from=2024-01-01&to=${until}`, headers: inspector.headers })).json<Stats>()
    expect(own).toMatchObject({ depositPermitHolders: 3, depositStored: 3, depositExempt: 1, depositAmountFen: 30_000_000 })
  })
})
