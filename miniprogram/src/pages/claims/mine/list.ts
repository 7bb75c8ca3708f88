/**
 * Pure logic of 我的投诉 (pages/claims/mine): merging pages of `GET /api/v1/claims` and what each
 * row says. No Taro import (test/claims-list.test.ts).
 */
import type { Claim } from '@huxin/shared'
import { formatFen } from '@huxin/shared/domain/money'
import { CLAIM_STATUS_LABELS } from '@huxin/shared/domain/claim-status'
import { formatShanghaiDate } from '../../../lib/dates'

export const PAGE_SIZE = 20

export interface ClaimListState {
  items: Claim[]
  /** `null` once the last page arrived. */
  nextCursor: string | null
}

export const EMPTY_LIST: ClaimListState = { items: [], nextCursor: null }

function newestFirst(a: Claim, b: Claim): number {
  const at = Date.parse(a.createdAt)
  const bt = Date.parse(b.createdAt)
  if (Number.isNaN(at) || Number.isNaN(bt) || at === bt) return 0
  return bt - at
}

/**
 * Adds a page to the list. `replace` (first page, pull-to-refresh) starts over; `append` (next
 * page) adds after what is shown. A claim can arrive twice — a new claim filed between two page
 * loads pushes the older ones down a page — and is shown once, with its latest data. Newest first.
 */
export function mergeClaimPage(
  state: ClaimListState,
  page: { items: readonly Claim[]; nextCursor: string | null },
  mode: 'replace' | 'append',
): ClaimListState {
  const base = mode === 'replace' ? [] : state.items
  const byId = new Map(page.items.map((claim) => [claim.id, claim]))
  const kept = base.map((claim) => byId.get(claim.id) ?? claim)
  const seen = new Set(kept.map((claim) => claim.id))
  const added = page.items.filter((claim) => {
    if (seen.has(claim.id)) return false
    seen.add(claim.id)
    return true
  })
  // A stable sort keeps the server's order where the dates agree with it.
  const items = [...kept, ...added].sort(newestFirst)
  return { items, nextCursor: page.nextCursor }
}

export interface ClaimRow {
  id: string
  reference: string
  employer: string
  amount: string
  status: string
  filedOn: string
  /** Still being handled: shown in blue; finished ones in grey. */
  open: boolean
  /** Payments recorded that the worker has not confirmed yet (the 待确认 badge). */
  awaitingConfirmation: number
}

const FINISHED: ReadonlyArray<Claim['status']> = ['rejected', 'resolved', 'closed', 'withdrawn']

export function claimRow(claim: Claim): ClaimRow {
  return {
    id: claim.id,
    reference: claim.reference,
    employer: claim.employer.name,
    amount: `${formatFen(claim.amountOwedFen)} 元`,
    status: CLAIM_STATUS_LABELS[claim.status] ?? claim.status,
    filedOn: formatShanghaiDate(claim.createdAt) ?? '',
    open: !FINISHED.includes(claim.status),
    awaitingConfirmation: claim.recoveriesAwaitingConfirmation ?? 0,
  }
}
