/**
 * One way to write money, periods, dates and who holds a claim on the inspector pages (issue 14):
 * money `5,000.00 元`, a period `2026年3月 至 2026年6月`, dates in Asia/Shanghai `2026年12月9日`.
 * No Taro import (unit-testable).
 */
import { formatFen } from '@huxin/shared/domain/money'
import { formatPeriod } from '@huxin/shared/domain/period'
import { formatShanghaiDate, formatShanghaiDateTime } from '../lib/dates'

/** 500000 → `5,000.00 元`. */
export const money = (fen: number) => `${formatFen(fen)} 元`

/** `2026-03`, `2026-06` → `2026年3月 至 2026年6月` (one month: `2026年3月`): shared/src/domain/period.ts. */
export const periodText = formatPeriod

/** An instant as its Shanghai date; `—` when missing or unreadable. */
export const shanghaiDay = (iso: string | undefined) => (iso ? (formatShanghaiDate(iso) ?? '—') : '—')

/** An instant as its Shanghai date and time; `—` when missing or unreadable. */
export const shanghaiDayTime = (iso: string | undefined) => (iso ? (formatShanghaiDateTime(iso) ?? '—') : '—')

/** Who holds a claim, as the desk shows it. */
export function holderText(assigneeId: string | undefined | null, me: string | undefined): string {
  if (!assigneeId) return '未分派'
  return assigneeId === me ? '本人' : '其他监察员'
}
