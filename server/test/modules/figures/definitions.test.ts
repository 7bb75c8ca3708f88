import { describe, expect, it } from 'vitest'
import type { Stats } from '@huxin/shared'
import { useTestApp } from '../../helpers/app'
import { DATABASE_KINDS } from '../../helpers/database'
import { act, fileAs, postAs, signInStaff } from '../../helpers/staff'
import { keptAndRebuiltTotals } from '../../helpers/totals'
import { serveOverdueOrder } from '../../helpers/documents'

describe.each(DATABASE_KINDS)('figures defined as the seed means them, on %s', (kind) => {
  const t = useTestApp(kind)

  it('counts a claim withdrawn after acceptance as concluded, and one withdrawn before acceptance not at all', async () => {
    const inspector = await signInStaff(t, 'inspector', ['hengshanqiao'])
    const town = { town: 'hengshanqiao' as const, coWorkers: [] }
    const { claim: accepted, worker } = await fileAs(t, { ...town, employer: { name: '横山桥甲公司' } })
    expect((await act(t, inspector, accepted.id, { action: 'accept' })).statusCode).toBe(200)
    const { claim: early, worker: earlyWorker } = await fileAs(t, { ...town, employer: { name: '横山桥乙公司' } })
    const { claim: open } = await fileAs(t, { ...town, employer: { name: '横山桥丙公司' } })
    expect((await act(t, inspector, open.id, { action: 'accept' })).statusCode).toBe(200)

    const stats = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/stats?town=hengshanqiao', headers: inspector.headers })).json<Stats>()
    expect(await stats()).toMatchObject({ complaintsAccepted: 2, closedCases: 0, closureRate: 0 })

    const withdraw = (id: string, headers: Record<string, string>) => t.app.inject({ method: 'POST', url: `/api/v1/claims/${id}/withdraw`, headers, payload: {} })
    expect((await withdraw(accepted.id, worker.headers)).statusCode).toBe(200)
    expect((await withdraw(early.id, earlyWorker.headers)).statusCode).toBe(200)
    expect(await stats()).toMatchObject({ complaintsAccepted: 2, closedCases: 1, closureRate: 1 / 2 })

    const { kept, rebuilt } = await keptAndRebuiltTotals(t)
    expect(kept).toEqual(rebuilt)
  })

  it('a merge that brings a group back under 5 workers un-marks it; reaching 5 again marks it again', async () => {
    const inspector = await signInStaff(t, 'inspector', ['qishuyan'])
    const group = { town: 'qishuyan' as const, employer: { name: '戚墅堰某劳务公司' }, project: { name: '某厂房工程' }, coWorkers: [] }
    const a = (await fileAs(t, { ...group, workersCount: 3 })).claim
    const b = (await fileAs(t, { ...group, workersCount: 3 })).claim
    for (const id of [a.id, b.id]) expect((await act(t, inspector, id, { action: 'accept' })).statusCode).toBe(200)
    const groupCases = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/stats?town=qishuyan', headers: inspector.headers })).json<Stats>().groupCases
    expect(await groupCases()).toBe(1)

    // b was the same three workers as a: merged, the group has 3 accepted workers.
    const merged = await postAs(t, inspector, `/api/v1/claims/${b.id}/merge`, { intoClaimId: a.id })
    expect(merged.statusCode).toBe(200)
    expect(await groupCases()).toBe(0)

    const c = (await fileAs(t, { ...group, workersCount: 2 })).claim
    expect((await act(t, inspector, c.id, { action: 'accept' })).statusCode).toBe(200)
    expect(await groupCases()).toBe(1)
    const { kept, rebuilt } = await keptAndRebuiltTotals(t)
    expect(kept).toEqual(rebuilt)
  })

  it('counts police transfers and blacklist applications per enterprise beside the per-claim counts', async () => {
    const inspector = await signInStaff(t, 'inspector', ['dingyan'])
    const transfer = async (employer: string) => {
      const { claim } = await fileAs(t, { town: 'dingyan', coWorkers: [], employer: { name: employer }, project: { name: `${employer}的工地` } })
      for (const step of [{ action: 'accept' }, { action: 'investigate' }, { action: 'order_payment' }]) {
        expect((await act(t, inspector, claim.id, step)).statusCode).toBe(200)
      }
      // The police transfer's gate needs the served order to pay, overdue (modules/documents).
      await serveOverdueOrder(t, inspector, claim.id)
      expect((await act(t, inspector, claim.id, { action: 'transfer_police', unpaidProof: '银行流水显示仍未支付' })).statusCode).toBe(200)
      return claim
    }
    await transfer('丁堰甲公司')
    await transfer('丁堰甲公司')
    const other = await transfer('丁堰乙公司')
    expect((await act(t, inspector, other.id, { action: 'apply_blacklist' })).statusCode).toBe(200)
    const stats = (await t.app.inject({ method: 'GET', url: '/api/v1/stats?town=dingyan', headers: inspector.headers })).json<Stats>()
    expect(stats).toMatchObject({ policeTransfers: 3, policeTransferEnterprises: 2, blacklistApplications: 1, blacklistEnterprises: 1 })
  })
})
