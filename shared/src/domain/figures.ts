/**
 * Every figure of GET /api/v1/stats that people see — the dashboard's cards and table, the CSV and
 * xlsx exports' columns — in ONE list: its field, its label and short definition in the words of
 * the seed's report (docs/figures.md has the full definitions, a row per field; a test keeps the
 * two in step), its unit and whether it counts the period or the present moment.
 *
 * To show a new field of /stats, add one entry here (nothing else): the dashboard, the CSV and the
 * xlsx pick it up. Fields absent from a response (another build's /stats) are skipped.
 */
import { CLAIM_SOURCES, CLAIM_SOURCE_LABELS } from './claim-status'
import { REPORT_KINDS, REPORT_KIND_LABELS } from './report-kinds'

export type FigureUnit = 'count' | 'workers' | 'fen' | 'rate' | 'score'

export interface FigureDefinition {
  /** The field of the /stats response. */
  key: string
  /** The label people see (and the CSV/xlsx header, with the unit). */
  label: string
  /** What it counts, in one sentence (shown under the figure; docs/figures.md says it in full). */
  definition: string
  unit: FigureUnit
  /** `period`: counted over the chosen days (charted by month); `now`: the present state. */
  scope: 'period' | 'now'
  /** One of the figures of the seed's year report (the headline cards). */
  reported?: boolean
}

export const FIGURES: readonly FigureDefinition[] = [
  { key: 'cluesReceived', label: '接收国家平台线索', definition: '全国根治欠薪线索反映平台交办的全部线索，含并入已有案件的线索', unit: 'count', scope: 'period', reported: true },
  { key: 'cluesLinked', label: '其中并入已有案件', definition: '并入正在办理的案件的平台线索', unit: 'count', scope: 'period' },
  { key: 'clueIncidenceRate', label: '平台线索发生率', definition: '线索涉及的企业数 ÷ 监管名录中的企业数（选定街镇时按该街镇）', unit: 'rate', scope: 'period', reported: true },
  { key: 'complaintsAccepted', label: '受理投诉举报案件', definition: '期内立案受理的各类投诉举报（合并掉的不计）', unit: 'count', scope: 'period', reported: true },
  { key: 'complaintsReceived', label: '收到投诉', definition: '期内收到的劳动者投诉（各渠道，合并掉的不计）', unit: 'count', scope: 'period' },
  { key: 'reportsReceived', label: '收到举报', definition: '期内收到的举报（含匿名，各类）', unit: 'count', scope: 'period' },
  { key: 'inspectionsOpened', label: '主动检查立案', definition: '期内主动检查（随机抽取或逐户登记）立的案件', unit: 'count', scope: 'period' },
  { key: 'inspectedFirms', label: '检查用人单位', definition: '期内主动检查涉及的用人单位数', unit: 'count', scope: 'period' },
  { key: 'groupCases', label: '5人以上群体性案件', definition: '同一单位（项目）已受理劳动者达到 5 人的案件组', unit: 'count', scope: 'period', reported: true },
  { key: 'workersInvolved', label: '涉及劳动者', definition: '期内受理案件的劳动者人数之和', unit: 'workers', scope: 'period', reported: true },
  { key: 'wagesRecoveredFen', label: '追讨工资（含经济补偿金）', definition: '期内支付到位的工资与经济补偿金', unit: 'fen', scope: 'period', reported: true },
  { key: 'wagesOnlyRecoveredFen', label: '其中工资', definition: '期内支付到位的工资', unit: 'fen', scope: 'period' },
  { key: 'compensationRecoveredFen', label: '其中经济补偿金', definition: '期内支付到位的经济补偿金', unit: 'fen', scope: 'period' },
  { key: 'indemnityRecoveredFen', label: '赔偿金', definition: '期内支付到位的赔偿金（不计入追讨工资）', unit: 'fen', scope: 'period' },
  { key: 'socialInsuranceOrderedFen', label: '责令补缴社会保险费', definition: '期内作出的责令补缴社会保险费决定的金额（作出时登记，不论是否已缴）', unit: 'fen', scope: 'period', reported: true },
  { key: 'socialInsurancePaidFen', label: '已补缴社会保险费', definition: '期内实际补缴到位的社会保险费', unit: 'fen', scope: 'period' },
  { key: 'socialInsuranceRegistrations', label: '新增参保登记', definition: '作为办案结果新增参保登记的劳动者人数', unit: 'workers', scope: 'period', reported: true },
  { key: 'closureRate', label: '举报投诉案件结案率', definition: '期内受理的案件中已办结（含受理后撤回）的比例', unit: 'rate', scope: 'period', reported: true },
  { key: 'closedCases', label: '已办结案件', definition: '期内受理且已办结（含受理后撤回）的案件', unit: 'count', scope: 'period' },
  { key: 'policeTransferEnterprises', label: '移送公安（企业）', definition: '以涉嫌拒不支付劳动报酬罪移送公安机关的企业数', unit: 'count', scope: 'period', reported: true },
  { key: 'policeTransfers', label: '移送公安（案件）', definition: '期内移送公安机关的案件数', unit: 'count', scope: 'period' },
  { key: 'blacklistEnterprises', label: '申请列入失信名单（企业）', definition: '申请列入拖欠农民工工资失信联合惩戒名单的企业数', unit: 'count', scope: 'period', reported: true },
  { key: 'blacklistApplications', label: '申请列入失信名单（案件）', definition: '期内申请列入失信名单的案件数', unit: 'count', scope: 'period' },
  { key: 'depositPermitHolders', label: '领取施工许可证的施工单位', definition: '期内领取施工许可证、应存储工资保证金的施工单位', unit: 'count', scope: 'period', reported: true },
  { key: 'depositStored', label: '完成工资保证金存储', definition: '其中至期末已存储工资保证金的施工单位（含免缴）', unit: 'count', scope: 'period', reported: true },
  { key: 'depositExempt', label: '其中免缴', definition: '其中至期末免缴工资保证金的施工单位', unit: 'count', scope: 'period', reported: true },
  { key: 'depositDeferred', label: '缓缴', definition: '其中至期末曾缓缴工资保证金的施工单位', unit: 'count', scope: 'period' },
  { key: 'depositDeferredCompleted', label: '缓缴期间已竣工验收', definition: '其中缓缴后至期末已存储的施工单位', unit: 'count', scope: 'period' },
  { key: 'depositPermitCancelled', label: '缓缴期间注销施工许可证', definition: '其中至期末已注销施工许可证的施工单位', unit: 'count', scope: 'period' },
  { key: 'depositAmountFen', label: '涉及保证金', definition: '其中至期末已存储的工资保证金金额', unit: 'fen', scope: 'period' },
  { key: 'overdueAcceptance', label: '当前超期未受理', definition: '现在已过受理期限仍未受理的投诉', unit: 'count', scope: 'now' },
  { key: 'overdueClosure', label: '当前超期未办结', definition: '现在已过办结期限仍未办结的案件', unit: 'count', scope: 'now' },
  { key: 'ratingsCount', label: '评价数', definition: '期内投诉人对办理结果的评价', unit: 'count', scope: 'period' },
  { key: 'ratingAverage', label: '平均评分', definition: '期内评价的平均分（1–5）', unit: 'score', scope: 'period' },
  // Counts by kind and by channel: one figure per member of /stats' `byKind` and `byChannel` objects.
  ...REPORT_KINDS.map((kind): FigureDefinition => ({
    key: `byKind.${kind}`,
    label: `按类别：${REPORT_KIND_LABELS[kind]}`,
    definition: `期内收到的${REPORT_KIND_LABELS[kind]}类投诉举报（劳动者投诉计入拖欠工资）`,
    unit: 'count',
    scope: 'period',
  })),
  ...CLAIM_SOURCES.filter((source) => source !== 'inspection').map((source): FigureDefinition => ({
    key: `byChannel.${source}`,
    label: `按渠道：${CLAIM_SOURCE_LABELS[source]}`,
    definition: `期内经${CLAIM_SOURCE_LABELS[source]}收到的投诉举报`,
    unit: 'count',
    scope: 'period',
  })),
]

/** A figure's value in a /stats response: `byKind.wages` reads a member of the `byKind` object. */
export function figureValue(stats: Record<string, unknown>, key: string): unknown {
  const dot = key.indexOf('.')
  if (dot < 0) return stats[key]
  const group = stats[key.slice(0, dot)]
  return group !== null && typeof group === 'object' ? (group as Record<string, unknown>)[key.slice(dot + 1)] : undefined
}

/** The unit as a header suffix: `（元）`, `（人）`, `（%）`. */
export function figureUnitSuffix(unit: FigureUnit): string {
  return unit === 'fen' ? '（元）' : unit === 'workers' ? '（人）' : unit === 'rate' ? '（%）' : ''
}

/** Fen as yuan with exactly two decimals and no grouping (`296621000` → `2966210.00`): for exports. */
export function fenToYuanPlain(fen: number): string {
  const negative = fen < 0
  const abs = Math.abs(Math.trunc(fen))
  return `${negative ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** A fraction as a percentage with two decimals and no sign (`0.0048` → `0.48`). */
export function rateToPercentPlain(fraction: number): string {
  return (Math.round(fraction * 10_000) / 100).toFixed(2)
}

/** The figures a stats object carries, in the list's order (numeric or null fields only). */
export function figuresPresent(stats: Record<string, unknown>): FigureDefinition[] {
  return FIGURES.filter((f) => typeof figureValue(stats, f.key) === 'number' || (f.unit === 'score' && figureValue(stats, f.key) === null))
}
