/**
 * The claimant's dispute of a recorded payment (没收到 / 金额不对): only the claimant files it; it
 * reaches the inspector as a timeline event, on the ledger line and as a triage reason with more
 * priority while it stays open; a reversal, a later confirmation or staff's finding settle it.
 */
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ClaimDetail, ErrorResponse, Recovery, RecoveryDispute, TriageItem } from '@huxin/shared'
import { rawRow } from '../../../src/db/raw'
import { useTestApp } from '../../helpers/app'
import { signInWorker } from '../../helpers/auth'
import { DATABASE_KINDS } from '../../helpers/database'
import { act, fileAs, postAs, signInStaff, type SignedInStaff } from '../../helpers/staff'

describe.each(DATABASE_KINDS)('recovery disputes on %s', (kind) => {
  const t = useTestApp(kind)
  let inspector: SignedInStaff
  beforeAll(async () => {
    inspector = await signInStaff(t, 'inspector', ['yaoguan'])
  })

  const yesterday = () => new Date(Date.now() - 86_400_000).toISOString()
  const withPayment = async (amountFen = 500_000) => {
    const filed = await fileAs(t, { amountOwedFen: 1_250_000 })
    expect((await act(t, inspector, filed.claim.id, { action: 'accept' })).statusCode).toBe(200)
    expect((await act(t, inspector, filed.claim.id, { action: 'investigate' })).statusCode).toBe(200)
    const recorded = await postAs(t, inspector, `/api/v1/claims/${filed.claim.id}/recoveries`, { kind: 'wages', amountFen, paidAt: yesterday() })
    expect(recorded.statusCode).toBe(201)
    return { ...filed, recovery: recorded.json<Recovery>() }
  }
  const dispute = (claimId: string, recoveryId: string, headers: Record<string, string>, body: Record<string, unknown> = { kind: 'not_received', note: '银行卡没有到账' }) =>
    t.app.inject({ method: 'POST', url: `/api/v1/claims/${claimId}/recoveries/${recoveryId}/dispute`, headers, payload: body })
  const triageItem = async (claimId: string) => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/triage?status=investigating&limit=100', headers: inspector.headers })
    expect(response.statusCode).toBe(200)
    return response.json<{ items: TriageItem[] }>().items.find((i) => i.id === claimId)
  }

  it('lets only the claimant dispute; the inspector sees it in the timeline, on the ledger line and in the triage reasons', async () => {
    const { claim, worker, recovery } = await withPayment()
    const before = await triageItem(claim.id)
    expect(before?.reasons.map((r) => r.code)).not.toContain('recovery_disputed')

    const stranger = await signInWorker(t)
    expect((await dispute(claim.id, recovery.id, stranger.headers)).statusCode).toBe(404)
    expect((await dispute(claim.id, recovery.id, inspector.headers)).statusCode).toBe(403)
    const bad = await dispute(claim.id, recovery.id, worker.headers, { kind: 'lost', note: 'x' })
    expect(bad.statusCode).toBe(400)
    expect(JSON.stringify(bad.json<ErrorResponse>().error.details)).toContain('kind')
    const blank = await dispute(claim.id, recovery.id, worker.headers, { kind: 'wrong_amount', note: '   ' })
    expect(blank.statusCode).toBe(400)
    expect(JSON.stringify(blank.json<ErrorResponse>().error.details)).toContain('note')

    const filed = await dispute(claim.id, recovery.id, worker.headers)
    expect(filed.statusCode, filed.body).toBe(201)
    expect(filed.json<RecoveryDispute>()).toMatchObject({ recoveryId: recovery.id, kind: 'not_received', note: '银行卡没有到账' })
    expect((await dispute(claim.id, recovery.id, worker.headers)).statusCode).toBe(409)

    const seen = (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers: inspector.headers })).json<ClaimDetail>()
    expect(seen.events?.find((e) => e.type === 'recovery_disputed')?.note).toContain('没收到')
    expect(seen.recoveries?.find((r) => r.id === recovery.id)?.dispute).toMatchObject({ kind: 'not_received', note: '银行卡没有到账' })
    const after = await triageItem(claim.id)
    const reason = after?.reasons.find((r) => r.code === 'recovery_disputed')
    expect(reason?.label).toBe('工资到账有异议')
    expect(after!.priority).toBe(before!.priority + reason!.points)
    expect(reason!.points).toBeGreaterThan(0)

    // Staff record what they found: the dispute closes and the triage reason goes.
    const resolved = await postAs(t, inspector, `/api/v1/claims/${claim.id}/recoveries/${recovery.id}/dispute/resolution`, { note: '已联系单位补发' })
    expect(resolved.statusCode).toBe(200)
    expect((await triageItem(claim.id))?.reasons.map((r) => r.code)).not.toContain('recovery_disputed')
  })

  it('is settled by a reversal or by the claimant confirming after all; a reversed or confirmed payment cannot be disputed', async () => {
    const first = await withPayment()
    expect((await dispute(first.claim.id, first.recovery.id, first.worker.headers, { kind: 'wrong_amount', note: '只收到 4,000 元' })).statusCode).toBe(201)
    const reversed = await postAs(t, inspector, `/api/v1/claims/${first.claim.id}/recoveries/${first.recovery.id}/reversal`, { reason: '实付 4,000 元，重新登记' })
    expect(reversed.statusCode).toBe(201)
    const open = await rawRow<{ n: number }>(t.database.handle.db, sql`select count(*)::int as n from recovery_disputes where claim_id = ${first.claim.id}::uuid and resolved_at is null`)
    expect(open?.n).toBe(0)
    expect((await dispute(first.claim.id, first.recovery.id, first.worker.headers)).statusCode).toBe(409)
    expect((await dispute(first.claim.id, reversed.json<Recovery>().id, first.worker.headers)).statusCode).toBe(409)

    const second = await withPayment()
    // The worker's list shows the payment awaiting confirmation (待确认) until it is disputed or confirmed.
    const awaiting = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/claims', headers: second.worker.headers }))
        .json<{ items: { id: string; recoveriesAwaitingConfirmation?: number }[] }>()
        .items.find((c) => c.id === second.claim.id)?.recoveriesAwaitingConfirmation ?? 0
    expect(await awaiting()).toBe(1)
    expect((await dispute(second.claim.id, second.recovery.id, second.worker.headers)).statusCode).toBe(201)
    expect(await awaiting()).toBe(0)
    const confirm = await t.app.inject({ method: 'POST', url: `/api/v1/claims/${second.claim.id}/recoveries/${second.recovery.id}/confirm`, headers: second.worker.headers })
    expect(confirm.statusCode).toBe(200)
    expect((await triageItem(second.claim.id))?.reasons.map((r) => r.code)).not.toContain('recovery_disputed')
    expect((await dispute(second.claim.id, second.recovery.id, second.worker.headers)).statusCode).toBe(409)
  })

  it('records the amount on the recovery event, for the notification to name it', async () => {
    const { claim } = await withPayment(500_000)
    const event = await rawRow<{ detail: { amountFen: number } }>(
      t.database.handle.db,
      sql`select detail from claim_events where claim_id = ${claim.id}::uuid and type = 'recovery_recorded'`,
    )
    expect(event?.detail.amountFen).toBe(500_000)
    const queued = await rawRow<{ n: number }>(
      t.database.handle.db,
      sql`select count(*)::int as n from notification_outbox o join claim_events e on e.id = o.event_id where o.claim_id = ${claim.id}::uuid and e.type = 'recovery_recorded'`,
    )
    expect(queued?.n).toBe(1)
  })
})
