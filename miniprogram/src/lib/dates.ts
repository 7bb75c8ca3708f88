/**
 * Dates as a worker reads them. Times travel in UTC (STYLE.md, 9) and are shown in Asia/Shanghai,
 * which is UTC+8 all year: a fixed shift avoids relying on `Intl` time-zone data, which some
 * mini-program JavaScript engines lack.
 */

import { SHANGHAI_OFFSET_MS } from '@huxin/shared/domain/shanghai-time'

/** `2026-03-14T16:30:00Z` → `2026年3月15日`; undefined for an unreadable date. */
export function formatShanghaiDate(iso: string): string | undefined {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return undefined
  const shifted = new Date(ms + SHANGHAI_OFFSET_MS)
  return `${shifted.getUTCFullYear()}年${shifted.getUTCMonth() + 1}月${shifted.getUTCDate()}日`
}

/** `2026-03` → `2026年3月` (the shared period formatter's month). */
export { formatMonth, formatPeriod } from '@huxin/shared/domain/period'

/** `2026-03-14T16:30:00Z` → `2026年3月15日 00:30` (Asia/Shanghai); undefined for an unreadable date. */
export function formatShanghaiDateTime(iso: string): string | undefined {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return undefined
  const shifted = new Date(ms + SHANGHAI_OFFSET_MS)
  const hh = String(shifted.getUTCHours()).padStart(2, '0')
  const mm = String(shifted.getUTCMinutes()).padStart(2, '0')
  return `${formatShanghaiDate(iso)} ${hh}:${mm}`
}
