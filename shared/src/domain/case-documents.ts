/**
 * The documents a case produces (DOMAIN.md, Documents of a case; docs/documents.md): their kinds,
 * titles, recipients, who approves them and in which claim statuses each may be issued. Pure, so
 * the server enforces it and the mini-program offers only what may be issued now.
 */
import type { ClaimStatus } from './claim-status'

export const DOCUMENT_KINDS = [
  'acceptance_notice',
  'rejection_notice',
  'inquiry_notice',
  'rectification_order',
  'payment_order',
  'administrative_decision',
  'police_transfer',
  'enforcement_transfer',
  'closure_approval',
] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]

/** Who the document is addressed to: it decides what personal data it may carry. */
export type DocumentRecipient = 'complainant' | 'employer' | 'police' | 'enforcement' | 'internal'

export interface DocumentKindRule {
  title: string
  recipient: DocumentRecipient
  /**
   * Issued only after a supervisor's approval (负责人审批): the decision (关于实施《劳动保障监察条例》
   * 若干规定: the handling decision is approved by the bureau's head), a transfer (行政执法机关移送涉嫌犯罪
   * 案件的规定 Art. 5: the head approves a transfer to the police; the same for the enforcement bureau),
   * and the closing form, which is itself the approval of closure.
   */
  needsApproval: boolean
  /** Claim statuses in which it may be requested. */
  statuses: readonly ClaimStatus[]
  /** At most one per claim and decision (a retry returns the existing one). */
  once: boolean
}

const INVESTIGATION: readonly ClaimStatus[] = ['accepted', 'investigating', 'mediating', 'ordered_to_pay']

export const DOCUMENT_KIND_RULES: Record<DocumentKind, DocumentKindRule> = {
  acceptance_notice: {
    title: '受理通知书',
    recipient: 'complainant',
    needsApproval: false,
    statuses: [...INVESTIGATION, 'resolved', 'closed', 'transferred_police', 'transferred_enforcement'],
    once: true,
  },
  rejection_notice: { title: '不予受理通知书', recipient: 'complainant', needsApproval: false, statuses: ['rejected'], once: true },
  inquiry_notice: { title: '询问通知书', recipient: 'employer', needsApproval: false, statuses: INVESTIGATION, once: false },
  rectification_order: {
    title: '责令改正指令书',
    recipient: 'employer',
    needsApproval: false,
    statuses: ['investigating', 'mediating', 'ordered_to_pay'],
    once: false,
  },
  payment_order: {
    title: '责令支付通知书',
    recipient: 'employer',
    needsApproval: false,
    statuses: ['investigating', 'mediating', 'ordered_to_pay'],
    once: false,
  },
  administrative_decision: {
    title: '行政处理决定书',
    recipient: 'employer',
    needsApproval: true,
    statuses: ['investigating', 'mediating', 'ordered_to_pay', 'transferred_enforcement'],
    once: false,
  },
  police_transfer: {
    title: '涉嫌犯罪案件移送书',
    recipient: 'police',
    needsApproval: true,
    statuses: ['ordered_to_pay', 'transferred_police'],
    once: true,
  },
  enforcement_transfer: {
    title: '案件移送书',
    recipient: 'enforcement',
    needsApproval: true,
    statuses: ['investigating', 'mediating', 'ordered_to_pay', 'transferred_enforcement'],
    once: true,
  },
  closure_approval: {
    title: '结案审批表',
    recipient: 'internal',
    needsApproval: true,
    statuses: ['resolved', 'transferred_police', 'transferred_enforcement', 'closed'],
    once: true,
  },
}

/** The notices a complainant receives, and may download in the app. */
export const COMPLAINANT_DOCUMENT_KINDS: readonly DocumentKind[] = DOCUMENT_KINDS.filter(
  (kind) => DOCUMENT_KIND_RULES[kind].recipient === 'complainant',
)

/** 责令支付通知书: the employer pays within this many calendar days of service (劳动保障监察条例 Art. 26). */
export const PAYMENT_ORDER_DEFAULT_DAYS = 10
export const PAYMENT_ORDER_MAX_DAYS = 60

/** How a document was served (送达方式). */
export const SERVICE_METHODS = ['in_person', 'left_at_premises', 'by_post', 'electronic', 'public_notice', 'in_app'] as const
export type ServiceMethod = (typeof SERVICE_METHODS)[number]
export const SERVICE_METHOD_LABELS: Record<ServiceMethod, string> = {
  in_person: '直接送达',
  left_at_premises: '留置送达',
  by_post: '邮寄送达',
  electronic: '电子送达',
  public_notice: '公告送达',
  in_app: '小程序送达',
}

/** The grounds of 不予受理 (API.md, transitions: `reject` with `reason`), in plain words. */
export const REJECTION_GROUNDS: Record<string, string> = {
  time_barred:
    '该违法行为已超过两年未被劳动保障行政部门发现，也未被举报、投诉，依照《劳动保障监察条例》第二十条的规定，不再查处',
  in_arbitration_or_court: '该事项已经按照劳动争议仲裁或者诉讼程序提出，依照《劳动保障监察条例》第二十一条的规定，应当通过劳动争议处理程序解决',
  not_labour_inspection: '该事项不属于劳动保障监察事项',
  other_jurisdiction: '该事项不属于本部门管辖',
  other: '该投诉不符合受理条件',
}
export const GENERIC_REJECTION_GROUND = '该投诉不符合《关于实施〈劳动保障监察条例〉若干规定》规定的受理条件'
