/**
 * The messages HuXin and the national wage-arrears platform exchange (docs/national-platform.md,
 * docs/national-platform.openapi.json). The platform has no public API: HuXin defines this
 * protocol, and both the adapter and the simulator are written against these types.
 */

export const NATIONAL_PATHS = {
  dispatched: '/v1/clues/dispatched',
  ack: (clueId: string) => `/v1/clues/${encodeURIComponent(clueId)}/ack`,
  register: '/v1/clues',
  progress: (clueId: string) => `/v1/clues/${encodeURIComponent(clueId)}/progress`,
  result: (clueId: string) => `/v1/clues/${encodeURIComponent(clueId)}/result`,
  clues: '/v1/clues',
  batch: '/v1/messages/batch',
} as const

/** Our webhook, where the platform pushes dispatched clues. */
export const NATIONAL_WEBHOOK_PATH = '/api/v1/national/webhook'

export type OutboxKind = 'register' | 'progress' | 'result' | 'ack'

/** Progress states the platform knows (进展状态). */
export const PLATFORM_PROGRESS = [
  'RECEIVED', // 已登记
  'ACCEPTED', // 已受理
  'REJECTED', // 不予受理
  'INVESTIGATING', // 调查处理中
  'MEDIATING', // 调解中
  'ORDERED_TO_PAY', // 已责令支付
  'TRANSFERRED', // 已移送
  'WITHDRAWN', // 投诉人撤回
  'CLOSED', // 已办结
] as const
export type PlatformProgress = (typeof PLATFORM_PROGRESS)[number]

/** The platform's fixed list of outcome categories (办理结果类别). */
export const OUTCOME_CATEGORIES = [
  'PAID_IN_FULL', // 已全额支付
  'PAID_IN_PART', // 已部分支付
  'MEDIATED', // 调解结案
  'NOT_SUBSTANTIATED', // 查无实据
  'NOT_ACCEPTED', // 不属于受理范围
  'TRANSFERRED_POLICE', // 移送公安机关
  'TRANSFERRED_ENFORCEMENT', // 移送综合执法
  'WITHDRAWN', // 投诉人撤回
  'TRANSFERRED_JURISDICTION', // 移交有管辖权的机构（payload.transferTo 写明）
] as const
export type OutcomeCategory = (typeof OUTCOME_CATEGORIES)[number]

/** Local claim status → the platform's progress state. */
export function mapStatusToProgress(status: string): PlatformProgress {
  switch (status) {
    case 'submitted':
      return 'RECEIVED'
    case 'accepted':
      return 'ACCEPTED'
    case 'rejected':
      return 'REJECTED'
    case 'investigating':
      return 'INVESTIGATING'
    case 'mediating':
      return 'MEDIATING'
    case 'ordered_to_pay':
      return 'ORDERED_TO_PAY'
    case 'transferred_police':
    case 'transferred_enforcement':
      return 'TRANSFERRED'
    case 'withdrawn':
      return 'WITHDRAWN'
    case 'resolved':
    case 'closed':
      return 'CLOSED'
    default:
      throw new Error(`no platform progress state for claim status "${status}"`)
  }
}

/**
 * A closed case's outcome category. `resolved`/`closed` split by money: everything owed recovered
 * → PAID_IN_FULL, some → PAID_IN_PART, none → MEDIATED when a mediation took place, otherwise
 * NOT_SUBSTANTIATED.
 */
export function mapOutcome(input: {
  status: string
  amountOwedFen: number
  amountRecoveredFen: number
  mediated?: boolean
  /** A rejection because another bureau is competent names it. */
  transferTo?: string | null
}): OutcomeCategory {
  switch (input.status) {
    case 'withdrawn':
      return 'WITHDRAWN'
    case 'rejected':
      return input.transferTo ? 'TRANSFERRED_JURISDICTION' : 'NOT_ACCEPTED'
    case 'transferred_police':
      return 'TRANSFERRED_POLICE'
    case 'transferred_enforcement':
      return 'TRANSFERRED_ENFORCEMENT'
    case 'resolved':
    case 'closed':
      if (input.amountRecoveredFen >= input.amountOwedFen && input.amountOwedFen > 0) return 'PAID_IN_FULL'
      if (input.amountRecoveredFen > 0) return 'PAID_IN_PART'
      return input.mediated ? 'MEDIATED' : 'NOT_SUBSTANTIATED'
    default:
      throw new Error(`claim status "${input.status}" has no outcome yet`)
  }
}

/** A clue the platform dispatched to the bureau. PII in clear: it is what the platform holds. */
export interface DispatchedClue {
  clueId: string
  /** Dispatch order on the platform; the pull cursor follows it. */
  dispatchSeq: number
  dispatchedAt: string
  /** The platform's deadline for the bureau to handle it (ISO 8601). */
  dueAt: string
  town: string
  industry: string
  claimant: { name: string; phone?: string; idNumber?: string }
  employer: { name: string; creditCode?: string; address?: string }
  project?: { name: string; address?: string }
  periodFrom: string
  periodTo: string
  amountOwedFen: number
  workersCount: number
  description: string
}

export interface RegisterPayload {
  localClaimId: string
  reference: string
  filedAt: string
  town: string
  industry: string
  claimant: { name: string; phoneMasked?: string | null }
  employer: { name: string; creditCode?: string | null }
  periodFrom: string
  periodTo: string
  amountOwedFen: number
  workersCount: number
  /** Absent on a complaint. `report`: a wage-arrears report (举报), no amount or workers known. */
  caseType?: 'complaint' | 'report'
  /** A report whose reporter left no name or phone. */
  anonymous?: boolean
}

export interface ProgressPayload {
  status: PlatformProgress
  localStatus: string
  at: string
  note?: string
  /** The competent bureau a clue was transferred to (status TRANSFERRED after a rejection). */
  transferTo?: string
}

export interface ResultPayload {
  outcome: OutcomeCategory
  amountRecoveredFen: number
  workersPaid: number
  closedOn: string
  note?: string
  /** Required with outcome TRANSFERRED_JURISDICTION: the bureau the clue went to. */
  transferTo?: string
}

export interface AckPayload {
  clueId: string
  localClaimId: string
  linked: boolean
}

/** The platform's view of one clue, as the reconciliation listing returns it. */
export interface PlatformClueView {
  clueId: string
  origin: 'dispatched' | 'registered'
  localClaimId: string | null
  progress: PlatformProgress | null
  outcome: OutcomeCategory | null
  amountRecoveredFen: number | null
  /** The bureau a clue was transferred to, if it was. */
  transferTo?: string | null
  lastMessageId: string | null
  updatedAt: string
}
