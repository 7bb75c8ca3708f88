import { describe, expect, it } from 'vitest'
import { isValidCreditCode, type Employer, type EmployerDetail } from '@huxin/shared'
import { useTestApp } from '../../helpers/app'
import { DATABASE_KINDS } from '../../helpers/database'
import { creditCodeOf, withWrongCheck } from '../../helpers/register'
import { fileAs, postAs, signInStaff, type SignedInStaff } from '../../helpers/staff'

const importCsv = (t: ReturnType<typeof useTestApp>, who: SignedInStaff, csv: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/employers/import', headers: { ...who.headers, 'content-type': 'text/csv' }, payload: csv })

describe.each(DATABASE_KINDS)('register of employers on %s', (kind) => {
  const t = useTestApp(kind)

  it('the test codes are valid and the wrong ones are not', () => {
    expect(isValidCreditCode(creditCodeOf(1))).toBe(true)
    expect(isValidCreditCode(withWrongCheck(creditCodeOf(1)))).toBe(false)
  })

  it('admins enter an employer; the check digit, town and roles are enforced; a second entry is 409', async () => {
    const admin = await signInStaff(t, 'admin', [])
    const supervisor = await signInStaff(t, 'supervisor', [])
    const inspector = await signInStaff(t, 'inspector', ['yaoguan'])
    const body = { name: '遥观精密机械有限公司', creditCode: creditCodeOf(101), town: 'yaoguan', industry: 'manufacturing', size: 'small' }

    const created = await postAs(t, admin, '/api/v1/employers', body)
    expect(created.statusCode).toBe(201)
    expect(created.json<EmployerDetail>()).toMatchObject({
      name: body.name,
      creditCode: body.creditCode,
      supervised: true,
      town: 'yaoguan',
      industry: 'manufacturing',
      size: 'small',
      registered: { how: 'self' },
      claims: 0,
    })
    expect((await postAs(t, admin, '/api/v1/employers', body)).statusCode).toBe(409)
    expect((await postAs(t, supervisor, '/api/v1/employers', { ...body, creditCode: creditCodeOf(102) })).statusCode).toBe(403)
    expect((await postAs(t, inspector, '/api/v1/employers', { ...body, creditCode: creditCodeOf(102) })).statusCode).toBe(403)

    const badCheck = await postAs(t, admin, '/api/v1/employers', { ...body, creditCode: withWrongCheck(creditCodeOf(103)) })
    expect(badCheck.statusCode).toBe(400)
    expect(badCheck.json().error.details).toEqual([expect.objectContaining({ field: 'creditCode' })])
    const badTown = await postAs(t, admin, '/api/v1/employers', { ...body, creditCode: creditCodeOf(104), town: 'beijing' })
    expect(badTown.statusCode).toBe(400)
    expect(badTown.json().error.details.map((d: { field: string }) => d.field)).toContain('town')
    const noIndustry = await postAs(t, admin, '/api/v1/employers', { name: '某公司', town: 'yaoguan' })
    expect(noIndustry.statusCode).toBe(400)
    expect(noIndustry.json().error.details.map((d: { field: string }) => d.field)).toContain('industry')

    const list = await t.app.inject({ method: 'GET', url: '/api/v1/employers?supervised=true&town=yaoguan', headers: inspector.headers })
    expect(list.json<{ items: Employer[] }>().items.map((e) => e.name)).toContain(body.name)
    const otherTown = await t.app.inject({ method: 'GET', url: '/api/v1/employers?supervised=true&town=henglin', headers: inspector.headers })
    expect(otherTown.json<{ items: Employer[] }>().items.map((e) => e.name)).not.toContain(body.name)
  })

  it('admins change the register fields; supervisors only blacklist and deposit; 404 for an unknown id', async () => {
    const admin = await signInStaff(t, 'admin', [])
    const supervisor = await signInStaff(t, 'supervisor', [])
    const created = (await postAs(t, admin, '/api/v1/employers', { name: '横林物流有限公司', town: 'henglin', industry: 'services' })).json<Employer>()
    const patch = (who: SignedInStaff, payload: Record<string, unknown>, id = created.id) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/employers/${id}`, headers: who.headers, payload })

    const bySupervisor = await patch(supervisor, { town: 'lucheng' })
    expect(bySupervisor.statusCode).toBe(403)
    expect(bySupervisor.json().error.details).toEqual([expect.objectContaining({ field: 'town' })])
    expect((await patch(supervisor, { blacklistStatus: 'applied' })).statusCode).toBe(200)
    const byAdmin = await patch(admin, { town: 'lucheng', size: 'large', name: '横林现代物流有限公司' })
    expect(byAdmin.statusCode).toBe(200)
    expect(byAdmin.json<EmployerDetail>()).toMatchObject({ town: 'lucheng', size: 'large', name: '横林现代物流有限公司', blacklistStatus: 'applied' })
    const badSize = await patch(admin, { size: 'huge' })
    expect(badSize.statusCode).toBe(400)
    expect(badSize.json().error.details.map((d: { field: string }) => d.field)).toContain('size')
    expect((await patch(admin, { town: 'lucheng' }, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404)
    const off = await patch(admin, { supervised: false })
    expect(off.json<EmployerDetail>()).toMatchObject({ supervised: false })
  })

  it('imports the list all or nothing, reporting every bad line by field', async () => {
    const admin = await signInStaff(t, 'admin', [])
    const supervisor = await signInStaff(t, 'supervisor', [])
    const bad = [
      '单位名称,统一社会信用代码,镇街,行业,规模',
      `戚墅堰机车配件有限公司,${creditCodeOf(201)},戚墅堰街道,制造业,中型`,
      `丁堰纺织有限公司,${withWrongCheck(creditCodeOf(202))},dingyan,manufacturing,`,
      `潞城建设工程有限公司,${creditCodeOf(203)},火星镇,建筑业,小型`,
      `重复的公司,${creditCodeOf(201)},lucheng,other,`,
      '只有两列,x',
    ].join('\r\n')
    const refused = await importCsv(t, admin, bad)
    expect(refused.statusCode).toBe(400)
    const body = refused.json<{ imported: number; errors: { line: number; field: string }[]; error: { code: string } }>()
    expect(body.error.code).toBe('IMPORT_REJECTED')
    expect(body.imported).toBe(0)
    expect(body.errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'creditCode'],
      [4, 'town'],
      [5, 'creditCode'],
      [6, 'columns'],
      [6, 'creditCode'],
      [6, 'town'],
      [6, 'industry'],
    ])
    const stored = await t.app.inject({ method: 'GET', url: `/api/v1/employers?q=${creditCodeOf(201)}`, headers: admin.headers })
    expect(stored.json<{ items: Employer[] }>().items).toEqual([])

    const unknownColumn = await importCsv(t, admin, 'name,town,industry,colour\n甲公司,yaoguan,other,red')
    expect(unknownColumn.json().errors).toEqual([expect.objectContaining({ line: 1, field: 'colour' })])
    expect((await importCsv(t, supervisor, 'name,town,industry\n甲公司,yaoguan,other')).statusCode).toBe(403)
    const notCsv = await t.app.inject({ method: 'POST', url: '/api/v1/employers/import', headers: { ...admin.headers, 'content-type': 'application/xml' }, payload: '<x/>' })
    expect(notCsv.statusCode).toBe(415)

    const good = [
      'name,creditCode,town,industry,size',
      `戚墅堰机车配件有限公司,${creditCodeOf(201)},qishuyan,manufacturing,medium`,
      '"丁堰纺织, 有限公司",,丁堰街道,制造业,小型企业',
    ].join('\n')
    const imported = await importCsv(t, admin, good)
    expect(imported.statusCode).toBe(200)
    expect(imported.json()).toEqual({ imported: 2, errors: [] })
    // Importing again updates the same entries (a new edition of the list), never duplicates them.
    const again = await importCsv(t, admin, good.replace('medium', 'large'))
    expect(again.json()).toEqual({ imported: 2, errors: [] })
    const found = await t.app.inject({ method: 'GET', url: `/api/v1/employers?q=${creditCodeOf(201)}`, headers: admin.headers })
    expect(found.json<{ items: Employer[] }>().items).toEqual([expect.objectContaining({ size: 'large', town: 'qishuyan', supervised: true })])
  })

  it('links claims to the register by credit code, else normalised name; a person links the rest', async () => {
    const admin = await signInStaff(t, 'admin', [])
    const supervisor = await signInStaff(t, 'supervisor', [])
    const inspector = await signInStaff(t, 'inspector', ['yaoguan'])
    const code = creditCodeOf(301)
    // A claim named this employer before the register knew it: it stays, and becomes the entry.
    const { claim: early } = await fileAs(t, { employer: { name: '遥观钢构工程有限公司', creditCode: code } })
    const { claim: byName } = await fileAs(t, { employer: { name: '遥观 钢构工程有限责任公司' } })
    await fileAs(t, { employer: { name: '某个没人认识的包工头' } })
    const unmatchedBefore = await t.app.inject({ method: 'GET', url: '/api/v1/employers/unmatched?limit=100', headers: inspector.headers })
    const beforeNames = unmatchedBefore.json<{ items: Employer[] }>().items.map((e) => e.name)
    expect(beforeNames).toEqual(expect.arrayContaining(['遥观钢构工程有限公司', '遥观 钢构工程有限责任公司', '某个没人认识的包工头']))

    const entry = await postAs(t, admin, '/api/v1/employers', { name: '遥观钢构工程有限公司', creditCode: code, town: 'yaoguan', industry: 'construction' })
    expect(entry.statusCode).toBe(201)
    const registered = entry.json<EmployerDetail>()
    expect(registered).toMatchObject({ supervised: true, claims: 1 })
    expect(registered.claimList.map((c) => c.id)).toEqual([early.id])

    const unmatched = (await t.app.inject({ method: 'GET', url: '/api/v1/employers/unmatched?limit=100', headers: inspector.headers })).json<{
      items: Employer[]
    }>().items
    expect(unmatched.map((e) => e.name)).toEqual(['某个没人认识的包工头'])
    const nameRow = (await t.app.inject({ method: 'GET', url: `/api/v1/employers?q=${encodeURIComponent('遥观 钢构')}`, headers: inspector.headers })).json<{
      items: Employer[]
    }>().items[0]!
    expect(nameRow).toMatchObject({ supervised: false, registered: { id: registered.id, how: 'name' } })
    expect(byName.employer.name).toBe('遥观 钢构工程有限责任公司')

    const stranger = unmatched[0]!
    const link = (who: SignedInStaff, id: string, registerId: string | null) => postAs(t, who, `/api/v1/employers/${id}/link`, { registerId })
    expect((await link(inspector, stranger.id, registered.id)).statusCode).toBe(403)
    expect((await link(supervisor, registered.id, registered.id)).statusCode).toBe(409)
    expect((await link(supervisor, stranger.id, nameRow.id)).statusCode).toBe(409)
    expect((await link(supervisor, stranger.id, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404)
    expect((await link(supervisor, '00000000-0000-4000-8000-000000000000', registered.id)).statusCode).toBe(404)
    const bad = await postAs(t, supervisor, `/api/v1/employers/${stranger.id}/link`, { registerId: 'nope' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toContain('registerId')
    const linked = await link(supervisor, stranger.id, registered.id)
    expect(linked.statusCode).toBe(200)
    expect(linked.json<EmployerDetail>().registered).toEqual({ id: registered.id, name: '遥观钢构工程有限公司', how: 'linked' })
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/employers/unmatched?limit=100', headers: inspector.headers })
    expect(after.json<{ items: Employer[] }>().items).toEqual([])
    const unlinked = await link(supervisor, stranger.id, null)
    expect(unlinked.json<EmployerDetail>().registered).toBeNull()
  })
})
