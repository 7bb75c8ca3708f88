/**
 * Pure logic of the claim detail page (pages/claims/detail): the timeline's words, the money
 * summary and whether the worker may still withdraw. No Taro import (test/claim-detail.test.ts).
 */
import type { Claim, ClaimEvent, Recovery } from '@huxin/shared'
import { formatFen } from '@huxin/shared/domain/money'
import { townName } from '@huxin/shared/domain/towns'
import { CLAIM_STATUS_LABELS, WITHDRAWABLE_STATUSES } from '@huxin/shared/domain/claim-status'
import { ApiError } from '../../../api/errors'
import { formatPeriod, formatShanghaiDate, formatShanghaiDateTime } from '../../../lib/dates'

/** What the worker reads for each kind of event; unknown kinds read as "处理进展". */
export const EVENT_LABELS: Record<string, string> = {
  filed: '已提交',
  withdrawn: '已撤回',
  accepted: '已受理',
  rejected: '不予受理',
  investigating: '开始调查',
  investigation_started: '开始调查',
  mediating: '开始调解',
  ordered_to_pay: '已责令用人单位支付',
  resolved: '已解决',
  closed: '已结案',
  reopened: '重新处理',
  extended: '办理期限已延长',
  transferred_police: '已移送公安机关',
  transferred_enforcement: '已移送综合执法',
  recovery_recorded: '追回了一笔钱',
  recovery_confirmed: '您已确认收到钱',
  recovery_reversed: '一笔追回记录已更正（冲正）',
  recovery_disputed: '您对到账有异议',
  recovery_dispute_resolved: '异议已核实',
  attachment_added: '补充了证据',
  assigned: '已安排工作人员处理',
  // Event types written by the case workflow are its action names (server/src/modules/casework/workflow.ts).
  accept: '已受理（立案）',
  reject: '不予受理',
  investigate: '开始调查',
  mediate: '开始调解',
  order_payment: '已责令用人单位支付',
  resolve: '已办结',
  close: '已结案',
  extend: '办理期限已延长',
  transfer_police: '已移送公安机关',
  transfer_enforcement: '已移送综合执法',
  reopen: '重新处理',
  assign: '已安排工作人员处理',
  // The documents of a case (server/src/modules/documents): the worker sees their own notices issued.
  document_issued: '已出具通知书',
  // The decision's reason in plain words is the event's note (casework/workflow.ts).
  request_material: '请补充材料',
  material_received: '补充材料已收到',
}

export const GENERIC_EVENT_LABEL = '处理进展'

export function eventLabel(type: string): string {
  return EVENT_LABELS[type] ?? GENERIC_EVENT_LABEL
}

export interface TimelineEntry {
  id: string
  label: string
  when: string
  note?: string
}

/** Worker-visible events, newest first (the server sends only those; internal ones are dropped anyway). */
export function timeline(events: readonly ClaimEvent[] | undefined): TimelineEntry[] {
  return [...(events ?? [])]
    .filter((event) => event.visibility !== 'internal')
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
    .map((event) => {
      const entry: TimelineEntry = {
        id: event.id,
        label: eventLabel(event.type),
        when: formatShanghaiDateTime(event.at) ?? event.at,
      }
      if (event.note) entry.note = event.note
      return entry
    })
}

export interface MoneySummary {
  owed: string
  /** Paid to the worker: wages, economic compensation and 赔偿金. */
  recovered: string
  outstanding: string
  /** Social insurance ordered back into the fund (not paid to the worker); undefined when none. */
  socialInsurance?: string
}

export function moneySummary(claim: Claim): MoneySummary {
  const r = claim.recoveredFen
  const summary: MoneySummary = {
    owed: `${formatFen(claim.amountOwedFen)} 元`,
    recovered: `${formatFen(r.wages + r.compensation + r.indemnity)} 元`,
    outstanding: `${formatFen(claim.outstandingFen)} 元`,
  }
  if (r.socialInsurance > 0) summary.socialInsurance = `${formatFen(r.socialInsurance)} 元`
  return summary
}

export function statusLabel(claim: Claim): string {
  return CLAIM_STATUS_LABELS[claim.status] ?? claim.status
}

export function canWithdraw(claim: Claim): boolean {
  return WITHDRAWABLE_STATUSES.includes(claim.status)
}

export interface FactLine {
  label: string
  value: string
}

/** The key facts of the claim, in plain words. */
export function keyFacts(claim: Claim): FactLine[] {
  const facts: FactLine[] = [
    { label: '投诉编号', value: claim.reference },
    { label: '提交日期', value: formatShanghaiDate(claim.createdAt) ?? '' },
    { label: '欠薪单位', value: claim.employer.name },
  ]
  if (claim.project) facts.push({ label: '工程项目', value: claim.project.name })
  facts.push({ label: '镇/街道', value: townName(claim.town) ?? claim.town })
  facts.push({
    label: '欠薪时间',
    value: formatPeriod(claim.periodFrom, claim.periodTo),
  })
  facts.push({ label: '涉及人数', value: `${claim.workersCount} 人` })
  if (claim.confidential) facts.push({ label: '身份保密', value: '是' })
  return facts
}

/** The acceptance deadline as a date in Shanghai; only while the claim waits for acceptance. */
export function acceptDeadline(claim: Claim): string | undefined {
  if (claim.status !== 'submitted') return undefined
  const date = formatShanghaiDate(claim.acceptDueAt)
  if (!date) return undefined
  return claim.acceptDueProvisional ? `${date}（预计）` : date
}

export const MAX_WITHDRAW_REASON = 500

export function withdrawErrorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return '撤回没有成功，请稍后再试'
  if (error.isNetworkError) return '网络不好，撤回没有成功，请稍后再试'
  if (error.status === 409) return '这件投诉现在已经不能撤回了'
  if (error.status === 404) return '找不到这件投诉'
  if (error.status === 400) return '撤回原因太长了，请写短一些'
  if (error.status >= 500) return '服务暂时不可用，请稍后再试'
  return error.message
}

export function loadErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.isNetworkError) return '网络不好，没能加载，请到信号好的地方再试'
    if (error.status === 404) return '找不到这件投诉'
    if (error.status === 401) return '请先登录'
    if (error.status >= 500) return '服务暂时不可用，请稍后再试'
    return error.message
  }
  return '没能加载，请稍后再试'
}

/** What the worker reads for each kind of money (DOMAIN.md, Money). */
export const RECOVERY_KIND_NAMES: Record<string, string> = {
  wages: '工资',
  compensation: '经济补偿',
  indemnity: '赔偿金',
  social_insurance: '社保补缴（交到社保账户）',
}

export interface RecoveryLine {
  id: string
  text: string
  amountFen: number
  confirmed: boolean
  /** Money paid to the worker can be confirmed; social insurance goes to the fund. */
  confirmable: boolean
  /** Cancelled by a reversal (冲正), with its reason. */
  reversed?: string
  /** The worker's open dispute: 没收到 / 金额不对. */
  disputed?: string
}

type LedgerEntry = Pick<Recovery, 'id' | 'kind' | 'amountFen' | 'paidAt' | 'confirmedAt' | 'reversalOf' | 'reversedBy' | 'reason' | 'dispute'>

/** The ledger as the worker reads it: each payment once; a reversal marks the payment it cancels. */
export function recoveryLines(recoveries: readonly LedgerEntry[] | undefined): RecoveryLine[] {
  const all = recoveries ?? []
  const reversals = new Map(all.filter((r) => r.reversalOf).map((r) => [r.reversalOf as string, r]))
  return all
    .filter((r) => !r.reversalOf)
    .sort((a, b) => Date.parse(a.paidAt) - Date.parse(b.paidAt))
    .map((r) => {
      const reversal = reversals.get(r.id)
      const line: RecoveryLine = {
        id: r.id,
        text: `${formatShanghaiDate(r.paidAt) ?? ''} ${RECOVERY_KIND_NAMES[r.kind] ?? '款项'} ${formatFen(r.amountFen)} 元`,
        amountFen: r.amountFen,
        confirmed: r.confirmedAt !== undefined,
        confirmable: r.kind !== 'social_insurance' && !reversal && !r.dispute,
      }
      if (reversal) line.reversed = reversal.reason ?? ''
      if (r.dispute) line.disputed = r.dispute.kind === 'not_received' ? '没收到' : '金额不对'
      return line
    })
}

/** After acceptance: the day the case is due to be finished (closeDueAt as a Shanghai date). */
export function expectedFinish(claim: Claim): string | undefined {
  if (!claim.closeDueAt || !['accepted', 'investigating', 'mediating', 'ordered_to_pay'].includes(claim.status)) return undefined
  const date = formatShanghaiDate(claim.closeDueAt)
  if (!date) return undefined
  return claim.closeDueProvisional ? `${date}（预计）` : date
}

/** One of the worker's notices (受理 / 不予受理通知书) as the page lists it. */
export interface NoticeLine {
  id: string
  title: string
  /** `常经开人社监〔2026〕12号 · 2026年12月7日` */
  text: string
  /** What the file button shows and opens (a PDF). */
  file: { id: string; mime: 'application/pdf'; size: number; fileName: string; sha256: string; createdAt: string }
}

export function noticeLines(
  documents: readonly { id: string; title: string; status: string; number: string | null; issuedAt: string | null; size?: number }[] | undefined,
): NoticeLine[] {
  return (documents ?? [])
    .filter((d) => d.status === 'issued' && d.number && d.issuedAt)
    .map((d) => ({
      id: d.id,
      title: d.title,
      text: [d.number, formatShanghaiDate(d.issuedAt!)].filter(Boolean).join(' · '),
      // EvidenceFile opens any PDF it is given with the caller's token; the notice is one.
      file: { id: d.id, mime: 'application/pdf', size: d.size ?? 1, fileName: d.title, sha256: '', createdAt: d.issuedAt! },
    }))
}
