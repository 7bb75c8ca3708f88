/**
 * The case-handling state machine (API.md, Claims: statuses; Case work: actions), pure so the
 * server enforces it and the mini-program can grey out what is not allowed. The server adds what
 * needs the database or the calendar (deadlines, attachments, jurisdiction).
 */
import type { RejectReason } from './acceptance'
import type { ClaimStatus } from './claim-status'

export const CASE_ACTIONS = [
  'accept',
  'reject',
  'investigate',
  'mediate',
  'order_payment',
  'resolve',
  'close',
  'extend',
  'transfer_police',
  'transfer_enforcement',
  'reopen',
  // Added beyond API.md: a flag action, the status stays (保障农民工工资支付条例 Art. 48).
  'apply_blacklist',
  // 补正: material requested before deciding stops the acceptance clock; its arrival restarts it.
  'request_material',
  'material_received',
  // The claimant's own action (POST /claims/:id/withdraw goes through the same machine).
  'withdraw',
] as const
export type CaseAction = (typeof CASE_ACTIONS)[number]
export type StaffCaseAction = Exclude<CaseAction, 'withdraw'>
export const STAFF_CASE_ACTIONS = CASE_ACTIONS.filter((a) => a !== 'withdraw') as unknown as readonly [
  StaffCaseAction,
  ...StaffCaseAction[],
]

export type ActorRole = 'worker' | 'inspector' | 'supervisor' | 'admin'

/** 劳动保障监察条例 Art. 17: investigation closed within 60 working days of 立案. */
export const CLOSE_WORKING_DAYS = 60
/** 劳动保障监察条例 Art. 17: once, by 30 working days, with the approval of the bureau's head. */
export const EXTENSION_WORKING_DAYS = 30

/** Where each action may start and where it leads (`null`: the status stays, a flag is set). */
export const TRANSITIONS: Record<CaseAction, { from: readonly ClaimStatus[]; to: ClaimStatus | null; roles: readonly ActorRole[] }> = {
  accept: { from: ['submitted'], to: 'accepted', roles: ['inspector', 'supervisor', 'admin'] },
  reject: { from: ['submitted'], to: 'rejected', roles: ['inspector', 'supervisor', 'admin'] },
  investigate: { from: ['accepted'], to: 'investigating', roles: ['inspector', 'supervisor', 'admin'] },
  mediate: { from: ['investigating'], to: 'mediating', roles: ['inspector', 'supervisor', 'admin'] },
  order_payment: { from: ['investigating', 'mediating'], to: 'ordered_to_pay', roles: ['inspector', 'supervisor', 'admin'] },
  // Employers often pay during the investigation itself: resolving from `investigating` is allowed.
  resolve: { from: ['investigating', 'mediating', 'ordered_to_pay'], to: 'resolved', roles: ['inspector', 'supervisor', 'admin'] },
  close: { from: ['resolved', 'transferred_police', 'transferred_enforcement'], to: 'closed', roles: ['inspector', 'supervisor', 'admin'] },
  extend: { from: ['accepted', 'investigating', 'mediating', 'ordered_to_pay'], to: null, roles: ['supervisor', 'admin'] },
  transfer_police: { from: ['ordered_to_pay'], to: 'transferred_police', roles: ['inspector', 'supervisor', 'admin'] },
  transfer_enforcement: {
    from: ['investigating', 'mediating', 'ordered_to_pay'],
    to: 'transferred_enforcement',
    roles: ['inspector', 'supervisor', 'admin'],
  },
  // Reopen: a closed or resolved case goes back to investigation; a rejected one back to the queue.
  reopen: { from: ['closed', 'resolved', 'rejected'], to: 'investigating', roles: ['supervisor', 'admin'] },
  apply_blacklist: {
    from: ['ordered_to_pay', 'transferred_police', 'transferred_enforcement', 'resolved', 'closed'],
    to: null,
    roles: ['inspector', 'supervisor', 'admin'],
  },
  request_material: { from: ['submitted'], to: null, roles: ['inspector', 'supervisor', 'admin'] },
  material_received: { from: ['submitted'], to: null, roles: ['inspector', 'supervisor', 'admin'] },
  // A withdrawal after acceptance concludes the case (DOMAIN.md, figures: closure rate).
  withdraw: { from: ['submitted', 'accepted', 'investigating', 'mediating', 'ordered_to_pay'], to: 'withdrawn', roles: ['worker'] },
}

/** What the machine needs to know about a claim. */
export interface CaseState {
  status: ClaimStatus
  acceptedAt: Date | null
  extendedAt: Date | null
  /** When the 责令支付通知书 was served (recorded on the document, modules/documents). */
  orderServedAt: Date | null
  /** The end of its pay deadline; the police transfer waits for it to pass. */
  orderPayDueAt?: Date | null | undefined
  /** Wages still owed (owed − recovered wages); the police transfer needs some still unpaid. */
  outstandingFen?: number | undefined
  blacklistAppliedAt: Date | null
  /** Set while requested material is awaited (the acceptance clock stands still). */
  materialRequestedAt?: Date | null
  /**
   * What a report or inspection is about (claims.report_kind; null for a worker's complaint). Child
   * labour (刑法 Art. 244-1) and obstruction of an inspection go to the police on their own facts,
   * not through the order to pay of Art. 276-1.
   */
  caseKind?: string | null | undefined
}

/** Report kinds the police receive directly from investigation (no order to pay first). */
export const POLICE_ON_FACTS_KINDS: readonly string[] = ['child_labour', 'obstruction']

/** What an action carries besides its name. */
export interface CaseActionInput {
  note?: string | undefined
  /**
   * order_payment: when the order to pay was served, if known (optional, checked not to be in the
   * future; the service that counts is recorded on the 责令支付通知书 itself, modules/documents).
   */
  servedAt?: Date | undefined
  /** transfer_police: what proves the money is still unpaid (bank statement, worker statement…). */
  unpaidProof?: string | undefined
  /** reject: the legal ground (default `other`, which needs a note). */
  reason?: RejectReason | undefined
  referTo?: string | undefined
  transferTo?: string | undefined
}

export type TransitionPlan =
  | { ok: true; to: ClaimStatus; flag?: 'extended' | 'blacklist_applied' | 'material_requested' | 'material_received'; startsCloseClock: boolean }
  | { ok: false; httpStatus: 403 | 409 | 400; code: string; message: string; field?: string }

export const CASE_ACTION_LABELS: Record<CaseAction, string> = {
  accept: '受理（立案）',
  reject: '不予受理',
  investigate: '开始调查',
  mediate: '调解',
  order_payment: '责令支付',
  resolve: '办结',
  close: '结案',
  extend: '延期',
  transfer_police: '移送公安',
  transfer_enforcement: '移送综合执法',
  reopen: '重新办理',
  apply_blacklist: '申请列入失信名单',
  request_material: '要求补正材料',
  material_received: '补正材料已收到',
  withdraw: '撤回',
}

/**
 * Decides whether `action` may happen to a claim in `state`, by an actor of `role`, at `now`.
 * Returns the next status or why not: 403 for a role that may never do it, 409 for a state that
 * does not allow it now, 400 for a missing input.
 */
export function planTransition(
  state: CaseState,
  action: CaseAction,
  role: ActorRole,
  input: CaseActionInput = {},
  now: Date = new Date(),
): TransitionPlan {
  const rule = TRANSITIONS[action]
  if (!rule.roles.includes(role)) {
    return { ok: false, httpStatus: 403, code: 'FORBIDDEN', message: `无权执行「${CASE_ACTION_LABELS[action]}」` }
  }
  const policeOnFacts = action === 'transfer_police' && POLICE_ON_FACTS_KINDS.includes(state.caseKind ?? '')
  const from: readonly ClaimStatus[] = policeOnFacts ? ['investigating', 'mediating', 'ordered_to_pay'] : rule.from
  if (!from.includes(state.status)) {
    return {
      ok: false,
      httpStatus: 409,
      code: 'INVALID_TRANSITION',
      message: `当前状态（${state.status}）不能执行「${CASE_ACTION_LABELS[action]}」（${action}）`,
    }
  }
  const refuse = (code: string, message: string): TransitionPlan => ({ ok: false, httpStatus: 409, code, message })
  const missing = (field: string, message: string): TransitionPlan => ({
    ok: false,
    httpStatus: 400,
    code: 'VALIDATION_FAILED',
    message,
    field,
  })
  switch (action) {
    case 'reject': {
      // The complainant is told why, in writing, with the ground the law names (DOMAIN.md,
      // Acceptance decisions; 劳动保障监察条例 Art. 20–21).
      const reason = input.reason ?? 'other'
      if (reason === 'other' && !input.note?.trim()) return missing('note', '不予受理须说明理由')
      if (reason === 'other_jurisdiction' && !input.transferTo?.trim()) return missing('transferTo', '请写明移送的有管辖权的机构')
      if (reason === 'not_labour_inspection' && !input.referTo) return missing('referTo', '请选择引导劳动者前往的仲裁或法律援助机构')
      if (input.transferTo !== undefined && reason !== 'other_jurisdiction') return missing('transferTo', '仅在移送其他机构时填写')
      if (input.referTo !== undefined && reason !== 'not_labour_inspection' && reason !== 'in_arbitration_or_court') {
        return missing('referTo', '仅在引导至仲裁或法律援助时填写')
      }
      break
    }
    case 'request_material':
      if (state.materialRequestedAt) return refuse('MATERIAL_ALREADY_REQUESTED', '已要求补正材料，尚未收到')
      if (!input.note?.trim()) return missing('note', '请写明需要补正的材料')
      break
    case 'material_received':
      if (!state.materialRequestedAt) return refuse('MATERIAL_NOT_REQUESTED', '没有待补正的材料')
      break
    case 'extend':
      if (state.extendedAt) return refuse('ALREADY_EXTENDED', '办案期限只能延长一次')
      if (!state.acceptedAt) return refuse('NOT_ACCEPTED', '尚未立案，不能延期')
      if (!input.note?.trim()) return missing('note', '延期须写明批准理由')
      break
    case 'order_payment':
      if (input.servedAt && input.servedAt.getTime() > now.getTime()) return missing('servedAt', '送达日期不能晚于今天')
      break
    case 'transfer_police':
      if (policeOnFacts) {
        if (!input.note?.trim()) return missing('note', '请写明移送公安的事实（使用童工或阻挠检查）')
        break
      }
      // 刑法 Art. 276-1: refusing to pay after an order to pay. The file must hold the served
      // order (its service recorded on the 责令支付通知书), its pay deadline passed, wages still
      // owed, and proof that they are still unpaid.
      if (!state.orderServedAt || !state.orderPayDueAt) return refuse('ORDER_NOT_SERVED', '移送公安前须有已送达的责令支付通知书')
      if (now.getTime() < state.orderPayDueAt.getTime()) {
        return refuse('PAY_DEADLINE_NOT_PASSED', '责令支付通知书规定的支付期限尚未届满，不能移送公安')
      }
      if (state.outstandingFen !== undefined && state.outstandingFen <= 0) {
        return refuse('NOTHING_OUTSTANDING', '拖欠工资已全部追回，不能以拒不支付移送公安')
      }
      if (!input.unpaidProof?.trim()) return refuse('UNPAID_PROOF_REQUIRED', '移送公安前须有仍未支付的证明')
      break
    case 'apply_blacklist':
      if (state.blacklistAppliedAt) return refuse('ALREADY_APPLIED', '已申请列入失信名单')
      break
    default:
      break
  }
  // A rejected complaint reopened goes back to the acceptance queue; a finished case to investigation.
  const to = action === 'reopen' && state.status === 'rejected' ? 'submitted' : (rule.to ?? state.status)
  const flag =
    action === 'extend'
      ? 'extended'
      : action === 'apply_blacklist'
        ? 'blacklist_applied'
        : action === 'request_material'
          ? 'material_requested'
          : action === 'material_received'
            ? 'material_received'
            : undefined
  return { ok: true, to, ...(flag ? { flag } : {}), startsCloseClock: action === 'accept' }
}

/** Actions an actor could try on a claim in this state now (for UIs; inputs are not checked). */
export function availableActions(state: CaseState, role: ActorRole): CaseAction[] {
  return CASE_ACTIONS.filter((action) => {
    const plan = planTransition(state, action, role, { note: 'x', servedAt: new Date(0), unpaidProof: 'x' }, new Date())
    return plan.ok
  })
}
