/**
 * Reports (举报) and inspections: what they are about, as plain values (the mini-program imports
 * them without the schema library). docs/casework.md, Reports and inspections.
 */

/** complaint: a worker's own claim · report: a third party's or anonymous report · inspection: the bureau's own case. */
export const CASE_TYPES = ['complaint', 'report', 'inspection'] as const
export type CaseType = (typeof CASE_TYPES)[number]

export const CASE_TYPE_LABELS: Record<CaseType, string> = {
  complaint: '投诉',
  report: '举报',
  inspection: '主动检查',
}

/** The matters a labour-inspection bureau handles (劳动保障监察条例 Art. 11). */
export const REPORT_KINDS = ['wages', 'social_insurance', 'working_hours', 'contract', 'child_labour', 'obstruction', 'other'] as const
export type ReportKind = (typeof REPORT_KINDS)[number]

export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  wages: '拖欠工资',
  social_insurance: '社会保险',
  working_hours: '工作时间和休息休假',
  contract: '劳动合同',
  child_labour: '使用童工',
  obstruction: '阻挠劳动保障监察',
  other: '其他劳动保障违法行为',
}

/** Anonymous reports from the app, per IP (keyed hash): at most this many per hour and per day. */
export const ANONYMOUS_REPORT_LIMITS = { perHour: 5, perDay: 20 } as const

/** A random draw of employers to inspect takes at most this many at once. */
export const MAX_INSPECTION_DRAW = 500
