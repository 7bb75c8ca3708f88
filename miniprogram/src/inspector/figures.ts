/**
 * Pure logic of the dashboard (inspector/dashboard): periods, the figures' labels and formats, and
 * bar lengths. No Taro import (test/inspector-figures.test.ts).
 */
import type { Stats } from '@huxin/shared/schemas/stats'
import { formatFen } from '@huxin/shared/domain/money'

export interface Period {
  from: string
  to: string
}

/** A whole calendar year, `YYYY-01-01` … `YYYY-12-31`. */
export const yearPeriod = (year: number): Period => ({ from: `${year}-01-01`, to: `${year}-12-31` })

/** The twelve months of a year, for the monthly chart. */
export function monthsOf(year: number): (Period & { label: string })[] {
  return Array.from({ length: 12 }, (_, i) => {
    const month = String(i + 1).padStart(2, '0')
    const last = new Date(Date.UTC(year, i + 1, 0)).getUTCDate()
    return { from: `${year}-${month}-01`, to: `${year}-${month}-${String(last).padStart(2, '0')}`, label: `${i + 1}月` }
  })
}

const percent = (fraction: number) => `${(fraction * 100).toFixed(2)}%`
const count = (n: number) => n.toLocaleString('zh-CN')
const money = (fen: number) => `${formatFen(fen)} 元`

/** The figures the bureau reports (the seed's annual report), in its words. */
export function figureCards(s: Stats): { key: string; label: string; value: string }[] {
  return [
    { key: 'cluesReceived', label: '国家平台线索', value: count(s.cluesReceived) },
    { key: 'clueIncidenceRate', label: '线索发生率', value: percent(s.clueIncidenceRate) },
    { key: 'complaintsAccepted', label: '受理投诉', value: count(s.complaintsAccepted) },
    { key: 'groupCases', label: '群体性案件', value: count(s.groupCases) },
    { key: 'workersInvolved', label: '涉及劳动者', value: `${count(s.workersInvolved)} 人` },
    { key: 'wagesRecoveredFen', label: '追回工资待遇（含补偿、赔偿）', value: money(s.wagesRecoveredFen) },
    { key: 'socialInsuranceOrderedFen', label: '责令补缴社保', value: money(s.socialInsuranceOrderedFen) },
    { key: 'closureRate', label: '结案率', value: percent(s.closureRate) },
    { key: 'policeTransfers', label: '移送公安', value: count(s.policeTransfers) },
    { key: 'blacklistApplications', label: '申请列入失信名单', value: count(s.blacklistApplications) },
    { key: 'overdueAcceptance', label: '当前超期未受理', value: count(s.overdueAcceptance) },
    { key: 'overdueClosure', label: '当前超期未办结', value: count(s.overdueClosure) },
  ]
}

/** Bar lengths in percent of the largest value (0 when all are 0). */
export function barWidths(values: readonly number[]): number[] {
  const max = Math.max(0, ...values)
  return values.map((v) => (max === 0 ? 0 : Math.round((v / max) * 100)))
}
