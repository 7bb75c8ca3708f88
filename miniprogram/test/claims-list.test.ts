import { describe, expect, it } from 'vitest'
import { claimRow, EMPTY_LIST, mergeClaimPage } from '../src/pages/claims/mine/list'
import { makeClaim } from './fixtures'

const claim = (n: number, createdAt: string, extra = {}) =>
  makeClaim({ id: `00000000-0000-4000-8000-00000000000${n}`, reference: `JK-${n}`, createdAt, ...extra })

describe('mergeClaimPage', () => {
  const c5 = claim(5, '2026-11-05T00:00:00Z')
  const c4 = claim(4, '2026-11-04T00:00:00Z')
  const c3 = claim(3, '2026-11-03T00:00:00Z')
  const c2 = claim(2, '2026-11-02T00:00:00Z')
  const c1 = claim(1, '2026-11-01T00:00:00Z')

  it('shows the first page and remembers the cursor', () => {
    const state = mergeClaimPage(EMPTY_LIST, { items: [c5, c4], nextCursor: 'p2' }, 'replace')
    expect(state.items.map((c) => c.reference)).toEqual(['JK-5', 'JK-4'])
    expect(state.nextCursor).toBe('p2')
  })

  it('appends the next page and stops at a null cursor', () => {
    let state = mergeClaimPage(EMPTY_LIST, { items: [c5, c4], nextCursor: 'p2' }, 'replace')
    state = mergeClaimPage(state, { items: [c3, c2], nextCursor: 'p3' }, 'append')
    state = mergeClaimPage(state, { items: [c1], nextCursor: null }, 'append')
    expect(state.items.map((c) => c.reference)).toEqual(['JK-5', 'JK-4', 'JK-3', 'JK-2', 'JK-1'])
    expect(state.nextCursor).toBeNull()
  })

  it('shows a claim that arrives twice once, with its latest data, newest first', () => {
    let state = mergeClaimPage(EMPTY_LIST, { items: [c4, c3], nextCursor: 'p2' }, 'replace')
    const c3accepted = { ...c3, status: 'accepted' as const }
    state = mergeClaimPage(state, { items: [c3accepted, c2], nextCursor: null }, 'append')
    expect(state.items.map((c) => c.reference)).toEqual(['JK-4', 'JK-3', 'JK-2'])
    expect(state.items[1]?.status).toBe('accepted')
  })

  it('starts over on refresh, so a new claim shows at the top and gone ones disappear', () => {
    let state = mergeClaimPage(EMPTY_LIST, { items: [c4, c3], nextCursor: 'p2' }, 'replace')
    state = mergeClaimPage(state, { items: [c5, c4], nextCursor: 'p2b' }, 'replace')
    expect(state.items.map((c) => c.reference)).toEqual(['JK-5', 'JK-4'])
    expect(state.nextCursor).toBe('p2b')
  })

  it('keeps the server order when dates are equal or unreadable', () => {
    const a = claim(1, '2026-11-01T00:00:00Z')
    const b = claim(2, '2026-11-01T00:00:00Z')
    expect(mergeClaimPage(EMPTY_LIST, { items: [b, a], nextCursor: null }, 'replace').items.map((c) => c.reference)).toEqual(['JK-2', 'JK-1'])
  })
})

describe('claimRow', () => {
  it('says reference, employer, amount in yuan, status and date', () => {
    expect(claimRow(makeClaim({ createdAt: '2026-11-27T17:00:00Z' }))).toEqual({
      id: '00000000-0000-4000-8000-000000000001',
      reference: 'JK-20261128-0042',
      employer: '某某建筑工程有限公司',
      amount: '8,000.50 元',
      status: '已提交，等待受理',
      filedOn: '2026年11月28日',
      open: true,
      awaitingConfirmation: 0,
    })
    expect(claimRow(makeClaim({ status: 'withdrawn' }))).toMatchObject({ status: '已撤回', open: false })
  })
})
