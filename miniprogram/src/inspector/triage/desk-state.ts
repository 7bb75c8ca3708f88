/**
 * The desk's view state — tab, filters, search, sort, page size, the rows loaded and where the
 * page was scrolled — kept in memory while the app runs, so opening a claim and coming back (or
 * the page being created again) finds the queue exactly as it was left (issue 14). No Taro import.
 */
import type { Claim } from '@huxin/shared/schemas/claim'
import type { TriageCounts, TriageItem, TriageSort } from '@huxin/shared/schemas/casework'

export type Tab = 'queue' | 'mine'
export type Row = (TriageItem | Claim) & { priority?: number; reasons?: TriageItem['reasons'] }

export const ALL_TOWNS = 'all'
export const PAGE_SIZES = [20, 50, 100] as const
export type PageSize = (typeof PAGE_SIZES)[number]

export interface DeskFilters {
  tab: Tab
  town: string
  overdue: boolean
  q: string
  sort: TriageSort
  order: 'asc' | 'desc'
  pageSize: PageSize
}

export interface DeskSnapshot {
  filters: DeskFilters
  rows: Row[]
  cursor: string | null
  counts: TriageCounts | undefined
  scrollTop: number
}

export const DEFAULT_FILTERS: DeskFilters = { tab: 'queue', town: ALL_TOWNS, overdue: false, q: '', sort: 'priority', order: 'desc', pageSize: 50 }

/** The natural direction of each sort (the server's default): largest first for numbers of weight. */
export const naturalOrder = (sort: TriageSort): 'asc' | 'desc' => (['priority', 'amount', 'workers'].includes(sort) ? 'desc' : 'asc')

let snapshot: DeskSnapshot | undefined

export const loadSnapshot = (): DeskSnapshot | undefined => snapshot
export function saveSnapshot(next: DeskSnapshot): void {
  snapshot = next
}
export function clearSnapshot(): void {
  snapshot = undefined
}

/** The query string of one triage page for these filters. */
export function triageQuery(filters: DeskFilters, cursor: string | null): string {
  const query: string[] = [`limit=${filters.pageSize}`, `sort=${filters.sort}`, `order=${filters.order}`]
  if (filters.town !== ALL_TOWNS) query.push(`town=${encodeURIComponent(filters.town)}`)
  if (filters.overdue) query.push('overdue=true')
  const q = filters.q.trim()
  if (q !== '') query.push(`q=${encodeURIComponent(q.slice(0, 100))}`)
  if (cursor) query.push(`cursor=${encodeURIComponent(cursor)}`)
  return query.join('&')
}

/** The columns the desk sorts by, with their headings. */
export const SORT_LABELS: Record<TriageSort, string> = {
  priority: '优先级',
  reference: '编号',
  employer: '用人单位',
  workers: '人数',
  amount: '欠薪金额',
  deadline: '受理期限',
  received: '收到时间',
}
