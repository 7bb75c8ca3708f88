/**
 * One way to write a wage period (months `YYYY-MM`) for people: `2026年3月`, and a span as
 * `2026年3月 至 2026年6月` (one month alone when both ends agree). Pure string work: safe in the
 * mini-program bundle.
 */

/** `2026-03` → `2026年3月`; other input is returned unchanged. */
export function formatMonth(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month)
  if (!match) return month
  return `${match[1]}年${Number(match[2])}月`
}

/** `2026-03`, `2026-06` → `2026年3月 至 2026年6月`; one month: `2026年3月`. */
export function formatPeriod(from: string, to: string): string {
  return from === to ? formatMonth(from) : `${formatMonth(from)} 至 ${formatMonth(to)}`
}
