/**
 * Claim enums and limits as plain values, free of TypeBox, so the mini-program can import them
 * without bundling the schema library (schemas/claim.ts builds its schemas from these).
 */

export const INDUSTRIES = ['construction', 'manufacturing', 'services', 'other'] as const
export type Industry = (typeof INDUSTRIES)[number]
export const INDUSTRY_LABELS: Record<Industry, string> = {
  construction: '建筑业',
  manufacturing: '制造业',
  services: '服务业',
  other: '其他',
}

export const CLAIM_SOURCES = ['miniprogram', 'national_platform', 'hotline', 'walk_in', 'letter', 'referral', 'inspection'] as const
export type ClaimSource = (typeof CLAIM_SOURCES)[number]

/** The channels through which staff enter a claim for a worker (API.md, Staff-side claims). */
export const STAFF_INTAKE_CHANNELS = ['hotline', 'walk_in', 'letter', 'referral'] as const
export type StaffIntakeChannel = (typeof STAFF_INTAKE_CHANNELS)[number]

/** How a worker consented to a claim staff entered for them. */
export const WORKER_CONSENT_KINDS = ['verbal', 'signed'] as const

/** Chinese names of the channels, for timelines and figures. */
export const CLAIM_SOURCE_LABELS: Record<ClaimSource, string> = {
  miniprogram: '小程序',
  national_platform: '全国根治欠薪线索反映平台',
  hotline: '12333 热线',
  walk_in: '来访',
  letter: '来信',
  referral: '其他部门转来',
  inspection: '主动检查',
}

/** API.md, Claims: statuses of the case-handling state machine. */
export const CLAIM_STATUSES = [
  'submitted',
  'accepted',
  'rejected',
  'investigating',
  'mediating',
  'ordered_to_pay',
  'resolved',
  'closed',
  'transferred_police',
  'transferred_enforcement',
  'withdrawn',
] as const
export type ClaimStatus = (typeof CLAIM_STATUSES)[number]

/*
 * The status sets the rules speak of, in one place. SQL that must list one (a migration's
 * trigger, a partial index) has a test that it matches the set here.
 */

/** Statuses of a claim still being worked (not finished, rejected or withdrawn). */
export const OPEN_STATUSES: readonly ClaimStatus[] = ['submitted', 'accepted', 'investigating', 'mediating', 'ordered_to_pay']

/** Statuses from which the claimant may still withdraw (API.md: before closure): every open one. */
export const WITHDRAWABLE_STATUSES: readonly ClaimStatus[] = OPEN_STATUSES

/** Open statuses after acceptance (立案): the 60-working-day closure deadline runs. */
export const IN_INVESTIGATION_STATUSES: readonly ClaimStatus[] = ['accepted', 'investigating', 'mediating', 'ordered_to_pay']

/** Statuses whose workers do not count toward a group: the claim is not pursued. */
export const NOT_PURSUED_STATUSES: readonly ClaimStatus[] = ['rejected', 'withdrawn']

/** Statuses that end a case and so carry a result (to the national platform, in the figures). */
export const CLOSING_STATUSES: readonly ClaimStatus[] = ['rejected', 'resolved', 'closed', 'transferred_police', 'transferred_enforcement', 'withdrawn']

/** Statuses in which money may still be recorded as recovered. */
export const RECOVERY_STATUSES: readonly ClaimStatus[] = [
  'accepted',
  'investigating',
  'mediating',
  'ordered_to_pay',
  'resolved',
  'transferred_police',
  'transferred_enforcement',
]

/** Worker-facing names of statuses. */
export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = {
  submitted: '已提交，等待受理',
  accepted: '已受理',
  rejected: '不予受理',
  investigating: '调查中',
  mediating: '调解中',
  ordered_to_pay: '已责令支付',
  resolved: '已解决',
  closed: '已结案',
  transferred_police: '已移送公安',
  transferred_enforcement: '已移送综合执法',
  withdrawn: '已撤回',
}

/** Evidence files (photos, PDF) attached to a claim. */
export const ATTACHMENT_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf'] as const
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
export const MAX_ATTACHMENTS_PER_CLAIM = 9
