import Type, { type Static } from 'typebox'
import { REJECT_REASONS } from '../domain/acceptance'
import { CREDIT_CODE_PATTERN, MOBILE_PATTERN } from '../domain/identity'
import { MAX_AMOUNT_FEN } from '../domain/money'
import {
  ATTACHMENT_MIME_TYPES,
  CLAIM_SOURCES,
  CLAIM_STATUSES,
  INDUSTRIES,
  STAFF_INTAKE_CHANNELS,
  WORKER_CONSENT_KINDS,
} from '../domain/claim-status'
import { CASE_TYPES, REPORT_KINDS } from '../domain/report-kinds'
import { TOWN_CODES } from '../domain/towns'
import { FenSchema, IsoDateTimeSchema, LatLngSchema, SafeText, UuidSchema } from './common'

const MONTH_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])$'
/** 18 characters of the GB 32100 alphabet; the check digit is verified in `validateClaimInput`. */
/** 17 digits and a digit or X; the check digit and birth date are verified in `validateClaimInput`. */
const ID_NUMBER_PATTERN = '^[0-9]{17}[0-9Xx]$'

const Name = (max: number) => SafeText({ minLength: 1, maxLength: max })
const Text = (max: number) => SafeText({ maxLength: max })

export const CreateClaimBody = Type.Object(
  {
    claimant: Type.Object(
      {
        name: Name(50),
        phone: Type.Optional(Type.String({ pattern: MOBILE_PATTERN })),
        idNumber: Type.Optional(Type.String({ pattern: ID_NUMBER_PATTERN })),
      },
      { additionalProperties: false },
    ),
    employer: Type.Object(
      {
        name: Name(100),
        creditCode: Type.Optional(Type.String({ pattern: CREDIT_CODE_PATTERN })),
        address: Type.Optional(Text(200)),
      },
      { additionalProperties: false },
    ),
    project: Type.Optional(
      Type.Object(
        { name: Name(100), address: Type.Optional(Text(200)) },
        { additionalProperties: false },
      ),
    ),
    /** Filed through a project's site sign: the project's general contractor, name and site are used. */
    projectId: Type.Optional(UuidSchema),
    industry: Type.Enum([...INDUSTRIES]),
    site: Type.Optional(
      Type.Object(
        {
          // Both or neither (validateClaimInput): a worker may only type the address (issue 14).
          lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
          lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
          address: Type.Optional(Text(200)),
        },
        { additionalProperties: false, description: 'where the work was: a point (lat and lng together), an address, or both' },
      ),
    ),
    town: Type.Enum([...TOWN_CODES]),
    periodFrom: Type.String({ pattern: MONTH_PATTERN, description: 'YYYY-MM' }),
    periodTo: Type.String({ pattern: MONTH_PATTERN, description: 'YYYY-MM' }),
    amountOwedFen: Type.Integer({ minimum: 1, maximum: MAX_AMOUNT_FEN }),
    workersCount: Type.Integer({ minimum: 1, maximum: 10_000 }),
    coWorkers: Type.Optional(
      Type.Array(
        Type.Object(
          { name: Name(50), phone: Type.Optional(Type.String({ pattern: MOBILE_PATTERN })) },
          { additionalProperties: false },
        ),
        { maxItems: 200 },
      ),
    ),
    description: SafeText({ minLength: 1, maxLength: 2000 }),
    confidential: Type.Boolean(),
    consent: Type.Object(
      {
        privacyVersion: Type.String({ minLength: 1, maxLength: 20 }),
        /** Separate consent to process sensitive personal information (PIPL Art. 29). */
        sensitiveInfo: Type.Boolean(),
      },
      { additionalProperties: false },
    ),
    channel: Type.Optional(
      Type.Enum([...STAFF_INTAKE_CHANNELS], { description: 'staff only (required then): how the worker reached the bureau' }),
    ),
    workerConsent: Type.Optional(
      Type.Object(
        {
          how: Type.Enum([...WORKER_CONSENT_KINDS]),
          note: Type.Optional(Type.String({ maxLength: 500 })),
        },
        { additionalProperties: false, description: 'staff only (required then): how the worker agreed to the claim being filed for them' },
      ),
    ),
  },
  { additionalProperties: false },
)
export type CreateClaimBody = Static<typeof CreateClaimBody>

export const ClaimEventSchema = Type.Object({
  id: UuidSchema,
  type: Type.String({ description: 'filed, withdrawn, an action name (accept, close…), assign, merge, split, recovery_recorded…' }),
  at: IsoDateTimeSchema,
  visibility: Type.Enum(['worker', 'internal']),
  note: Type.Optional(Type.String()),
  fromStatus: Type.Optional(Type.String()),
  toStatus: Type.Optional(Type.String()),
  actorId: Type.Optional(Type.String({ description: 'staff views only' })),
  reason: Type.Optional(
    Type.String({ description: "a decision's legal ground (reject: time_barred, in_arbitration_or_court …; request_material, material_received)" }),
  ),
})
export type ClaimEvent = Static<typeof ClaimEventSchema>

export const RecoveredFenSchema = Type.Object({
  wages: FenSchema,
  compensation: FenSchema,
  indemnity: FenSchema,
  socialInsurance: FenSchema,
})

export const RATING_MIN = 1
export const RATING_MAX = 5

/** The claimant's rating of the handling of their claim, given once after closure. */
export const ClaimRatingSchema = Type.Object({
  score: Type.Integer({ minimum: RATING_MIN, maximum: RATING_MAX }),
  comment: Type.Optional(Type.String()),
  ratedAt: IsoDateTimeSchema,
})
export type ClaimRating = Static<typeof ClaimRatingSchema>

export const ClaimSchema = Type.Object({
  id: UuidSchema,
  reference: Type.String({ description: 'Human reference number, e.g. JK-20250314-0042' }),
  status: Type.Enum([...CLAIM_STATUSES]),
  source: Type.Enum([...CLAIM_SOURCES]),
  nationalClueId: Type.Optional(Type.String()),
  createdAt: IsoDateTimeSchema,
  acceptDueAt: IsoDateTimeSchema,
  acceptDueProvisional: Type.Boolean({
    description: 'true when the deadline lies beyond the known holiday calendar',
  }),
  closeDueAt: Type.Optional(IsoDateTimeSchema),
  closeDueProvisional: Type.Boolean({
    description: 'true when closeDueAt lies beyond the known holiday calendar (false while there is none)',
  }),
  nationalDueAt: Type.Optional(
    Type.Union([IsoDateTimeSchema], { description: "the national platform's own deadline for a dispatched clue (staff views only)" }),
  ),
  channel: Type.Enum([...CLAIM_SOURCES], { description: 'how the claim reached the bureau (the same as `source`)' }),
  caseType: Type.Optional(
    Type.Enum([...CASE_TYPES], { description: 'complaint (a worker’s claim), report (举报: no worker to answer) or inspection (the bureau’s own)' }),
  ),
  reportKind: Type.Optional(Type.Enum([...REPORT_KINDS], { description: 'what a report or inspection is about' })),
  anonymous: Type.Optional(Type.Boolean({ description: 'a report whose reporter is not known' })),
  reporter: Type.Optional(
    Type.Object({ name: Type.Optional(Type.String()), phoneMasked: Type.Optional(Type.String()) }, { description: 'staff views of a named report' }),
  ),
  inspectionDrawId: Type.Optional(Type.String({ description: 'the random draw an inspection came from' })),
  workerConsent: Type.Optional(
    Type.Object(
      { how: Type.Enum([...WORKER_CONSENT_KINDS]), note: Type.Optional(Type.String()) },
      { description: 'staff views of a claim staff entered' },
    ),
  ),
  filedBy: Type.Optional(Type.String({ description: 'staff views: the staff member who entered the claim' })),
  rejectReason: Type.Optional(Type.Enum([...REJECT_REASONS], { description: 'the legal ground of a rejection' })),
  referToHelpPointId: Type.Optional(Type.String({ description: 'a rejection sending the worker to a help point (arbitration, legal aid …)' })),
  transferTo: Type.Optional(Type.String({ description: 'a rejection transferring the case to the competent bureau' })),
  materialRequestedAt: Type.Optional(
    Type.Union([IsoDateTimeSchema], { description: 'set while requested material is awaited: the acceptance clock stands still' }),
  ),
  town: Type.Enum([...TOWN_CODES]),
  industry: Type.Enum([...INDUSTRIES]),
  employer: Type.Object({
    name: Type.String(),
    creditCode: Type.Optional(Type.String()),
    address: Type.Optional(Type.String()),
  }),
  project: Type.Optional(Type.Object({ name: Type.String(), address: Type.Optional(Type.String()) })),
  projectId: Type.Optional(UuidSchema),
  site: Type.Optional(
    Type.Object(
      {
        lat: Type.Optional(LatLngSchema.properties.lat),
        lng: Type.Optional(LatLngSchema.properties.lng),
        address: Type.Optional(Type.String()),
      },
      { description: 'lat and lng together when the worker gave a point; an address alone otherwise' },
    ),
  ),
  claimant: Type.Object({
    name: Type.String(),
    phoneMasked: Type.Optional(Type.String()),
    idNumberMasked: Type.Optional(Type.String()),
    phone: Type.Optional(Type.String({ description: 'full; staff detail view of the assignee and above only (logged)' })),
    idNumber: Type.Optional(Type.String({ description: 'full; staff detail view of the assignee and above only (logged)' })),
  }),
  periodFrom: Type.String(),
  periodTo: Type.String(),
  amountOwedFen: FenSchema,
  workersCount: Type.Integer({ description: 'as declared by whoever filed the claim' }),
  workersCountConfirmed: Type.Optional(
    Type.Integer({
      minimum: 1,
      description: 'as confirmed by an inspector (POST /claims/:id/workers-count); triage weighs a declared count only once confirmed',
    }),
  ),
  coWorkers: Type.Array(
    Type.Object({ name: Type.String(), phoneMasked: Type.Optional(Type.String()) }),
  ),
  description: Type.String(),
  confidential: Type.Boolean(),
  groupId: Type.Optional(UuidSchema),
  isGroupCase: Type.Boolean(),
  groupWorkersCount: Type.Optional(
    Type.Integer({ description: "workers of the claim's whole group (open, not merged); ≥ 5 makes a group case" }),
  ),
  mergedIntoId: Type.Optional(UuidSchema),
  acceptedAt: Type.Optional(IsoDateTimeSchema),
  extendedAt: Type.Optional(IsoDateTimeSchema),
  orderServedAt: Type.Optional(IsoDateTimeSchema),
  /** The served 责令支付通知书's pay deadline (modules/documents): the police transfer waits for it. */
  orderPayDueAt: Type.Optional(IsoDateTimeSchema),
  blacklistAppliedAt: Type.Optional(IsoDateTimeSchema),
  recoveredFen: RecoveredFenSchema,
  outstandingFen: FenSchema,
  /** Payments recorded that the claimant has neither confirmed nor disputed (and not reversed): the 待确认 badge. */
  recoveriesAwaitingConfirmation: Type.Optional(Type.Integer({ minimum: 0 })),
  assigneeId: Type.Optional(UuidSchema),
  rating: Type.Optional(ClaimRatingSchema),
  events: Type.Optional(Type.Array(ClaimEventSchema)),
})
export type Claim = Static<typeof ClaimSchema>

/** POST /api/v1/claims/:id/rating (API.md): the claimant rates a closed claim, once. */
export const RatingBody = Type.Object(
  {
    score: Type.Integer({ minimum: RATING_MIN, maximum: RATING_MAX, description: '1 (poor) … 5 (very good)' }),
    comment: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
)
export type RatingBody = Static<typeof RatingBody>

/** Header that makes `POST /api/v1/claims` safe to retry over a weak network. */
export const IDEMPOTENCY_KEY_PATTERN = '^[A-Za-z0-9_:-]{8,128}$'
export const CreateClaimHeaders = Type.Object({
  'idempotency-key': Type.String({
    pattern: IDEMPOTENCY_KEY_PATTERN,
    description: 'Unique per claim submission (a UUID); retries reuse it',
  }),
})

/** Evidence files (photos, PDF) attached to a claim; stored content-addressed by SHA-256. */
export const AttachmentSchema = Type.Object({
  id: UuidSchema,
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  mime: Type.Enum([...ATTACHMENT_MIME_TYPES]),
  size: Type.Integer({ minimum: 1 }),
  fileName: Type.Optional(Type.String()),
  createdAt: IsoDateTimeSchema,
})
export type Attachment = Static<typeof AttachmentSchema>

/** A claim with what its detail view adds: the timeline and the evidence. */
export const RecoverySchema = Type.Object({
  id: UuidSchema,
  claimId: UuidSchema,
  kind: Type.Enum(['wages', 'compensation', 'indemnity', 'social_insurance']),
  amountFen: Type.Integer({ description: 'fen; negative for a reversal (冲正)' }),
  paidAt: IsoDateTimeSchema,
  payer: Type.Optional(Type.Enum(['employer', 'general_contractor', 'wage_guarantee_deposit'])),
  workerName: Type.Optional(Type.String()),
  note: Type.Optional(Type.String()),
  confirmedAt: Type.Optional(IsoDateTimeSchema),
  createdAt: IsoDateTimeSchema,
  /** A reversal: the recovery it cancels. */
  reversalOf: Type.Optional(UuidSchema),
  /** The reversal entry that cancelled this recovery. */
  reversedBy: Type.Optional(UuidSchema),
  /** A reversal's reason, or why more wages than still owed were recorded. */
  reason: Type.Optional(Type.String()),
  /** The staff member who recorded it. */
  recordedBy: Type.Optional(UuidSchema),
  /** Staff views: whether the viewer may reverse (冲正) this entry now (a supervisor; the recorder within 24 hours). */
  canReverse: Type.Optional(Type.Boolean()),
  /** The claimant's open dispute of this payment (没收到 / 金额不对). */
  dispute: Type.Optional(
    Type.Object({
      id: UuidSchema,
      kind: Type.Enum(['not_received', 'wrong_amount']),
      note: Type.String(),
      createdAt: IsoDateTimeSchema,
    }),
  ),
})
export type Recovery = Static<typeof RecoverySchema>

export const ClaimDetailSchema = Type.Object({
  ...ClaimSchema.properties,
  attachments: Type.Optional(Type.Array(AttachmentSchema)),
  recoveries: Type.Optional(Type.Array(RecoverySchema)),
})
export type ClaimDetail = Static<typeof ClaimDetailSchema>

export const ClaimListQuery = Type.Object({
  status: Type.Optional(Type.Enum([...CLAIM_STATUSES])),
  town: Type.Optional(Type.Enum([...TOWN_CODES])),
  source: Type.Optional(Type.Enum([...CLAIM_SOURCES])),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
})
export type ClaimListQuery = Static<typeof ClaimListQuery>

export const ClaimListSchema = Type.Object({
  items: Type.Array(ClaimSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'pass as `cursor` for the next page; null at the end' }),
})
export type ClaimList = Static<typeof ClaimListSchema>

export const WithdrawClaimBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
)
export type WithdrawClaimBody = Static<typeof WithdrawClaimBody>

export * from '../domain/claim-status'
