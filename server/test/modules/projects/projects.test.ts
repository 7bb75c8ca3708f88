import { describe, expect, it } from 'vitest'
import type { Claim, Project, ProjectDetail, ProjectList, ProjectPublic } from '@huxin/shared'
import { useTestApp } from '../../helpers/app'
import { buildApp } from '../../../src/app'
import { DATABASE_KINDS } from '../../helpers/database'
import { projectBody, postCsv } from '../../helpers/projects'
import { creditCodeOf, withWrongCheck } from '../../helpers/register'
import { fileAs, postAs, signInStaff } from '../../helpers/staff'

const HEADER = 'permitNumber,name,town,address,builder,builderCreditCode,generalContractor,gcCreditCode,permitDate,startedOn,endsOn,contractValue,depositAmount'

describe.each(DATABASE_KINDS)('construction projects on %s', (kind) => {
  const t = useTestApp(kind)

  it('admins enter and change projects; inspectors read only their towns; paging is bounded', async () => {
    const admin = await signInStaff(t, 'admin', [])
    const inspector = await signInStaff(t, 'inspector', ['yaoguan'])
    const elsewhere = await signInStaff(t, 'inspector', ['henglin'])

    expect((await postAs(t, inspector, '/api/v1/projects', projectBody(1))).statusCode).toBe(403)
    const created = await postAs(t, admin, '/api/v1/projects', projectBody(1))
    expect(created.statusCode).toBe(201)
    const project = created.json<Project>()
    expect(project).toMatchObject({
      name: '遥观镇第1号安置房工程',
      town: 'yaoguan',
      generalContractor: { name: '江苏总包建工1有限公司', creditCode: creditCodeOf(6001), employerId: null },
      deposit: { status: 'required', amountFen: 50_000_000, balanceFen: 0, form: null },
      rosterCount: 0,
    })
    // Due N working days after the permit (2026-03-02): later than the permit, within ~2 months.
    expect(project.deposit.dueAt > '2026-03-02').toBe(true)
    expect(project.deposit.dueAt < '2026-05-01').toBe(true)

    expect((await postAs(t, admin, '/api/v1/projects', projectBody(1))).statusCode).toBe(409)
    const badCode = await postAs(t, admin, '/api/v1/projects', projectBody(2, { builder: { name: '某建设单位', creditCode: withWrongCheck(creditCodeOf(2)) } }))
    expect(badCode.statusCode).toBe(400)
    expect(badCode.json<{ error: { details: { field: string }[] } }>().error.details.map((d) => d.field)).toContain('builder.creditCode')
    const badDate = await postAs(t, admin, '/api/v1/projects', projectBody(3, { permitDate: '2026-13-01' }))
    expect(badDate.statusCode).toBe(400)

    await postAs(t, admin, '/api/v1/projects', projectBody(4, { town: 'henglin' }))
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/projects', headers: inspector.headers })
    expect(mine.json<ProjectList>().items.map((p) => p.town)).toEqual(['yaoguan'])
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/projects/${project.id}`, headers: elsewhere.headers })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/projects/${project.id}`, headers: inspector.headers })).statusCode).toBe(200)

    const page1 = await t.app.inject({ method: 'GET', url: '/api/v1/projects?limit=1', headers: admin.headers })
    const first = page1.json<ProjectList>()
    expect(first.items).toHaveLength(1)
    expect(first.nextCursor).not.toBeNull()
    const page2 = await t.app.inject({ method: 'GET', url: `/api/v1/projects?limit=1&cursor=${first.nextCursor}`, headers: admin.headers })
    expect(page2.json<ProjectList>().items[0]!.id).not.toBe(first.items[0]!.id)
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/projects?limit=101', headers: admin.headers })).statusCode).toBe(400)

    const patch = (who: typeof admin | typeof inspector) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/projects/${project.id}`,
        headers: who.headers,
        payload: { wageAccount: { bank: '江苏银行常州分行', accountNumber: '6222020100012345678', openedOn: '2026-03-05' }, payDay: 10 },
      })
    expect((await patch(inspector)).statusCode).toBe(403)
    const patched = await patch(admin)
    expect(patched.statusCode).toBe(200)
    expect(patched.json<ProjectDetail>()).toMatchObject({ payDay: 10, wageAccount: { bank: '江苏银行常州分行', accountMasked: '****5678', openedOn: '2026-03-05' } })
    expect(patched.body).not.toContain('6222020100012345678')
  })

  it('imports the permit list all or nothing, errors by line, linking parties to the register', async () => {
    const admin = await signInStaff(t, 'admin', [])
    const gcCode = creditCodeOf(7001)
    const reg = await postCsv(t, admin, '/api/v1/employers/import', `name,creditCode,town,industry\n江苏宏图建工有限公司,${gcCode},yaoguan,construction\n常州城投置业有限公司,,henglin,construction\n`)
    expect(reg.statusCode).toBe(200)

    const good1 = `P-2026-0001,宏图花园一期,遥观镇,遥观镇花园路1号,常州城投置业有限责任公司,,江苏宏图建工有限公司,${gcCode},2026-02-03,2026/2/10,2027-06-30,"120,000,000.00",2400000`
    const good2 = `P-2026-0002,宏图花园二期,yaoguan,,常州城投置业有限公司,,另一家总包公司,,2026年3月1日,,,,`
    const bad = [
      HEADER,
      good1,
      'P-2026-0003,宏图三期,火星镇,,某建设,,某总包有限公司,,2026-02-30,,,,',
      good2,
      `P-2026-0001,重复许可证,yaoguan,,某建设单位,,某总包有限公司,${withWrongCheck(gcCode)},2026-01-01,,,abc,`,
    ].join('\n')
    const rejected = await postCsv(t, admin, '/api/v1/projects/import', bad)
    expect(rejected.statusCode).toBe(400)
    const errors = rejected.json<{ imported: number; errors: { line: number; field: string }[] }>()
    expect(errors.imported).toBe(0)
    expect(errors.errors.filter((e) => e.line === 3).map((e) => e.field).sort()).toEqual(['permitDate', 'town'])
    expect(errors.errors.filter((e) => e.line === 5).map((e) => e.field).sort()).toEqual(['contractValue', 'gcCreditCode', 'permitNumber'])
    expect(errors.errors.some((e) => e.line === 2 || e.line === 4)).toBe(false)
    const none = await t.app.inject({ method: 'GET', url: `/api/v1/projects?q=${encodeURIComponent('宏图')}`, headers: admin.headers })
    expect(none.json<ProjectList>().items).toEqual([])

    const imported = await postCsv(t, admin, '/api/v1/projects/import', [HEADER, good1, good2].join('\n'))
    expect(imported.json()).toEqual({ imported: 2, errors: [] })
    const list = (await t.app.inject({ method: 'GET', url: `/api/v1/projects?q=${encodeURIComponent('宏图花园')}`, headers: admin.headers })).json<ProjectList>().items
    const one = list.find((p) => p.permitNumber === 'P-2026-0001')!
    const two = list.find((p) => p.permitNumber === 'P-2026-0002')!
    expect(one).toMatchObject({ startedOn: '2026-02-10', endsOn: '2027-06-30', contractValueFen: 12_000_000_000, deposit: { amountFen: 240_000_000 } })
    // The general contractor by credit code, the builder by normalised name (有限责任公司 = 有限公司).
    expect(one.generalContractor.employerId).not.toBeNull()
    expect(one.builder.employerId).not.toBeNull()
    expect(two.builder.employerId).toBe(one.builder.employerId)
    expect(two.generalContractor.employerId).toBeNull()
    expect(two).toMatchObject({ permitDate: '2026-03-01', startedOn: '2026-03-01' })

    const again = await postCsv(t, admin, '/api/v1/projects/import', [HEADER, good1.replace('P-2026-0001', 'P-2026-0009'), good2].join('\n'))
    expect(again.statusCode).toBe(400)
    expect(again.json<{ errors: { line: number; field: string }[] }>().errors).toEqual([{ line: 3, field: 'permitNumber', message: '该施工许可证号已登记' }])
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/projects?q=P-2026-0009', headers: admin.headers })).json<ProjectList>().items).toEqual([])
    const inspector = await signInStaff(t, 'inspector', ['yaoguan'])
    expect((await postCsv(t, inspector, '/api/v1/projects/import', [HEADER, good1].join('\n'))).statusCode).toBe(403)
  })

  it('the public read gives the wizard name, contractor, town and site only; a claim filed with projectId joins the project group', async () => {
    const admin = await signInStaff(t, 'admin', [])
    const project = (await postAs(t, admin, '/api/v1/projects', projectBody(21))).json<Project>()
    const open = await t.app.inject({ method: 'GET', url: `/api/v1/projects/${project.id}/public` })
    expect(open.statusCode).toBe(200)
    expect(open.json<ProjectPublic>()).toEqual({
      id: project.id,
      name: project.name,
      town: 'yaoguan',
      generalContractor: { name: project.generalContractor.name, creditCode: project.generalContractor.creditCode },
      site: { lat: 31.74, lng: 120.09, address: '遥观镇工地路21号' },
    })
    expect(open.body).not.toContain(project.permitNumber)
    expect(open.body).not.toContain('deposit')
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/projects/00000000-0000-4000-8000-000000000000/public' })).statusCode).toBe(404)

    const { claim } = await fileAs(t, { projectId: project.id, employer: { name: '不知道' }, project: undefined, town: 'henglin' })
    expect(claim).toMatchObject({
      projectId: project.id,
      town: 'yaoguan',
      employer: { name: project.generalContractor.name, creditCode: project.generalContractor.creditCode },
      project: { name: project.name },
    })
    const { claim: typed } = await fileAs(t, { employer: { name: project.generalContractor.name, creditCode: project.generalContractor.creditCode! }, project: { name: project.name } })
    expect(typed.groupId).toBe(claim.groupId)
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/claims',
      headers: { ...(await signInStaff(t, 'inspector', ['yaoguan'])).headers },
      payload: {},
    })
    expect(missing.statusCode).toBe(400)

    const statuses: number[] = []
    for (let i = 0; i < 32; i++) {
      statuses.push((await t.app.inject({ method: 'GET', url: `/api/v1/projects/${project.id}/public`, remoteAddress: '198.51.100.7' })).statusCode)
    }
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true)
    expect(statuses.slice(30)).toEqual([429, 429])
    // The limit lives in rate_events, shared by every server process: another app on the same
    // database refuses the same address too, and still serves another one.
    const other = await buildApp({ config: t.config, database: t.database.handle, logger: false })
    try {
      await other.ready()
      const refused = await other.inject({ method: 'GET', url: `/api/v1/projects/${project.id}/public`, remoteAddress: '198.51.100.7' })
      expect(refused.statusCode).toBe(429)
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
      expect((await other.inject({ method: 'GET', url: `/api/v1/projects/${project.id}/public`, remoteAddress: '198.51.100.8' })).statusCode).toBe(200)
    } finally {
      await other.close()
    }
    // The rows name the address by its keyed hash only.
    const buckets = await t.database.handle.query("select distinct bucket from rate_events where bucket like 'project-public:%'", [])
    expect(JSON.stringify(buckets.rows)).not.toContain('198.51.100')
  })
})

export type { Claim }
