/**
 * Help points: places and channels where a worker owed wages can get help. Enums and
 * labels shared by the server and the mini-program.
 */

export const HELP_POINT_KINDS = [
  'labour_inspection',
  'arbitration',
  'legal_aid',
  'trade_union',
  'court',
  'labour_station',
  'hotline',
] as const
export type HelpPointKind = (typeof HELP_POINT_KINDS)[number]

export const HELP_POINT_KIND_LABELS: Record<HelpPointKind, string> = {
  labour_inspection: '劳动保障监察',
  arbitration: '劳动人事争议仲裁',
  legal_aid: '法律援助',
  trade_union: '工会',
  court: '人民法院',
  labour_station: '劳动保障服务站',
  hotline: '服务热线',
}

/** Kinds that need no visit: listed without a location (nearby's `channels`). */
export const REMOTE_HELP_POINT_KINDS: readonly HelpPointKind[] = ['hotline']

export const HELP_POINT_STATUSES = ['open', 'busy', 'closed_today', 'suspended'] as const
export type HelpPointStatus = (typeof HELP_POINT_STATUSES)[number]

export const HELP_POINT_STATUS_LABELS: Record<HelpPointStatus, string> = {
  open: '正常办公',
  busy: '人多需排队',
  closed_today: '今日暂停接待',
  suspended: '暂停服务',
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]

/** `[open, close]` in Asia/Shanghai, `HH:MM`; close may be `24:00`. */
export type OpeningInterval = [string, string]
export type WeeklyHours = Partial<Record<Weekday, OpeningInterval[]>>
/** `YYYY-MM-DD` → closed all day, or that day's hours instead of the usual ones. */
export type HoursExceptions = Record<string, 'closed' | OpeningInterval[]>

/** Minutes since midnight of `HH:MM` (`24:00` → 1440), or undefined when malformed. */
export function minutesOf(hhmm: string): number | undefined {
  const match = /^([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(hhmm)
  if (match) return Number(match[1]) * 60 + Number(match[2])
  return hhmm === '24:00' ? 1440 : undefined
}

/**
 * Problems with a list of intervals, as `[index, message]`: each must open before it closes and
 * not overlap the one before (the list is kept in order).
 */
export function intervalProblems(intervals: readonly OpeningInterval[]): { index: number; message: string }[] {
  const problems: { index: number; message: string }[] = []
  let lastClose = -1
  intervals.forEach(([open, close], index) => {
    const from = minutesOf(open)
    const to = minutesOf(close)
    if (from === undefined || to === undefined || from === 1440) {
      problems.push({ index, message: '时间格式应为 HH:MM' })
    } else if (from >= to) {
      problems.push({ index, message: '开始时间应早于结束时间' })
    } else if (from < lastClose) {
      problems.push({ index, message: '时间段应按顺序排列且不重叠' })
    } else {
      lastClose = to
    }
  })
  return problems
}
