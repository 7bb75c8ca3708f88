/**
 * The totals the database keeps itself (migration 0010: claim_groups.workers_total and
 * accepted_workers, employers.claims_count, stats_daily, stats_clue_employers, stats_open_due)
 * must always equal the totals recomputed from the rows (`huxin_rebuild_totals()`), whatever
 * path changed the rows: filings, every workflow transition, merges and splits, recoveries, plain
 * SQL. Group cases are counted once, on the day the group's accepted workers reach 5.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Claim } from '@huxin/shared'
import { useTestApp } from '../../helpers/app'
import { signInWorker } from '../../helpers/auth'
import { DATABASE_KINDS } from '../../helpers/database'
import { act, fileAs, postAs, type SignedInStaff, signInStaff } from '../../helpers/staff'
import { serveOverdueOrder } from '../../helpers/documents'
import { keptAndRebuiltTotals } from '../../helpers/totals'

describe.each(DATABASE_KINDS)('totals kept by the database on %s', (kind) => {
  const t = useTestApp(kind)
  let inspector: SignedInStaff
  let supervisor: SignedInStaff
  const yesterday = () => new Date(Date.now() - 3_600_000).toISOString()

  beforeAll(async () => {
    inspector = await signInStaff(t, 'inspector', ['yaoguan', 'henglin'])
    supervisor = await signInStaff(t, 'supervisor', [])
  })

  const query = async <Row,>(text: string, params: unknown[] = []) => (await t.database.handle.query<Row>(text, params)).rows
  const expectKeptEqualsRebuilt = async () => {
    const { kept, rebuilt } = await keptAndRebuiltTotals(t)
    expect(kept).toEqual(rebuilt)
  }

  const run = async (staff: SignedInStaff, id: string, ...steps: Record<string, unknown>[]) => {
    for (const step of steps) {
      const response = await act(t, staff, id, step)
      if (response.statusCode !== 200) throw new Error(`${String(step.action)}: ${response.body}`)
    }
  }

  it('counts a group case once, on the day its accepted workers first reach 5, in the town of the claim that made it', async () => {
    const group = { town: 'yaoguan' as const, employer: { name: '甲建设公司' }, project: { name: '一号工地' }, coWorkers: [] }
    const a = (await fileAs(t, { ...group, workersCount: 2 })).claim
    const b = (await fileAs(t, { ...group, workersCount: 2 })).claim
    const { claim: c, worker: cWorker } = await fileAs(t, { ...group, town: 'henglin', workersCount: 2 })
    const groupRow = async () =>
      (await query<{ workers_total: number; accepted_workers: number; group_case_at: Date | null; group_case_town: string | null }>(
        'select workers_total, accepted_workers, group_case_at, group_case_town from claim_groups where id = $1',
        [a.groupId],
      ))[0]!
    expect(await groupRow()).toMatchObject({ workers_total: 6, accepted_workers: 0, group_case_at: null })
    await run(inspector, a.id, { action: 'accept' })
    await run(inspector, b.id, { action: 'accept' })
    expect(await groupRow()).toMatchObject({ workers_total: 6, accepted_workers: 4, group_case_at: null })
    await run(inspector, c.id, { action: 'accept' })
    const marked = await groupRow()
    expect(marked).toMatchObject({ accepted_workers: 6, group_case_town: 'henglin' })
    expect(marked.group_case_at).not.toBeNull()
    // A worker withdrawing afterwards takes the group under 5 workers pursued; the case stays counted.
    const withdrawn = await t.app.inject({ method: 'POST', url: `/api/v1/claims/${c.id}/withdraw`, headers: cWorker.headers, payload: {} })
    expect(withdrawn.statusCode).toBe(200)
    expect(await groupRow()).toMatchObject({ workers_total: 4, accepted_workers: 6, group_case_at: marked.group_case_at })
    await expectKeptEqualsRebuilt()
  })

  it('equal the totals recomputed from the rows after filings, transitions, merges, splits, recoveries and clues', async () => {
    const base = { town: 'henglin' as const, employer: { name: '乙劳务公司' }, coWorkers: [] }
    // A finished case with money and enforcement.
    const done = (await fileAs(t, { ...base, workersCount: 3 })).claim
    await run(inspector, done.id, { action: 'accept' }, { action: 'investigate' }, { action: 'order_payment' })
    await serveOverdueOrder(t, inspector, done.id)
    await run(inspector, done.id, { action: 'transfer_police', unpaidProof: '银行流水显示仍未支付' })
    for (const [kindOf, amountFen] of [['wages', 120_000], ['compensation', 30_000], ['indemnity', 5_000], ['social_insurance', 8_000]] as const) {
      const response = await postAs(t, inspector, `/api/v1/claims/${done.id}/recoveries`, { kind: kindOf, amountFen, paidAt: yesterday() })
      expect(response.statusCode).toBe(201)
    }
    await run(inspector, done.id, { action: 'close' }, { action: 'apply_blacklist' })
    await expectKeptEqualsRebuilt()

    // Reopened by a supervisor, extended, resolved.
    await run(supervisor, done.id, { action: 'reopen', note: '发现新的欠薪事实' }, { action: 'extend', note: '案情复杂' })
    await run(inspector, done.id, { action: 'resolve' })
    // Rejected, then reopened (back to submitted) and accepted.
    const rejected = (await fileAs(t, { ...base, employer: { name: '丙公司' }, workersCount: 1 })).claim
    await run(inspector, rejected.id, { action: 'reject', note: '材料不全' })
    await run(supervisor, rejected.id, { action: 'reopen', note: '已补齐材料' })
    await run(inspector, rejected.id, { action: 'accept' })
    await expectKeptEqualsRebuilt()

    // Duplicates merged, then split out again; a claim split out of its group.
    const worker = await signInWorker(t)
    const first = (await fileAs(t, { ...base, workersCount: 2 }, worker)).claim
    const second = (await fileAs(t, { ...base, project: { name: '二号工地' }, workersCount: 4 }, worker)).claim
    await run(inspector, second.id, { action: 'accept' })
    const merged = await postAs(t, inspector, `/api/v1/claims/${second.id}/merge`, { intoClaimId: first.id })
    expect(merged.statusCode).toBe(200)
    await expectKeptEqualsRebuilt()
    const unmerged = await t.app.inject({ method: 'POST', url: `/api/v1/claims/${second.id}/split`, headers: inspector.headers, payload: {} })
    expect(unmerged.statusCode).toBe(200)
    const splitOut = await t.app.inject({ method: 'POST', url: `/api/v1/claims/${first.id}/split`, headers: inspector.headers, payload: {} })
    expect(splitOut.statusCode).toBe(200)
    expect(splitOut.json<Claim>().groupId).not.toBe(first.groupId)
    await expectKeptEqualsRebuilt()

    // Plain SQL, as an operator might: a claim becomes a national clue, a deadline moves to yesterday.
    await query(`update claims set source = 'national_platform' where id = $1`, [first.id])
    await query(`update claims set close_due_at = now() - interval '1 day' where id = $1`, [rejected.id])
    // Recoveries are append-only (migration 0018): SQL cannot correct or delete one; a reversal does.
    await expect(query(`update recoveries set amount_fen = amount_fen + 1 where claim_id = $1 and kind = 'indemnity'`, [done.id])).rejects.toThrow()
    await expect(query(`delete from recoveries where claim_id = $1 and kind = 'social_insurance'`, [done.id])).rejects.toThrow()
    const [social] = await query<{ id: string }>(`select id from recoveries where claim_id = $1 and kind = 'social_insurance'`, [done.id])
    const reversed = await postAs(t, supervisor, `/api/v1/claims/${done.id}/recoveries/${social?.id}/reversal`, { reason: '重复登记' })
    expect(reversed.statusCode).toBe(201)
    await expectKeptEqualsRebuilt()

    const stats = await t.app.inject({
      method: 'GET',
      url: `/api/v1/stats?from=${new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10)}&to=${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}&town=henglin`,
      headers: inspector.headers,
    })
    expect(stats.statusCode).toBe(200)
    expect(stats.json()).toMatchObject({ cluesReceived: 1, overdueClosure: 1, policeTransfers: 1, blacklistApplications: 1, socialInsurancePaidFen: 0 })
  })
})
