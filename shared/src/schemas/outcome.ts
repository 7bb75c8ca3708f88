import Type, { type Static } from 'typebox'
import { MAX_AMOUNT_FEN } from '../domain/money'
import { IsoDateTimeSchema, UuidSchema } from './common'

/**
 * What a case achieved beyond money paid (docs/figures.md): a social-insurance order recorded when
 * ordered, with its amount (责令补缴社会保险费), and workers newly registered for social insurance
 * (新增参保登记).
 */
export const CASE_OUTCOME_KINDS = ['social_insurance_order', 'social_insurance_registration'] as const
export type CaseOutcomeKind = (typeof CASE_OUTCOME_KINDS)[number]

export const CASE_OUTCOME_LABELS: Record<CaseOutcomeKind, string> = {
  social_insurance_order: '责令补缴社会保险费',
  social_insurance_registration: '新增参保登记',
}

/** At most this many workers in one registration outcome (a claim's workers are capped far lower). */
export const MAX_OUTCOME_WORKERS = 10_000

export const RecordOutcomeBody = Type.Object(
  {
    kind: Type.Enum([...CASE_OUTCOME_KINDS]),
    amountFen: Type.Optional(
      Type.Integer({ minimum: 1, maximum: MAX_AMOUNT_FEN, description: 'the amount ordered (fen); required for social_insurance_order only' }),
    ),
    workers: Type.Optional(
      Type.Integer({ minimum: 1, maximum: MAX_OUTCOME_WORKERS, description: 'workers newly registered; required for social_insurance_registration only' }),
    ),
    decidedAt: IsoDateTimeSchema,
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
)
export type RecordOutcomeBody = Static<typeof RecordOutcomeBody>

export const CaseOutcomeSchema = Type.Object({
  id: UuidSchema,
  claimId: UuidSchema,
  kind: Type.Enum([...CASE_OUTCOME_KINDS]),
  amountFen: Type.Optional(Type.Integer({ minimum: 1 })),
  workers: Type.Optional(Type.Integer({ minimum: 1 })),
  decidedAt: IsoDateTimeSchema,
  note: Type.Optional(Type.String()),
  createdAt: IsoDateTimeSchema,
})
export type CaseOutcome = Static<typeof CaseOutcomeSchema>
