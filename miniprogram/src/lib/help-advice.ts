/**
 * 找帮助's advice (issue 14): which one to three places to show first as cards above the map, and
 * one plain status line per place instead of two labels (营业中/已下班 beside 正常办公).
 * For unpaid wages the labour-inspection brigade, the town's labour station and the 12333 line are
 * the right first steps; a court is for later, however near. No Taro import (test/help-advice.test.ts).
 */
import { WEEKDAYS, minutesOf } from '@huxin/shared/domain/help-points'
import { shanghaiTimeOfDay } from '@huxin/shared/domain/shanghai-time'
import type { HelpPointItem, HelpPointKind, Weekday, WeeklyHours } from '../api/help-points-types'

/** Kinds a worker with unpaid wages should go to first, best first (12333 is a channel, not a point). */
export const UNPAID_WAGES_FIRST: readonly HelpPointKind[] = ['labour_inspection', 'labour_station']
/** Then these, in order; a court last. */
const THEN: readonly HelpPointKind[] = ['arbitration', 'legal_aid', 'trade_union', 'court']

/** A place farther than this is not put first just for its kind: the nearest suitable one is. */
const REASONABLE_M = 15_000

function rank(kind: HelpPointKind): number {
  const first = UNPAID_WAGES_FIRST.indexOf(kind)
  if (first >= 0) return first
  const then = THEN.indexOf(kind)
  return then >= 0 ? UNPAID_WAGES_FIRST.length + then : 99
}

/**
 * The places shown first (at most `max`): among those within reach, the recommended kinds before
 * the rest (a brigade 3 km away before a court 100 m away), nearest first within a kind; one per
 * kind, so the cards offer a choice; then the nearest of what is left.
 */
export function recommendedPoints<T extends Pick<HelpPointItem, 'id' | 'kind' | 'distanceM' | 'status'>>(points: readonly T[], max = 3): T[] {
  const usable = points.filter((p) => p.status !== 'suspended')
  const near = usable.filter((p) => (p.distanceM ?? Infinity) <= REASONABLE_M)
  const pool = near.length > 0 ? near : usable.slice(0, 1)
  const sorted = pool.slice().sort((a, b) => rank(a.kind) - rank(b.kind) || (a.distanceM ?? Infinity) - (b.distanceM ?? Infinity))
  const chosen: T[] = []
  for (const point of sorted) {
    if (chosen.length >= max) break
    if (!chosen.some((c) => c.kind === point.kind)) chosen.push(point)
  }
  for (const point of sorted) {
    if (chosen.length >= max) break
    if (!chosen.includes(point)) chosen.push(point)
  }
  return chosen
}

/** Why a card is first, in the worker's words. */
export function recommendationReason(kind: HelpPointKind): string | undefined {
  if (kind === 'labour_inspection') return '欠工资，先找这里：劳动保障监察大队可以责令老板支付'
  if (kind === 'labour_station') return '镇上的劳动保障服务站，可以帮您登记、转给监察大队'
  if (kind === 'court') return '法院要先立案，一般先找监察大队或打 12333'
  return undefined
}

const DAY_WORDS = ['今天', '明天', '后天']
const WEEKDAY_WORDS: Record<Weekday, string> = { mon: '周一', tue: '周二', wed: '周三', thu: '周四', fri: '周五', sat: '周六', sun: '周日' }

/** 08:30 → 8:30. */
function clock(hhmm: string): string {
  return hhmm.replace(/^0(\d)/, '$1')
}

/** When it opens next after `now` by its weekly hours: "8:30", "明天 8:30", "周一 8:30"; undefined when never. */
export function nextOpening(hours: WeeklyHours | undefined, now: Date, notToday = false): string | undefined {
  if (!hours) return undefined
  const { weekday, minutes } = shanghaiTimeOfDay(now)
  const start = WEEKDAYS.indexOf(weekday)
  for (let offset = notToday ? 1 : 0; offset < 8; offset++) {
    const day = WEEKDAYS[(start + offset) % 7] as Weekday
    const opens = (hours[day] ?? [])
      .map(([open]) => open)
      .filter((open) => {
        const m = minutesOf(open)
        return m !== undefined && (offset > 0 || m > minutes)
      })
      .sort()
    const first = opens[0]
    if (first === undefined) continue
    if (offset === 0) return clock(first)
    return `${offset < DAY_WORDS.length ? DAY_WORDS[offset] : WEEKDAY_WORDS[day]} ${clock(first)}`
  }
  return undefined
}

/** When it closes today if open now: "17:30"; undefined when unknown. */
function closesAt(hours: WeeklyHours | undefined, now: Date): string | undefined {
  if (!hours) return undefined
  const { weekday, minutes } = shanghaiTimeOfDay(now)
  for (const [open, close] of hours[weekday] ?? []) {
    const from = minutesOf(open)
    const to = close === '24:00' ? 1440 : minutesOf(close)
    // Open round the clock: no closing time worth saying.
    if (from !== undefined && to !== undefined && from <= minutes && minutes < to) return close === '24:00' ? undefined : clock(close)
  }
  return undefined
}

/**
 * One line that says whether the worker can go now: "现在开门，17:30 下班" / "现在开门，人多要排队" /
 * "现在没开门，8:30 开门" / "今天暂停接待，明天 8:30 开门" / "暂停服务".
 */
export function statusLine(point: Pick<HelpPointItem, 'openNow' | 'status' | 'hours'>, now: Date = new Date()): { text: string; open: boolean } {
  if (point.status === 'suspended') return { text: '暂停服务，请找别的地方或打 12333', open: false }
  if (point.status === 'closed_today') {
    const later = nextOpening(point.hours, now, true)
    return { text: later ? `今天暂停接待，${later} 开门` : '今天暂停接待', open: false }
  }
  const next = nextOpening(point.hours, now)
  if (point.openNow) {
    if (point.status === 'busy') return { text: '现在开门，人多要排队', open: true }
    const close = closesAt(point.hours, now)
    return { text: close ? `现在开门，${close} 下班` : '现在开门', open: true }
  }
  return { text: next ? `现在没开门，${next} 开门` : '现在没开门', open: false }
}
