/**
 * The lawful acceptance decision (DOMAIN.md, Acceptance decisions): the grounds on which a
 * complaint is not accepted, the words the worker is told, and the two-year limit of
 * 劳动保障监察条例 Art. 20. Pure, so the inspector's desk can warn before sending.
 */

/** 不予受理 grounds (API.md, Staff-side claims and decisions). */
export const REJECT_REASONS = ['time_barred', 'in_arbitration_or_court', 'not_labour_inspection', 'other_jurisdiction', 'other'] as const
export type RejectReason = (typeof REJECT_REASONS)[number]

/** The ground as the worker reads it, in plain words. */
export const REJECT_REASON_WORDS: Record<RejectReason, string> = {
  time_barred: '欠薪发生在两年以前，且没有持续到两年之内，依法不再查处（《劳动保障监察条例》第二十条）',
  in_arbitration_or_court: '这件事已经在劳动争议仲裁或法院处理，请按仲裁或诉讼程序继续办理',
  not_labour_inspection: '这件事不属于劳动保障监察处理的范围，属于劳动争议，可以申请劳动争议仲裁或寻求法律援助',
  other_jurisdiction: '这件事归其他劳动保障监察机构管，已经移送给他们办理',
  other: '不符合受理条件',
}

/** A short form for notifications (WeChat `thing` fields take 20 characters). */
export const REJECT_REASON_SHORT: Record<RejectReason, string> = {
  time_barred: '超过两年查处时效',
  in_arbitration_or_court: '已在仲裁或诉讼中',
  not_labour_inspection: '请申请仲裁或法律援助',
  other_jurisdiction: '已移送有管辖权的机构',
  other: '不符合受理条件',
}

/** Grounds that send the worker to a help point, and the kinds of help point that fit. */
export const REFERRAL_HELP_POINT_KINDS = ['arbitration', 'legal_aid', 'court', 'trade_union'] as const

/** 劳动保障监察条例 Art. 20: not pursued after two years undetected and unreported. */
export const TIME_BAR_YEARS = 2

/**
 * The last day on which the wages of the claim's last month could fall due: wages are paid at
 * least monthly, for a month at the latest in the following month (工资支付暂行规定 Art. 7), so
 * the non-payment of `periodTo`'s wages happens no later than the end of the next month.
 */
export function lastDueDayOfPeriod(periodTo: string): string {
  const [year, month] = periodTo.split('-').map(Number) as [number, number]
  // Day 0 of the month after next = the last day of the month after `periodTo`.
  return new Date(Date.UTC(year, month + 1, 0)).toISOString().slice(0, 10)
}

/**
 * Art. 20 counts two years from the violation (from its end when it continues) until it was
 * reported: the complaint itself stops the count, so it is checked against the day the claim
 * was filed (`reportedDay`, Shanghai), not the day an inspector decides. true when the claim's
 * last month fell due more than two years before that day.
 */
export function isTimeBarred(periodTo: string, reportedDay: string): boolean {
  const last = lastDueDayOfPeriod(periodTo)
  const limit = `${Number(last.slice(0, 4)) + TIME_BAR_YEARS}${last.slice(4)}`
  return limit < reportedDay
}
