/**
 * `canReverse` on the staff's ledger lines: the page offers 冲正 only where the reversal route
 * would accept it — the recorder within 24 hours, a supervisor any time, never a reversal or an
 * entry already reversed, never the worker's view. The route keeps its own check.
 */
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ClaimDetail, Recovery } from '@huxin/shared'
import { rawRow } from '../../../src/db/raw'
import { useTestApp } from '../../helpers/app'
import { DATABASE_KINDS } from '../../helpers/database'
import { act, fileAs, postAs, signInStaff, type SignedInStaff } from '../../helpers/staff'

describe.each(DATABASE_KINDS)('who is offered a reversal, on %s', (kind) => {
  const t = useTestApp(kind)
  let recorder: SignedInStaff
  let colleague: SignedInStaff
  let supervisor: SignedInStaff
  beforeAll(async () => {
    recorder = await signInStaff(t, 'inspector', ['yaoguan'])
    colleague = await signInStaff(t, 'inspector', ['yaoguan'])
    supervisor = await signInStaff(t, 'supervisor', [])
  })

  const rights = async (claimId: string, headers: Record<string, string>) => {
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claimId}`, headers })).json<ClaimDetail>()
    const list = (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claimId}/recoveries`, headers })).json<{ items: Recovery[] }>()
    const fromDetail = Object.fromEntries((detail.recoveries ?? []).map((r) => [r.id, r.canReverse]))
    // The claim view and the ledger route say the same.
    expect(Object.fromEntries(list.items.map((r) => [r.id, r.canReverse]))).toEqual(fromDetail)
    return fromDetail
  }

  it('offers 冲正 to the recorder within a day and to a supervisor, and matches what the route accepts', async () => {
    const { claim, worker } = await fileAs(t, { amountOwedFen: 900_000 })
    expect((await act(t, recorder, claim.id, { action: 'accept' })).statusCode).toBe(200)
    const fresh = (
      await postAs(t, recorder, `/api/v1/claims/${claim.id}/recoveries`, { kind: 'wages', amountFen: 100_000, paidAt: new Date(Date.now() - 86_400_000).toISOString() })
    ).json<Recovery>()
    const old = await rawRow<{ id: string }>(
      t.database.handle.db,
      sql`insert into recoveries (id, claim_id, kind, amount_fen, paid_at, recorded_by, created_at)
          values (gen_random_uuid(), ${claim.id}::uuid, 'wages', 200000, now() - interval '2 days', ${recorder.id}::uuid, now() - interval '25 hours')
          returning id`,
    )
    const oldId = old!.id

    expect(await rights(claim.id, recorder.headers)).toEqual({ [fresh.id]: true, [oldId]: false })
    expect(await rights(claim.id, colleague.headers)).toEqual({ [fresh.id]: false, [oldId]: false })
    expect(await rights(claim.id, supervisor.headers)).toEqual({ [fresh.id]: true, [oldId]: true })
    // The worker's view carries no such flag.
    expect(await rights(claim.id, worker.headers)).toEqual({ [fresh.id]: undefined, [oldId]: undefined })

    // What was refused on the page is refused by the route too; what was offered works.
    const reverse = (id: string, who: SignedInStaff) => postAs(t, who, `/api/v1/claims/${claim.id}/recoveries/${id}/reversal`, { reason: '录错了' })
    expect((await reverse(fresh.id, colleague)).statusCode).toBe(403)
    expect((await reverse(oldId, recorder)).statusCode).toBe(403)
    const reversal = await reverse(fresh.id, recorder)
    expect(reversal.statusCode).toBe(201)

    // Neither the reversed entry nor the reversal itself is offered again, even to a supervisor.
    const after = await rights(claim.id, supervisor.headers)
    expect(after).toEqual({ [fresh.id]: false, [reversal.json<Recovery>().id]: false, [oldId]: true })
  })
})
