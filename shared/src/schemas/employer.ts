import Type, { type Static } from 'typebox'
import { CLAIM_STATUSES } from '../domain/claim-status'
import { TOWN_CODES } from '../domain/towns'
import { FenSchema, IsoDateTimeSchema, UuidSchema } from './common'

export const BLACKLIST_STATUSES = ['none', 'applied', 'listed'] as const
/** 保障农民工工资支付条例 Art. 32–33: construction wage-guarantee deposit. */
export const DEPOSIT_STATUSES = ['stored', 'exempt', 'deferred'] as const

export const EmployerSchema = Type.Object({
  id: UuidSchema,
  key: Type.String({ description: '`cc:<credit code>` or `nm:<normalised name>`' }),
  name: Type.String(),
  creditCode: Type.Optional(Type.String()),
  blacklistStatus: Type.Enum([...BLACKLIST_STATUSES]),
  deposit: Type.Union([
    Type.Object({ status: Type.Enum([...DEPOSIT_STATUSES]), amountFen: Type.Optional(FenSchema) }),
    Type.Null(),
  ]),
  claims: Type.Integer({ description: 'claims against it (not merged away)' }),
  openClaims: Type.Integer(),
  openAmountFen: FenSchema,
  createdAt: IsoDateTimeSchema,
})
export type Employer = Static<typeof EmployerSchema>

export const EmployerDetailSchema = Type.Object({
  ...EmployerSchema.properties,
  claimList: Type.Array(
    Type.Object({
      id: UuidSchema,
      reference: Type.String(),
      status: Type.Enum([...CLAIM_STATUSES]),
      town: Type.Enum([...TOWN_CODES]),
      amountOwedFen: FenSchema,
      outstandingFen: FenSchema,
      createdAt: IsoDateTimeSchema,
    }),
    { description: "claims in the caller's jurisdiction, newest first (at most 200)" },
  ),
})
export type EmployerDetail = Static<typeof EmployerDetailSchema>

export const EmployerListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: 'name (part) or credit code' })),
  cursor: Type.Optional(Type.String({ maxLength: 300 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
})

export const EmployerListSchema = Type.Object({
  items: Type.Array(EmployerSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})

export const UpdateEmployerBody = Type.Object(
  {
    blacklistStatus: Type.Optional(Type.Enum([...BLACKLIST_STATUSES])),
    deposit: Type.Optional(
      Type.Union([
        Type.Object(
          { status: Type.Enum([...DEPOSIT_STATUSES]), amountFen: Type.Optional(Type.Integer({ minimum: 0 })) },
          { additionalProperties: false },
        ),
        Type.Null(),
      ]),
    ),
  },
  { additionalProperties: false },
)
export type UpdateEmployerBody = Static<typeof UpdateEmployerBody>
