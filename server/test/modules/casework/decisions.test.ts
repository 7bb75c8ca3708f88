import { beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { shanghaiDate, shanghaiMonth, type ClaimDetail } from '@huxin/shared'
import type { DispatchedClue } from '../../../src/modules/national-sync/protocol'
import { acceptanceDeadline } from '../../../src/modules/casework/deadlines'
import { useTestApp } from '../../helpers/app'
import { DATABASE_KINDS } from '../../helpers/database'
import { act, fileAs, signInStaff, type SignedInStaff } from '../../helpers/staff'

interface ErrorBody {
  error: { code: string; details?: { field: string }[] }
}
const fieldsOf = (body: string) => (JSON.parse(body) as ErrorBody).error.details?.map((d) => d.field) ?? []
const codeOf = (body: string) => (JSON.parse(body) as ErrorBody).error.code

describe.each(DATABASE_KINDS)('lawful acceptance decisions on %s', (kind) => {
  const t = useTestApp(kind, { NATIONAL_BACKOFF_BASE_MS: '1', NATIONAL_BACKOFF_CAP_MS: '5' })
  let inspector: SignedInStaff
  let supervisor: SignedInStaff
  let arbitration: string
  let station: string
  const rows = async <T,>(query: ReturnType<typeof sql>) => ((await t.app.db.execute(query)) as unknown as { rows: T[] }).rows
  const helpPoint = async (name: string, kind: string) =>
    (
      await rows<{ id: string }>(
        sql`insert into help_points (name, kind, address, lat, lng, phones) values (${name}, ${kind}, '武进区某路 1 号', 31.7, 120.0, array['0519-12345678']) returning id`,
      )
    )[0]!.id
  const workerView = async (claimId: string, headers: Record<string, string>) =>
    (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claimId}`, headers })).json<ClaimDetail>()

  beforeAll(async () => {
    inspector = await signInStaff(t, 'inspector', ['yaoguan'])
    supervisor = await signInStaff(t, 'supervisor', [])
    arbitration = await helpPoint('武进区劳动人事争议仲裁院', 'arbitration')
    station = await helpPoint('遥观镇劳动保障服务站', 'labour_station')
  })

  it('not a labour-inspection matter: names the help point, tells the worker in plain words and notifies them', async () => {
    const { claim, worker } = await fileAs(t)
    const missing = await act(t, inspector, claim.id, { action: 'reject', reason: 'not_labour_inspection' })
    expect(missing.statusCode).toBe(400)
    expect(fieldsOf(missing.body)).toContain('referTo')
    const wrongKind = await act(t, inspector, claim.id, { action: 'reject', reason: 'not_labour_inspection', referTo: station })
    expect(wrongKind.statusCode).toBe(400)
    expect(fieldsOf(wrongKind.body)).toContain('referTo')
    const badReason = await act(t, inspector, claim.id, { action: 'reject', reason: 'because' })
    expect(badReason.statusCode).toBe(400)
    expect(badReason.body).toContain('reason')

    const rejected = await act(t, inspector, claim.id, { action: 'reject', reason: 'not_labour_inspection', referTo: arbitration, note: '属于解除劳动合同争议' })
    expect(rejected.statusCode).toBe(200)
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectReason: 'not_labour_inspection', referToHelpPointId: arbitration })
    const seen = await workerView(claim.id, worker.headers)
    const decision = seen.events?.find((e) => e.type === 'reject')
    expect(decision).toMatchObject({ visibility: 'worker', reason: 'not_labour_inspection' })
    expect(decision?.note).toContain('不属于劳动保障监察')
    expect(decision?.note).toContain('武进区劳动人事争议仲裁院')
    const queued = await rows<{ n: number | string }>(
      sql`select count(*) as n from notification_outbox o join claim_events e on e.id = o.event_id where e.claim_id = ${claim.id}::uuid and e.type = 'reject'`,
    )
    expect(Number(queued[0]!.n)).toBe(1)
    // Decided once: a second decision is a conflict.
    expect((await act(t, inspector, claim.id, { action: 'accept' })).statusCode).toBe(409)
  })

  it('time-barred (Art. 20): checked against the period, an acceptance refused unless the violation continues', async () => {
    const { claim: old } = await fileAs(t, { periodFrom: '2020-01', periodTo: '2020-06' })
    const { claim: fresh } = await fileAs(t, { periodFrom: shanghaiMonth(new Date()), periodTo: shanghaiMonth(new Date()) })

    const notBarred = await act(t, inspector, fresh.id, { action: 'reject', reason: 'time_barred' })
    expect(notBarred.statusCode).toBe(409)
    expect(codeOf(notBarred.body)).toBe('NOT_TIME_BARRED')

    const refused = await act(t, inspector, old.id, { action: 'accept' })
    expect(refused.statusCode).toBe(409)
    expect(codeOf(refused.body)).toBe('TIME_BARRED')
    expect(fieldsOf(refused.body)).toContain('periodTo')
    const noNote = await act(t, inspector, old.id, { action: 'accept', continuing: true })
    expect(noNote.statusCode).toBe(400)
    expect(fieldsOf(noNote.body)).toContain('note')
    const continuing = await act(t, inspector, old.id, { action: 'accept', continuing: true, note: '工程至今未结算，欠薪状态持续' })
    expect(continuing.statusCode).toBe(200)
    expect(continuing.json<ClaimDetail>().status).toBe('accepted')

    const { claim: barred, worker } = await fileAs(t, { periodFrom: '2020-01', periodTo: '2020-06' })
    expect((await act(t, inspector, barred.id, { action: 'reject', reason: 'time_barred' })).statusCode).toBe(200)
    const seen = await workerView(barred.id, worker.headers)
    expect(seen.events?.find((e) => e.type === 'reject')?.note).toContain('两年')
  })

  it('another bureau is competent: transferTo required, and a national clue is reported back as transferred', async () => {
    const { claim } = await fileAs(t)
    const missing = await act(t, inspector, claim.id, { action: 'reject', reason: 'other_jurisdiction' })
    expect(missing.statusCode).toBe(400)
    expect(fieldsOf(missing.body)).toContain('transferTo')
    const misplaced = await act(t, inspector, claim.id, { action: 'reject', reason: 'in_arbitration_or_court', transferTo: '新北区人社局' })
    expect(misplaced.statusCode).toBe(400)
    expect(fieldsOf(misplaced.body)).toContain('transferTo')

    const control = `${t.simulators.nationalBaseUrl}/__control`
    const dispatched = (await (
      await fetch(`${control}/dispatch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count: 1 }) })
    ).json()) as { clues: DispatchedClue[] }
    const received = await t.app.nationalSync.receive(dispatched.clues[0]!, 'pull')
    const transferred = await act(t, supervisor, received.claimId, { action: 'reject', reason: 'other_jurisdiction', transferTo: '常州市新北区人力资源和社会保障局' })
    expect(transferred.statusCode).toBe(200)
    expect(transferred.json()).toMatchObject({ status: 'rejected', rejectReason: 'other_jurisdiction', transferTo: '常州市新北区人力资源和社会保障局' })
    const outbox = await rows<{ kind: string; payload: Record<string, unknown> }>(
      sql`select kind, payload from national_outbox where claim_id = ${received.claimId}::uuid and kind in ('progress', 'result') order by seq`,
    )
    expect(outbox).toEqual([
      { kind: 'progress', payload: expect.objectContaining({ status: 'TRANSFERRED', transferTo: '常州市新北区人力资源和社会保障局' }) },
      { kind: 'result', payload: expect.objectContaining({ outcome: 'TRANSFERRED_JURISDICTION', transferTo: '常州市新北区人力资源和社会保障局' }) },
    ])
    // Delivered to the platform (its simulator), which accepts the transfer.
    while ((await t.app.nationalSync.drainOnce()) > 0) {
      // until nothing is due
    }
    const delivered = (await (await fetch(`${control}/messages?localClaimId=${received.claimId}`)).json()) as { items: { kind: string; deliveries: number }[] }
    expect(delivered.items.filter((m) => m.kind === 'result' && m.deliveries > 0)).toHaveLength(1)
  })

  it('request_material stops the acceptance clock; material_received restarts it, moved by the paused working days', async () => {
    const { claim, worker } = await fileAs(t)
    const noNote = await act(t, inspector, claim.id, { action: 'request_material' })
    expect(noNote.statusCode).toBe(400)
    expect(fieldsOf(noNote.body)).toContain('note')
    expect((await act(t, inspector, claim.id, { action: 'material_received' })).statusCode).toBe(409)

    const requested = await act(t, inspector, claim.id, { action: 'request_material', note: '工资欠条或考勤记录' })
    expect(requested.statusCode).toBe(200)
    expect(requested.json<ClaimDetail>()).toMatchObject({ status: 'submitted', materialRequestedAt: expect.any(String) })
    expect((await act(t, inspector, claim.id, { action: 'request_material', note: '再要一次' })).statusCode).toBe(409)
    expect((await workerView(claim.id, worker.headers)).events?.find((e) => e.type === 'request_material')?.note).toContain('工资欠条或考勤记录')

    // The request was made eight calendar days ago (moved back in the row, as if time had passed).
    const requestedAt = new Date(Date.now() - 8 * 86_400_000)
    await t.app.db.execute(sql`update claims set material_requested_at = ${requestedAt.toISOString()}::timestamptz where id = ${claim.id}::uuid`)
    const received = await act(t, inspector, claim.id, { action: 'material_received' })
    expect(received.statusCode).toBe(200)
    const paused = t.app.calendar.workingDaysUntil(requestedAt, new Date())
    expect(paused).toBeGreaterThan(0)
    const row = (await t.app.repos.claims.findById(claim.id))!
    expect(row.acceptPausedDays).toBe(paused)
    expect(row.materialRequestedAt).toBeNull()
    const expected = acceptanceDeadline(t.app.calendar, { createdAt: new Date(claim.createdAt), acceptClockFrom: null, acceptPausedDays: paused })
    expect(received.json<ClaimDetail>().acceptDueAt).toBe(expected.dueAt.toISOString())
    expect(shanghaiDate(new Date(received.json<ClaimDetail>().acceptDueAt)) > shanghaiDate(new Date(claim.acceptDueAt))).toBe(true)
    expect(received.json<ClaimDetail>().events ?? []).toBeDefined()
  })

  it('a withdrawal after acceptance concludes the case', async () => {
    const { claim, worker } = await fileAs(t)
    expect((await act(t, inspector, claim.id, { action: 'accept' })).statusCode).toBe(200)
    const withdrawn = await t.app.inject({ method: 'POST', url: `/api/v1/claims/${claim.id}/withdraw`, headers: worker.headers, payload: { reason: '老板已经付了' } })
    expect(withdrawn.statusCode).toBe(200)
    expect(withdrawn.json<ClaimDetail>().status).toBe('withdrawn')
    expect((await t.app.repos.claims.findById(claim.id))?.finishedAt).not.toBeNull()
  })
})
