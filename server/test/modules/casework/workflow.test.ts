import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Claim, ClaimDetail, ClaimList, ErrorResponse } from '@huxin/shared'
import { useTestApp } from '../../helpers/app'
import { DATABASE_KINDS } from '../../helpers/database'
import { act, fileAs, postAs, type SignedInStaff, signInStaff } from '../../helpers/staff'
import { serveOverdueOrder } from '../../helpers/documents'
import { rawRows } from '../../../src/db/raw'

describe.each(DATABASE_KINDS)('case workflow on %s', (kind) => {
  const t = useTestApp(kind)
  let inspector: SignedInStaff
  let otherInspector: SignedInStaff
  let townB: SignedInStaff
  let supervisor: SignedInStaff
  beforeAll(async () => {
    inspector = await signInStaff(t, 'inspector', ['yaoguan'])
    otherInspector = await signInStaff(t, 'inspector', ['yaoguan'])
    townB = await signInStaff(t, 'inspector', ['henglin'])
    supervisor = await signInStaff(t, 'supervisor', [])
  })

  const staffGet = (s: SignedInStaff, id: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1/claims/${id}`, headers: s.headers })

  it('accepting starts the 60-working-day clock and takes the claim; the case runs to police transfer and closure', async () => {
    const { claim } = await fileAs(t)
    const before = Date.now()
    const accepted = await act(t, inspector, claim.id, { action: 'accept', note: '材料齐全，予以立案' })
    expect(accepted.statusCode).toBe(200)
    const body = accepted.json<Claim>()
    expect(body.status).toBe('accepted')
    expect(body.assigneeId).toBe(inspector.id)
    expect(Date.parse(body.acceptedAt!)).toBeGreaterThanOrEqual(before - 1000)
    expect(body.closeDueAt).toBe(t.app.calendar.addWorkingDays(new Date(body.acceptedAt!), 60).dueAt.toISOString())

    expect((await act(t, inspector, claim.id, { action: 'investigate' })).statusCode).toBe(200)
    // Police transfer needs the served order to pay first.
    const early = await act(t, inspector, claim.id, { action: 'transfer_police', unpaidProof: '银行流水' })
    expect(early.statusCode).toBe(409)
    const future = await act(t, inspector, claim.id, { action: 'order_payment', servedAt: new Date(Date.now() + 86_400_000).toISOString() })
    expect(future.statusCode).toBe(400)
    expect(future.json<ErrorResponse>().error.details?.[0]?.field).toBe('servedAt')
    const ordered = await act(t, inspector, claim.id, { action: 'order_payment', servedAt: new Date(Date.now() - 86_400_000).toISOString() })
    expect(ordered.statusCode).toBe(200)
    // The date typed on the transition does not open the gate: the served 责令支付通知书 does.
    const unserved = await act(t, inspector, claim.id, { action: 'transfer_police', unpaidProof: '银行流水' })
    expect(unserved.json<ErrorResponse>().error.code).toBe('ORDER_NOT_SERVED')
    await serveOverdueOrder(t, inspector, claim.id)
    const noProof = await act(t, inspector, claim.id, { action: 'transfer_police' })
    expect(noProof.statusCode).toBe(409)
    expect(noProof.json<ErrorResponse>().error.code).toBe('UNPAID_PROOF_REQUIRED')
    const transferred = await act(t, inspector, claim.id, { action: 'transfer_police', unpaidProof: '期满后银行流水显示仍未支付' })
    expect(transferred.json<Claim>().status).toBe('transferred_police')
    expect((await act(t, inspector, claim.id, { action: 'close' })).json<Claim>().status).toBe('closed')

    const detail = (await staffGet(inspector, claim.id)).json<ClaimDetail>()
    expect(detail.events?.map((e) => e.type)).toEqual([
      'filed',
      'accept',
      'investigate',
      'order_payment',
      'document_issued',
      'document_served',
      'transfer_police',
      'close',
    ])
    expect(detail.events?.find((e) => e.type === 'transfer_police')?.visibility).toBe('internal')
    expect(detail.events?.[1]).toMatchObject({ fromStatus: 'submitted', toStatus: 'accepted', actorId: inspector.id })
  })

  it('answers a forbidden transition with 409 naming the status and the action', async () => {
    const { claim } = await fileAs(t)
    const response = await act(t, inspector, claim.id, { action: 'close' })
    expect(response.statusCode).toBe(409)
    const { error } = response.json<ErrorResponse>()
    expect(error.code).toBe('INVALID_TRANSITION')
    expect(error.details).toEqual([
      { field: 'status', message: 'submitted' },
      { field: 'action', message: 'close' },
    ])
    expect(error.message).toContain('submitted')
  })

  it('lets only a supervisor extend, once, by 30 working days; reopen is a supervisor’s too', async () => {
    const { claim } = await fileAs(t)
    const accepted = (await act(t, inspector, claim.id, { action: 'accept' })).json<Claim>()
    expect((await act(t, inspector, claim.id, { action: 'extend', note: '案情复杂' })).statusCode).toBe(403)
    expect((await act(t, supervisor, claim.id, { action: 'extend' })).statusCode).toBe(400) // approval reason required
    const extended = await act(t, supervisor, claim.id, { action: 'extend', note: '案情复杂，局长批准延期' })
    expect(extended.statusCode).toBe(200)
    expect(extended.json<Claim>().closeDueAt).toBe(t.app.calendar.addWorkingDays(new Date(accepted.closeDueAt!), 30).dueAt.toISOString())
    expect(extended.json<Claim>().status).toBe('accepted')
    const again = await act(t, supervisor, claim.id, { action: 'extend', note: '再次' })
    expect(again.statusCode).toBe(409)
    expect(again.json<ErrorResponse>().error.code).toBe('ALREADY_EXTENDED')

    for (const action of ['investigate', 'resolve', 'close']) expect((await act(t, inspector, claim.id, { action })).statusCode).toBe(200)
    expect((await act(t, inspector, claim.id, { action: 'reopen' })).statusCode).toBe(403)
    expect((await act(t, supervisor, claim.id, { action: 'reopen', note: '发现新情况' })).json<Claim>().status).toBe('investigating')
  })

  it('hides a claim of town B from a town A inspector: 404 everywhere, absent from lists', async () => {
    const { claim } = await fileAs(t, { town: 'henglin' })
    expect((await staffGet(inspector, claim.id)).statusCode).toBe(404)
    expect((await act(t, inspector, claim.id, { action: 'accept' })).statusCode).toBe(404)
    const assign = await postAs(t, inspector, `/api/v1/claims/${claim.id}/assign`, { inspectorId: inspector.id })
    expect(assign.statusCode).toBe(404)
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/claims?limit=100', headers: inspector.headers })
    expect(list.json<ClaimList>().items.some((c) => c.id === claim.id)).toBe(false)
    expect(list.json<ClaimList>().items.every((c) => c.town === 'yaoguan')).toBe(true)
    // The town B inspector and the all-towns supervisor see it.
    expect((await staffGet(townB, claim.id)).statusCode).toBe(200)
    expect((await staffGet(supervisor, claim.id)).statusCode).toBe(200)
  })

  it('assigns: a supervisor to an inspector of the town; an inspector takes an unassigned claim, not another’s', async () => {
    const { claim } = await fileAs(t)
    const assign = (s: SignedInStaff, inspectorId: string) =>
      t.app.inject({ method: 'POST', url: `/api/v1/claims/${claim.id}/assign`, headers: s.headers, payload: { inspectorId } })
    expect((await assign(supervisor, townB.id)).statusCode).toBe(400) // serves another town
    expect((await assign(inspector, otherInspector.id)).statusCode).toBe(403)
    expect((await assign(inspector, inspector.id)).json<Claim>().assigneeId).toBe(inspector.id)
    expect((await assign(otherInspector, otherInspector.id)).statusCode).toBe(409)
    // Another inspector may not act on a claim assigned to someone else.
    expect((await act(t, otherInspector, claim.id, { action: 'accept' })).statusCode).toBe(403)
    expect((await assign(supervisor, otherInspector.id)).json<Claim>().assigneeId).toBe(otherInspector.id)
    expect((await act(t, otherInspector, claim.id, { action: 'accept' })).statusCode).toBe(200)
  })

  it('shows full phone and ID only to the assignee and above, and logs every such view', async () => {
    const idNumber = '11010519491231002X'
    const { claim, worker } = await fileAs(t, {
      claimant: { name: '王建国', phone: '13812341234', idNumber },
      consent: { privacyVersion: '2026-11', sensitiveInfo: true },
    })
    const unassigned = (await staffGet(inspector, claim.id)).json<ClaimDetail>()
    expect(unassigned.claimant.phone).toBeUndefined()
    expect(unassigned.claimant.phoneMasked).toBe('138****1234')
    await act(t, inspector, claim.id, { action: 'accept' })
    const assigned = (await staffGet(inspector, claim.id)).json<ClaimDetail>()
    expect(assigned.claimant).toMatchObject({ phone: '13812341234', idNumber })
    expect((await staffGet(otherInspector, claim.id)).json<ClaimDetail>().claimant.phone).toBeUndefined()
    expect((await staffGet(supervisor, claim.id)).json<ClaimDetail>().claimant.idNumber).toBe(idNumber)
    // The worker's own view never carries the full values.
    const own = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers: worker.headers })
    expect(own.json<ClaimDetail>().claimant.phone).toBeUndefined()
    const log = await rawRows<{ actor_id: string; fields: string[] }>(
      t.database.handle.db,
      sql`select actor_id, fields from pii_access_log where claim_id = ${claim.id} order by at`,
    )
    expect(log.map((r) => r.actor_id)).toEqual([inspector.id, supervisor.id])
    expect(log[0]?.fields).toEqual(['claimant.phone', 'claimant.idNumber'])
  })

  it('gives staff internal events and the worker only worker-visible ones; withdraw goes through the machine', async () => {
    const { claim, worker } = await fileAs(t)
    await act(t, inspector, claim.id, { action: 'accept', note: '内部备注', workerVisible: false })
    const own = (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers: worker.headers })).json<ClaimDetail>()
    expect(own.events?.map((e) => e.type)).toEqual(['filed'])
    expect(own.status).toBe('accepted')
    const withdrawn = await t.app.inject({ method: 'POST', url: `/api/v1/claims/${claim.id}/withdraw`, headers: worker.headers, payload: {} })
    expect(withdrawn.json<Claim>().status).toBe('withdrawn')
    expect((await act(t, inspector, claim.id, { action: 'investigate' })).statusCode).toBe(409)
    const staff = (await staffGet(inspector, claim.id)).json<ClaimDetail>()
    expect(staff.events?.map((e) => [e.type, e.visibility])).toEqual([
      ['filed', 'worker'],
      ['accept', 'internal'],
      ['withdrawn', 'worker'],
    ])
  })

  it('keeps the audit log append-only: the database refuses UPDATE, DELETE and TRUNCATE of claim_events', async () => {
    const { claim } = await fileAs(t)
    const db = t.database.handle.db
    // drizzle wraps the driver's error; the database's own message is its cause.
    const refusal = (statement: Promise<unknown>) =>
      statement.then(
        () => 'accepted',
        (error: { cause?: { message?: string }; message: string }) => error.cause?.message ?? error.message,
      )
    expect(await refusal(db.execute(sql`update claim_events set note = 'changed' where claim_id = ${claim.id}`))).toMatch(
      /append-only: UPDATE refused/,
    )
    expect(await refusal(db.execute(sql`delete from claim_events where claim_id = ${claim.id}`))).toMatch(/append-only: DELETE refused/)
    expect(await refusal(db.execute(sql`truncate claim_events cascade`))).toMatch(/append-only: TRUNCATE refused/)
    const rows = await rawRows<{ note: string | null }>(db, sql`select note from claim_events where claim_id = ${claim.id}`)
    expect(rows).toEqual([{ note: null }])
  })

  it('refuses staff actions from a worker and worker actions from staff', async () => {
    const { claim, worker } = await fileAs(t)
    expect((await act(t, { id: '', role: 'inspector', headers: worker.headers }, claim.id, { action: 'accept' })).statusCode).toBe(403)
    const withdraw = await t.app.inject({ method: 'POST', url: `/api/v1/claims/${claim.id}/withdraw`, headers: inspector.headers, payload: {} })
    expect(withdraw.statusCode).toBe(403)
    expect((await act(t, inspector, claim.id, { action: 'fly' })).statusCode).toBe(400)
  })
})
