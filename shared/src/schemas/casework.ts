import Type, { type Static } from 'typebox'
import { REJECT_REASONS } from '../domain/acceptance'
import { STAFF_CASE_ACTIONS } from '../domain/case-workflow'
import { CLAIM_SOURCES, CLAIM_STATUSES } from '../domain/claim-status'
import { MAX_AMOUNT_FEN } from '../domain/money'
import { TOWN_CODES } from '../domain/towns'
import { ClaimSchema, RecoverySchema } from './claim'
import { FenSchema, IsoDateTimeSchema, UuidSchema } from './common'

/** POST /api/v1/claims/:id/transitions (API.md, Case work). */
export const TransitionBody = Type.Object(
  {
    action: Type.Enum([...STAFF_CASE_ACTIONS]),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    workerVisible: Type.Optional(
      Type.Boolean({ description: 'whether the worker sees this event; default true except extend, apply_blacklist, transfer_police' }),
    ),
    servedAt: Type.Optional(IsoDateTimeSchema),
    unpaidProof: Type.Optional(
      Type.String({ maxLength: 1000, description: 'transfer_police: what proves the ordered money is still unpaid' }),
    ),
    reason: Type.Optional(
      Type.Enum([...REJECT_REASONS], { description: 'reject: the legal ground (default `other`, which needs a note)' }),
    ),
    referTo: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'reject (not_labour_inspection: required; in_arbitration_or_court): the help point (arbitration, legal aid…) the worker is sent to',
      }),
    ),
    transferTo: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'reject (other_jurisdiction, required): the competent bureau the case is transferred to' }),
    ),
    continuing: Type.Optional(
      Type.Boolean({
        description:
          'accept: the staff state the violation continues (劳动保障监察条例 Art. 20), so a claim whose period ended more than two years before it was filed may be accepted; needs a note',
      }),
    ),
  },
  { additionalProperties: false },
)
export type TransitionBody = Static<typeof TransitionBody>

export const AssignBody = Type.Object({ inspectorId: UuidSchema }, { additionalProperties: false })
export type AssignBody = Static<typeof AssignBody>

/** POST /api/v1/claims/:id/workers-count: an inspector confirms how many workers the claim concerns. */
export const ConfirmWorkersCountBody = Type.Object(
  {
    confirmedCount: Type.Integer({ minimum: 1, maximum: 10_000, description: 'workers the inspector verified (the declared figure stays on the claim)' }),
    note: Type.Optional(Type.String({ maxLength: 1000, description: 'how it was verified (internal)' })),
  },
  { additionalProperties: false },
)
export type ConfirmWorkersCountBody = Static<typeof ConfirmWorkersCountBody>

export const MergeBody = Type.Object(
  { intoClaimId: UuidSchema, note: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
)
export type MergeBody = Static<typeof MergeBody>

export const SplitBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false })
export type SplitBody = Static<typeof SplitBody>

export const RECOVERY_KINDS = ['wages', 'compensation', 'indemnity', 'social_insurance'] as const
export const RECOVERY_PAYERS = ['employer', 'general_contractor', 'wage_guarantee_deposit'] as const

export const RecordRecoveryBody = Type.Object(
  {
    kind: Type.Enum([...RECOVERY_KINDS]),
    amountFen: Type.Integer({ minimum: 1, maximum: MAX_AMOUNT_FEN }),
    paidAt: IsoDateTimeSchema,
    payer: Type.Optional(Type.Enum([...RECOVERY_PAYERS])),
    workerName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    /** Required when wages above what is still owed are recorded (docs/casework.md, Recoveries). */
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
)
export type RecordRecoveryBody = Static<typeof RecordRecoveryBody>

/** POST /api/v1/claims/:id/recoveries/:recoveryId/reversal (API.md, Additions). */
export const ReversalBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false })
export type ReversalBody = Static<typeof ReversalBody>

export const DISPUTE_KINDS = ['not_received', 'wrong_amount'] as const
/** POST /api/v1/claims/:id/recoveries/:recoveryId/dispute (API.md, Additions; the claimant). */
export const DisputeBody = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: 1000 }), kind: Type.Enum([...DISPUTE_KINDS]) },
  { additionalProperties: false },
)
export type DisputeBody = Static<typeof DisputeBody>
export const RecoveryDisputeSchema = Type.Object({
  id: UuidSchema,
  recoveryId: UuidSchema,
  claimId: UuidSchema,
  kind: Type.Enum([...DISPUTE_KINDS]),
  note: Type.String(),
  createdAt: IsoDateTimeSchema,
  resolvedAt: Type.Optional(IsoDateTimeSchema),
})
export type RecoveryDispute = Static<typeof RecoveryDisputeSchema>
export { RecoverySchema }

export const StaffClaimListQuery = Type.Object({
  status: Type.Optional(Type.Enum([...CLAIM_STATUSES])),
  town: Type.Optional(Type.Enum([...TOWN_CODES])),
  source: Type.Optional(Type.Enum([...CLAIM_SOURCES])),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'reference or employer name' })),
  assignee: Type.Optional(
    Type.Union([Type.Literal('me'), Type.Literal('none'), UuidSchema], { description: '`me`, `none` or an inspector id' }),
  ),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
})

export const TRIAGE_REASON_CODES = [
  'group_case',
  'amount',
  'deadline',
  'overdue',
  'repeat_employer',
  'blacklisted_employer',
  'national_dispatch',
  'recovery_disputed',
] as const

export const TriageReasonSchema = Type.Object({
  code: Type.Enum([...TRIAGE_REASON_CODES]),
  label: Type.String({ description: 'Chinese, for the queue' }),
  points: Type.Integer({ description: "this reason's share of `priority`" }),
  workingDaysLeft: Type.Optional(Type.Integer({ description: 'deadline/overdue: working days to acceptDueAt (negative: overdue)' })),
})
export type TriageReason = Static<typeof TriageReasonSchema>

export const TriageItemSchema = Type.Object({
  ...ClaimSchema.properties,
  priority: Type.Integer(),
  reasons: Type.Array(TriageReasonSchema),
})
export type TriageItem = Static<typeof TriageItemSchema>

/** Sort keys of the triage desk (each keyset-paginated with the claim id as tie-break). */
export const TRIAGE_SORTS = ['priority', 'deadline', 'amount', 'workers', 'reference', 'employer', 'received'] as const
export type TriageSort = (typeof TRIAGE_SORTS)[number]

export const TriageQuery = Type.Object({
  status: Type.Optional(Type.Enum([...CLAIM_STATUSES], { default: 'submitted' })),
  town: Type.Optional(Type.Enum([...TOWN_CODES])),
  source: Type.Optional(Type.Enum([...CLAIM_SOURCES])),
  employer: Type.Optional(Type.String({ maxLength: 100, description: 'credit code or employer name (normalised match)' })),
  overdue: Type.Optional(Type.Boolean()),
  q: Type.Optional(
    Type.String({
      maxLength: 100,
      description: 'reference, employer or claimant name (part), a full mobile number (matched by its keyed hash) or its last 4 digits',
    }),
  ),
  sort: Type.Optional(Type.Enum([...TRIAGE_SORTS], { default: 'priority' })),
  order: Type.Optional(Type.Enum(['asc', 'desc'], { description: 'default: desc for priority, amount, workers; asc otherwise' })),
  cursor: Type.Optional(Type.String({ maxLength: 600 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
})
export type TriageQuery = Static<typeof TriageQuery>

/** GET /api/v1/triage/counts: the desk's header figures, in the caller's jurisdiction. */
export const TriageCountsSchema = Type.Object({
  receivedToday: Type.Integer({ description: 'claims filed since 00:00 Asia/Shanghai today (any status)' }),
  awaiting: Type.Integer({ description: 'claims awaiting acceptance (submitted)' }),
  overdue: Type.Integer({ description: 'awaiting claims past their acceptance deadline' }),
  towns: Type.Array(Type.Enum([...TOWN_CODES]), { description: 'the towns counted: your jurisdiction (every town for staff without towns)' }),
})
export type TriageCounts = Static<typeof TriageCountsSchema>

/** GET /api/v1/triage/claims/:id: one claim's priority and reasons (the claim page). */
export const TriagePrioritySchema = Type.Object({
  id: UuidSchema,
  priority: Type.Integer(),
  reasons: Type.Array(TriageReasonSchema),
})
export type TriagePriority = Static<typeof TriagePrioritySchema>

export const TriageListSchema = Type.Object({
  items: Type.Array(TriageItemSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})

export const ClaimGroupSchema = Type.Object({
  id: UuidSchema,
  employerKey: Type.String(),
  claims: Type.Integer(),
  workersCount: Type.Integer(),
  isGroupCase: Type.Boolean(),
  owedFen: FenSchema,
  recoveredFen: Type.Object({ wages: FenSchema, compensation: FenSchema, indemnity: FenSchema, socialInsurance: FenSchema }),
  outstandingFen: FenSchema,
  claimIds: Type.Array(UuidSchema),
})
export type ClaimGroup = Static<typeof ClaimGroupSchema>

export const DuplicateListSchema = Type.Object({
  items: Type.Array(Type.Object({ id: UuidSchema, reference: Type.String(), status: Type.String(), createdAt: IsoDateTimeSchema })),
})
