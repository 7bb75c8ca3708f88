import decodeQR from '@paulmillr/qr/decode.js'
import { describe, expect, it } from 'vitest'
import type { Claim, Liability, Project, ProjectDetail } from '@huxin/shared'
import { helpPoints } from '../../../src/db/schema/index'
import { useTestApp } from '../../helpers/app'
import { DATABASE_KINDS } from '../../helpers/database'
import { pdfText } from '../../helpers/documents'
import { idNumberOf, pdfPixels, postCsv, projectBody } from '../../helpers/projects'
import { act, fileAs, postAs, signInStaff } from '../../helpers/staff'

describe.each(DATABASE_KINDS)('deposit ledger, roster, liability and the site sign on %s', (kind) => {
  const t = useTestApp(kind)

  it('walks the deposit state machine; illegal moves are 409; a draw is a recovery of the claim and opens a top-up deadline', async () => {
    const admin = await signInStaff(t, 'admin', [])
    const inspector = await signInStaff(t, 'inspector', ['yaoguan'])
    const project = (await postAs(t, admin, '/api/v1/projects', projectBody(31))).json<Project>()
    const move = (body: Record<string, unknown>, who = admin, id = project.id) => postAs(t, who, `/api/v1/projects/${id}/deposit/transitions`, body)

    expect((await move({ action: 'defer' }, inspector)).statusCode).toBe(403)
    expect((await move({ action: 'draw', amountFen: 100 })).statusCode).toBe(400)
    expect((await move({ action: 'return' })).statusCode).toBe(409)
    expect((await move({ action: 'defer', note: '资金周转困难，申请缓存' })).json<ProjectDetail>().deposit).toMatchObject({ status: 'deferred', deferred: true })
    expect((await move({ action: 'exempt' })).statusCode).toBe(409)
    const noForm = await move({ action: 'store' })
    expect(noForm.statusCode).toBe(400)
    expect(noForm.json<{ error: { details: { field: string }[] } }>().error.details.map((d) => d.field)).toEqual(['form'])
    const stored = (await move({ action: 'store', form: 'bank_guarantee', amountFen: 30_000_000 })).json<ProjectDetail>()
    expect(stored.deposit).toMatchObject({ status: 'stored', form: 'bank_guarantee', amountFen: 30_000_000, balanceFen: 30_000_000, deferred: true })
    expect(stored.depositEvents.map((e) => [e.action, e.fromStatus, e.toStatus])).toEqual([
      ['defer', 'required', 'deferred'],
      ['store', 'deferred', 'stored'],
    ])

    // A worker of the project files through the sign; the inspector accepts; the deposit pays.
    const { claim } = await fileAs(t, { projectId: project.id, amountOwedFen: 1_200_000 })
    expect((await act(t, inspector, claim.id, { action: 'accept' })).statusCode).toBe(200)
    expect((await move({ action: 'draw', amountFen: 40_000_000, claimId: claim.id })).statusCode).toBe(409)
    const other = (await postAs(t, admin, '/api/v1/projects', projectBody(32))).json<Project>()
    await move({ action: 'store', form: 'cash', amountFen: 1_000_000 }, admin, other.id)
    const foreign = await move({ action: 'draw', amountFen: 100, claimId: claim.id }, admin, other.id)
    expect(foreign.statusCode).toBe(409)
    expect(foreign.json<{ error: { code: string } }>().error.code).toBe('CLAIM_NOT_OF_PROJECT')

    const drawn = await move({ action: 'draw', amountFen: 1_200_000, claimId: claim.id, note: '总包拒付' })
    expect(drawn.statusCode).toBe(200)
    const afterDraw = drawn.json<ProjectDetail>()
    expect(afterDraw.deposit).toMatchObject({ status: 'stored', balanceFen: 28_800_000 })
    expect(afterDraw.deposit.topUpDueAt).not.toBeNull()
    expect(afterDraw.depositEvents.at(-1)).toMatchObject({ action: 'draw', amountFen: 1_200_000, balanceFen: 28_800_000, claimId: claim.id })
    const recoveries = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}/recoveries`, headers: inspector.headers })
    expect(recoveries.json<{ items: { amountFen: number; payer?: string; kind: string }[] }>().items).toEqual([
      expect.objectContaining({ kind: 'wages', amountFen: 1_200_000, payer: 'wage_guarantee_deposit' }),
    ])
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers: inspector.headers })
    expect(detail.json<Claim>().recoveredFen.wages).toBe(1_200_000)

    const topped = (await move({ action: 'top_up', amountFen: 1_200_000 })).json<ProjectDetail>()
    expect(topped.deposit).toMatchObject({ balanceFen: 30_000_000, topUpDueAt: null })
    expect((await move({ action: 'defer' })).statusCode).toBe(409)
    expect((await move({ action: 'cancel_permit' })).json<ProjectDetail>().deposit.status).toBe('permit_cancelled')
    const returned = (await move({ action: 'return' })).json<ProjectDetail>()
    expect(returned.deposit).toMatchObject({ status: 'returned', balanceFen: 0 })
    expect((await move({ action: 'store', form: 'cash', amountFen: 1 })).statusCode).toBe(409)

    const exempt = (await postAs(t, admin, '/api/v1/projects', projectBody(33))).json<Project>()
    expect((await move({ action: 'exempt' }, admin, exempt.id)).json<ProjectDetail>().deposit.status).toBe('exempt')
    expect((await move({ action: 'store', form: 'cash', amountFen: 1 }, admin, exempt.id)).statusCode).toBe(409)
  })

  it('finds a claimant on the roster and shows the liability chain with the deposit left and the payroll of the claimed months', async () => {
    const admin = await signInStaff(t, 'admin', [])
    const inspector = await signInStaff(t, 'inspector', ['yaoguan'])
    const project = (await postAs(t, admin, '/api/v1/projects', projectBody(41))).json<Project>()
    const idA = idNumberOf(41)
    const idB = idNumberOf(42)

    const bad = await postCsv(t, admin, `/api/v1/projects/${project.id}/roster`, `name,idNumber,trade,startedOn\n王建国,${idA},钢筋工,2026-03-10\n李四,${idA.slice(0, 17)}0,木工,2026-03-11\n赵五,${idB},,2026-13-01\n`)
    expect(bad.statusCode).toBe(400)
    expect(bad.json<{ errors: { line: number; field: string }[] }>().errors.map((e) => `${e.line}:${e.field}`)).toEqual(['3:idNumber', '4:trade', '4:startedOn'])
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/projects/${project.id}`, headers: admin.headers })).json<Project>().rosterCount).toBe(0)
    const roster = await postCsv(t, admin, `/api/v1/projects/${project.id}/roster`, `姓名,身份证号,工种,进场日期\n王建国,${idA},钢筋工,2026-03-10\n赵五,${idB},木工,2026/3/12\n`)
    expect(roster.json()).toEqual({ imported: 2, rosterCount: 2 })
    const payroll = await postCsv(t, admin, `/api/v1/projects/${project.id}/payroll?month=2026-03`, `name,idNumber,amount,paidOn\n王建国,${idA},6800.50,2026-04-15\n赵五,${idB},7000,2026-04-15\n`)
    expect(payroll.json()).toEqual({ month: '2026-03', imported: 2, amountFen: 1_380_050 })
    expect((await postCsv(t, admin, `/api/v1/projects/${project.id}/payroll?month=2026-3`, 'name,idNumber,amount\n')).statusCode).toBe(400)

    await postAs(t, admin, `/api/v1/projects/${project.id}/deposit/transitions`, { action: 'store', form: 'insurance', amountFen: 8_000_000 })
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/projects/${project.id}`,
      headers: admin.headers,
      payload: { subcontractors: [{ name: '包工头张某', qualified: false }, { name: '常州劳务有限公司', qualified: true }] },
    })
    const { claim } = await fileAs(t, { projectId: project.id, claimant: { name: '王建国', phone: '13812341234', idNumber: idA }, consent: { privacyVersion: '2026-11', sensitiveInfo: true }, periodFrom: '2026-03', periodTo: '2026-05' })
    const liability = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}/liability`, headers: inspector.headers })
    expect(liability.statusCode).toBe(200)
    const chain = liability.json<Liability>()
    expect(chain.project).toEqual({ id: project.id, name: project.name, permitNumber: project.permitNumber })
    expect(chain.chain.map((c) => [c.order, c.role, c.name])).toEqual([
      [1, 'builder', project.builder.name],
      [2, 'general_contractor', project.generalContractor.name],
    ])
    expect(chain.chain[0]!.basis).toContain('第三十六条')
    expect(chain.chain[1]!.basis).toContain('第三十条')
    expect(chain.unqualifiedSubcontractors).toEqual(['包工头张某'])
    expect(chain.deposit).toMatchObject({ status: 'stored', balanceFen: 8_000_000 })
    expect(chain.roster).toMatchObject({ checked: true, onRoster: true, projectId: project.id, trade: '钢筋工', startedOn: '2026-03-10' })
    expect(chain.payroll).toEqual([
      { month: '2026-03', recorded: true, paidFen: 680_050 },
      { month: '2026-04', recorded: false, paidFen: null },
      { month: '2026-05', recorded: false, paidFen: null },
    ])
    expect(liability.body).not.toContain(idA)

    const { claim: stranger } = await fileAs(t, { projectId: project.id, claimant: { name: '陌生人', idNumber: idNumberOf(99) }, consent: { privacyVersion: '2026-11', sensitiveInfo: true } })
    const notOn = (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${stranger.id}/liability`, headers: inspector.headers })).json<Liability>()
    expect(notOn.roster).toEqual({ checked: true, onRoster: false })
    const elsewhere = await signInStaff(t, 'inspector', ['henglin'])
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}/liability`, headers: elsewhere.headers })).statusCode).toBe(404)
  })

  it('prints the A3 site sign naming project, contractor, 12333 and the nearest help points, with a QR code to the wizard', async () => {
    const admin = await signInStaff(t, 'admin', [])
    const project = (await postAs(t, admin, '/api/v1/projects', projectBody(51))).json<Project>()
    await t.app.db.insert(helpPoints).values([
      { name: '经开区劳动人事争议仲裁院', kind: 'arbitration', address: '经开区仲裁路1号', lat: 31.75, lng: 120.1, phones: ['0519-88880001'] },
      { name: '远处仲裁庭', kind: 'arbitration', address: '远处', lat: 32.5, lng: 121.0 },
      { name: '经开区法律援助工作站', kind: 'legal_aid', address: '经开区援助路2号', lat: 31.73, lng: 120.08 },
    ])
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/projects/${project.id}/sign.pdf`, headers: admin.headers })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('application/pdf')
    const text = pdfText(response.rawPayload).replace(/\s+/g, '')
    for (const expected of [project.name, project.generalContractor.name, '12333', '经开区劳动人事争议仲裁院', '经开区法律援助工作站', '每月15日']) {
      expect(text).toContain(expected)
    }
    expect(text).not.toContain('远处仲裁庭')
    const url = `http://127.0.0.1:${t.config.port}/#/pages/claims/new/index?project=${project.id}`
    const pixels = pdfPixels(response.rawPayload, 100)
    expect(pixels.width).toBeGreaterThan(1100) // A3 at 100 dpi: 1169 × 1654
    expect(decodeQR(pixels)).toBe(url)
    const unauthenticated = await t.app.inject({ method: 'GET', url: `/api/v1/projects/${project.id}/sign.pdf` })
    expect(unauthenticated.statusCode).toBe(401)
  })
})
