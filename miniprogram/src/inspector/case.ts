/**
 * Pure logic of the inspector pages: words for reasons, actions and money kinds, what each action
 * asks for, and the recovery form's checks. No Taro import (test/inspector-case.test.ts).
 */
import { CASE_ACTION_LABELS, type CaseAction, type StaffCaseAction } from '@huxin/shared/domain/case-workflow'
import { formatFen, parseYuanToFen } from '@huxin/shared/domain/money'
import { shanghaiDate, shanghaiNoon } from '@huxin/shared/domain/shanghai-time'

export const RECOVERY_KIND_LABELS = {
  wages: '工资',
  compensation: '经济补偿',
  indemnity: '赔偿金',
  social_insurance: '社会保险（责令补缴）',
} as const
export type RecoveryKind = keyof typeof RECOVERY_KIND_LABELS

/** The timeline's words for events that are not an action (those read as the action's button). */
const STAFF_EVENT_LABELS: Record<string, string> = {
  filed: '劳动者提交投诉',
  withdrawn: '劳动者撤回投诉',
  assign: '分派承办人',
  merge: '并入另一件投诉',
  merge_received: '合并了另一件投诉',
  split: '从合并中拆出',
  recovery_recorded: '登记追回款项',
  recovery_confirmed: '劳动者确认收到款项',
  recovery_reversed: '冲正追回款项',
  recovery_disputed: '工资到账有异议',
  recovery_dispute_resolved: '异议已核实',
  national_clue_linked: '关联全国平台线索',
  deadline_recomputed: '节假日调整，期限重新计算',
  claimant_linked: '劳动者短信验证后关联本投诉',
}

/** What staff read for an event in a claim's timeline; never the raw event type. */
export function staffEventLabel(type: string): string {
  if (type in CASE_ACTION_LABELS) return CASE_ACTION_LABELS[type as CaseAction]
  return STAFF_EVENT_LABELS[type] ?? '处理进展'
}

export const PAYER_LABELS = {
  employer: '用人单位',
  general_contractor: '施工总承包单位',
  wage_guarantee_deposit: '工资保证金',
} as const
export type Payer = keyof typeof PAYER_LABELS

/** What the form of each action asks for besides the note. */
export interface ActionForm {
  noteRequired: boolean
  servedAt: boolean
  unpaidProof: boolean
  /** Whether the worker sees the event unless the inspector says otherwise (server default). */
  workerVisibleByDefault: boolean
}

export function actionForm(action: StaffCaseAction): ActionForm {
  return {
    noteRequired: action === 'reject' || action === 'extend',
    servedAt: action === 'order_payment',
    unpaidProof: action === 'transfer_police',
    workerVisibleByDefault: !['extend', 'apply_blacklist', 'transfer_police'].includes(action),
  }
}

/** Buttons shown on a claim: everything the machine allows now, minus the worker's own withdraw. */
export function staffActions(available: readonly CaseAction[]): StaffCaseAction[] {
  return available.filter((a): a is StaffCaseAction => a !== 'withdraw')
}

export interface RecoveryInput {
  kind: RecoveryKind | ''
  amountYuan: string
  /** `YYYY-MM-DD` (Asia/Shanghai) */
  paidOn: string
  payer: Payer | ''
  workerName: string
}

export type RecoveryErrors = Partial<Record<'kind' | 'amount' | 'paidOn', string>>

/** Today in Asia/Shanghai as `YYYY-MM-DD`. */
export function shanghaiToday(now = new Date()): string {
  return shanghaiDate(now)
}

/**
 * Checks the recovery form and builds the request body: amount typed in yuan → fen, the day
 * paid → noon of that day in Shanghai (a date, not a moment, is what the receipt shows).
 */
export function recoveryBody(
  input: RecoveryInput,
  now = new Date(),
): { body?: { kind: RecoveryKind; amountFen: number; paidAt: string; payer?: Payer; workerName?: string }; errors: RecoveryErrors } {
  const errors: RecoveryErrors = {}
  if (input.kind === '') errors.kind = '请选择款项类别'
  const fen = parseYuanToFen(input.amountYuan)
  if (fen === undefined || fen <= 0) errors.amount = '请填写金额（元），例如 3500 或 3500.50'
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.paidOn)) errors.paidOn = '请填写支付日期'
  else if (input.paidOn > shanghaiToday(now)) errors.paidOn = '支付日期不能晚于今天'
  if (Object.keys(errors).length > 0 || input.kind === '' || fen === undefined) return { errors }
  const paidAt = shanghaiNoon(input.paidOn)
  const body: { kind: RecoveryKind; amountFen: number; paidAt: string; payer?: Payer; workerName?: string } = {
    kind: input.kind,
    amountFen: fen,
    // Never in the future, even when today's noon has not come yet.
    paidAt: new Date(Math.min(paidAt.getTime(), now.getTime())).toISOString(),
  }
  if (input.payer !== '') body.payer = input.payer
  const name = input.workerName.trim()
  if (name !== '') body.workerName = name.slice(0, 50)
  return { body, errors }
}

export const yuan = (fen: number) => `${formatFen(fen)} 元`

/** `3 个工作日后到期` / `已逾期 2 个工作日` / `今天到期`. */
export function workingDaysText(days: number | undefined): string | undefined {
  if (days === undefined) return undefined
  if (days > 0) return `还剩 ${days} 个工作日`
  if (days === 0) return '今天到期'
  return `已逾期 ${-days} 个工作日`
}
