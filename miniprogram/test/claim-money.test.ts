import { describe, expect, it } from 'vitest'
import { expectedFinish, recoveryLines } from '../src/pages/claims/detail/detail'
import { claimRow } from '../src/pages/claims/mine/list'
import type { Claim } from '@huxin/shared'

describe("the worker's ledger after reversals and disputes", () => {
  it('shows each payment once: a reversal marks the payment it cancels, which is no longer to confirm', () => {
    const lines = recoveryLines([
      { id: 'a', kind: 'wages', amountFen: 500_000, paidAt: '2026-11-10T04:00:00Z' },
      { id: 'b', kind: 'wages', amountFen: 2_000_000, paidAt: '2026-11-11T04:00:00Z', reversedBy: 'r' },
      { id: 'r', kind: 'wages', amountFen: -2_000_000, paidAt: '2026-11-11T04:00:00Z', reversalOf: 'b', reason: '多录了一个零' },
      { id: 'c', kind: 'wages', amountFen: 300_050, paidAt: '2026-11-12T04:00:00Z', dispute: { id: 'd', kind: 'wrong_amount', note: '只收到 2,000', createdAt: '2026-11-13T00:00:00Z' } },
    ])
    expect(lines.map((l) => l.id)).toEqual(['a', 'b', 'c'])
    expect(lines[0]).toMatchObject({ confirmable: true, amountFen: 500_000 })
    expect(lines[1]).toMatchObject({ confirmable: false, reversed: '多录了一个零' })
    expect(lines[2]).toMatchObject({ confirmable: false, disputed: '金额不对' })
    expect(lines[2]?.text).toContain('工资 3,000.50 元')
  })
})

describe('after acceptance and in the list', () => {
  const base = { status: 'investigating', closeDueAt: '2027-02-28T16:00:00Z', closeDueProvisional: false, recoveriesAwaitingConfirmation: 2 } as Partial<Claim>
  it('gives the expected finish date as a Shanghai date, only while the case is being handled', () => {
    expect(expectedFinish(base as Claim)).toBe('2027年3月1日')
    expect(expectedFinish({ ...base, closeDueProvisional: true } as Claim)).toBe('2027年3月1日（预计）')
    expect(expectedFinish({ ...base, status: 'closed' } as Claim)).toBeUndefined()
    expect(expectedFinish({ ...base, status: 'submitted', closeDueAt: undefined } as Claim)).toBeUndefined()
  })
  it('counts the payments awaiting the worker for the 待确认 badge', () => {
    const claim = { ...base, id: 'x', reference: 'JK-1', employer: { name: '某厂' }, amountOwedFen: 100, createdAt: '2026-11-01T00:00:00Z' } as Claim
    expect(claimRow(claim).awaitingConfirmation).toBe(2)
    expect(claimRow({ ...claim, recoveriesAwaitingConfirmation: undefined }).awaitingConfirmation).toBe(0)
  })
})
