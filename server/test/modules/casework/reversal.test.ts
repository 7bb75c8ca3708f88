/**
 * Reversals (冲正) of recorded recoveries: who may reverse and when, once, never a reversal; the
 * ledger, the claim's totals, the daily figures and the national platform's result follow; the
 * database refuses any other correction (append-only ledger, migration 0018).
 */
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ClaimDetail, ErrorResponse, Recovery } from '@huxin/shared'
import { rawRow, rawRows } from '../../../src/db/raw'
import { useTestApp } from '../../helpers/app'
import { DATABASE_KINDS } from '../../helpers/database'
import { act, fileAs, postAs, signInStaff, type SignedInStaff } from '../../helpers/staff'

describe.each(DATABASE_KINDS)('recovery reversals on %s', (kind) => {
  const t = useTestApp(kind)
  let inspector: SignedInStaff
  let colleague: SignedInStaff
  let supervisor: SignedInStaff
  beforeAll(async () => {
    inspector = await signInStaff(t, 'inspector', ['yaoguan'])
    colleague = await signInStaff(t, 'inspector', ['yaoguan'])
    supervisor = await signInStaff(t, 'supervisor', [])
  })

  const yesterday = () => new Date(Date.now() - 86_400_000).toISOString()
  const accepted = async () => {
    const filed = await fileAs(t, { amountOwedFen: 1_250_000 })
    expect((await act(t, inspector, filed.claim.id, { action: 'accept' })).statusCode).toBe(200)
    return filed
  }
  const record = async (claimId: string, amountFen: number, who = inspector) => {
    const response = await postAs(t, who, `/api/v1/claims/${claimId}/recoveries`, { kind: 'wages', amountFen, paidAt: yesterday() })
    expect(response.statusCode, response.body).toBe(201)
    return response.json<Recovery>()
  }
  const reverse = (claimId: string, recoveryId: string, who: SignedInStaff, reason = '金额录入错误') =>
    postAs(t, who, `/api/v1/claims/${claimId}/recoveries/${recoveryId}/reversal`, { reason })
  const detail = async (claimId: string, headers: Record<string, string>) =>
    (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claimId}`, headers })).json<ClaimDetail>()
  const wagesFigure = async () => {
    const year = new Date().getUTCFullYear()
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/stats?from=${year - 1}-01-01&to=${year + 1}-12-31&town=yaoguan`, headers: supervisor.headers })
    expect(response.statusCode).toBe(200)
    return response.json<{ wagesRecoveredFen: number }>().wagesRecoveredFen
  }

  it('lets the recorder reverse within 24 hours: a negative entry linked to the original; totals, figures and the worker follow', async () => {
    const { claim, worker } = await accepted()
    const before = await wagesFigure()
    const wrong = await record(claim.id, 500_000)
    expect(await wagesFigure()).toBe(before + 500_000)

    const response = await reverse(claim.id, wrong.id, inspector)
    expect(response.statusCode, response.body).toBe(201)
    const reversal = response.json<Recovery>()
    expect(reversal).toMatchObject({ amountFen: -500_000, kind: 'wages', reversalOf: wrong.id, reason: '金额录入错误', recordedBy: inspector.id })

    expect(await wagesFigure()).toBe(before)
    const seen = await detail(claim.id, worker.headers)
    expect(seen.recoveredFen.wages).toBe(0)
    expect(seen.outstandingFen).toBe(1_250_000)
    expect(seen.recoveries?.find((r) => r.id === wrong.id)?.reversedBy).toBe(reversal.id)
    // Who recorded it is for staff (it decides who may reverse), not the worker.
    expect(seen.recoveries?.every((r) => r.recordedBy === undefined)).toBe(true)
    const staffView = await detail(claim.id, inspector.headers)
    expect(staffView.recoveries?.find((r) => r.id === wrong.id)?.recordedBy).toBe(inspector.id)
    const event = seen.events?.find((e) => e.type === 'recovery_reversed')
    expect(event?.note).toContain('-5,000.00')
    expect(event?.note).toContain('金额录入错误')
  })

  it('allows one reversal per recovery (409 on a second) and none of a reversal', async () => {
    const { claim } = await accepted()
    const paid = await record(claim.id, 300_000)
    const first = await reverse(claim.id, paid.id, inspector)
    expect(first.statusCode).toBe(201)
    const again = await reverse(claim.id, paid.id, supervisor)
    expect(again.statusCode).toBe(409)
    expect(again.json<ErrorResponse>().error.code).toBe('ALREADY_REVERSED')
    const ofReversal = await reverse(claim.id, first.json<Recovery>().id, supervisor)
    expect(ofReversal.statusCode).toBe(409)
    expect(ofReversal.json<ErrorResponse>().error.code).toBe('REVERSAL_OF_REVERSAL')
    const rows = await rawRow<{ n: number }>(t.database.handle.db, sql`select count(*)::int as n from recoveries where claim_id = ${claim.id}::uuid`)
    expect(rows?.n).toBe(2)
  })

  it('refuses another inspector, the recorder after 24 hours, and a missing reason; a supervisor may any time', async () => {
    const { claim, worker } = await accepted()
    const paid = await record(claim.id, 100_000)
    const byColleague = await reverse(claim.id, paid.id, colleague)
    expect(byColleague.statusCode).toBe(403)
    expect(byColleague.json<ErrorResponse>().error.code).toBe('REVERSAL_NOT_ALLOWED')
    const empty = await postAs(t, inspector, `/api/v1/claims/${claim.id}/recoveries/${paid.id}/reversal`, { reason: '  ' })
    expect(empty.statusCode).toBe(400)
    expect(JSON.stringify(empty.json<ErrorResponse>().error.details)).toContain('reason')
    const missing = await postAs(t, inspector, `/api/v1/claims/${claim.id}/recoveries/${paid.id}/reversal`, {})
    expect(missing.statusCode).toBe(400)
    // A worker may not reverse.
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/claims/${claim.id}/recoveries/${paid.id}/reversal`, headers: worker.headers, payload: { reason: 'x' } })).statusCode).toBe(403)

    // Recorded 25 hours ago by the inspector (inserted as the ledger would have stored it then).
    const old = await rawRow<{ id: string }>(
      t.database.handle.db,
      sql`insert into recoveries (id, claim_id, kind, amount_fen, paid_at, recorded_by, created_at)
          values (gen_random_uuid(), ${claim.id}::uuid, 'wages', 200000, now() - interval '2 days', ${inspector.id}::uuid, now() - interval '25 hours')
          returning id`,
    )
    const late = await reverse(claim.id, old!.id, inspector)
    expect(late.statusCode).toBe(403)
    expect(late.json<ErrorResponse>().error.message).toContain('24 小时')
    const bySupervisor = await reverse(claim.id, old!.id, supervisor, '付款人退回')
    expect(bySupervisor.statusCode).toBe(201)
    // Not the claim's recovery, or another town's claim: 404.
    const other = (await accepted()).claim
    expect((await reverse(other.id, paid.id, inspector)).statusCode).toBe(404)
    const townB = await signInStaff(t, 'inspector', ['henglin'])
    expect((await reverse(claim.id, paid.id, townB)).statusCode).toBe(404)
  })

  it('sends the national platform the corrected result when a finished case is reversed', async () => {
    const { claim } = await accepted()
    const paid = await record(claim.id, 1_250_000)
    for (const action of ['investigate', 'resolve']) expect((await act(t, inspector, claim.id, { action })).statusCode).toBe(200)
    const results = async () =>
      (
        await rawRows<{ payload: { amountRecoveredFen: number; outcome: string } }>(
          t.database.handle.db,
          sql`select payload from national_outbox where claim_id = ${claim.id}::uuid and kind = 'result' order by seq`,
        )
      ).map((r) => r.payload)
    expect(await results()).toMatchObject([{ amountRecoveredFen: 1_250_000, outcome: 'PAID_IN_FULL' }])
    expect((await reverse(claim.id, paid.id, supervisor, '银行退票')).statusCode).toBe(201)
    expect(await results()).toMatchObject([
      { amountRecoveredFen: 1_250_000, outcome: 'PAID_IN_FULL' },
      { amountRecoveredFen: 0, outcome: 'NOT_SUBSTANTIATED' },
    ])
  })

  it('keeps the ledger append-only in the database: no update of amounts, no delete, reversals must mirror', async () => {
    const { claim } = await accepted()
    const paid = await record(claim.id, 50_000)
    const db = t.database.handle.db
    /** The database's own words when it refuses the statement (drizzle wraps them as the cause). */
    const refusal = async (statement: ReturnType<typeof sql>) => {
      const error = await rawRow(db, statement).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error, 'the statement was accepted').toBeInstanceOf(Error)
      const cause = (error as Error).cause
      return `${(error as Error).message} ${cause instanceof Error ? cause.message : ''}`
    }
    expect(await refusal(sql`update recoveries set amount_fen = 1 where id = ${paid.id}::uuid`)).toMatch(/append-only/)
    expect(await refusal(sql`update recoveries set kind = 'indemnity' where id = ${paid.id}::uuid`)).toMatch(/append-only/)
    expect(await refusal(sql`delete from recoveries where id = ${paid.id}::uuid`)).toMatch(/append-only/)
    // A negative entry that is not a mirrored reversal is refused.
    expect(
      await refusal(sql`insert into recoveries (id, claim_id, kind, amount_fen, paid_at) values (gen_random_uuid(), ${claim.id}::uuid, 'wages', -50000, now())`),
    ).toMatch(/recoveries_amount_sign/)
    expect(
      await refusal(
        sql`insert into recoveries (id, claim_id, kind, amount_fen, paid_at, reversal_of, reason)
            values (gen_random_uuid(), ${claim.id}::uuid, 'wages', -40000, now(), ${paid.id}::uuid, 'x')`,
      ),
    ).toMatch(/mirrors/)
    // The claimant's confirmation still updates the row.
    await expect(rawRow(db, sql`update recoveries set confirmed_at = now() where id = ${paid.id}::uuid returning id`)).resolves.toMatchObject({ id: paid.id })
    const stored = await rawRow<{ amount_fen: string | number }>(db, sql`select amount_fen from recoveries where id = ${paid.id}::uuid`)
    expect(Number(stored?.amount_fen)).toBe(50_000)
  })
})
