import Type, { type Static } from 'typebox'
import { CLAIM_STATUSES, INDUSTRIES } from '../domain/claim-status'
import { CREDIT_CODE_PATTERN } from '../domain/identity'
import { TOWN_CODES } from '../domain/towns'
import { FenSchema, IsoDateTimeSchema, UuidSchema } from './common'

export const BLACKLIST_STATUSES = ['none', 'applied', 'listed'] as const
/** 保障农民工工资支付条例 Art. 32–33: construction wage-guarantee deposit. */
export const DEPOSIT_STATUSES = ['stored', 'exempt', 'deferred'] as const

/** Enterprise size (企业规模) as the market-regulation list gives it. */
export const EMPLOYER_SIZES = ['micro', 'small', 'medium', 'large'] as const
export const EMPLOYER_SIZE_LABELS: Record<(typeof EMPLOYER_SIZES)[number], string> = {
  micro: '微型',
  small: '小型',
  medium: '中型',
  large: '大型',
}

export const EmployerSchema = Type.Object({
  id: UuidSchema,
  key: Type.String({ description: '`cc:<credit code>` or `nm:<normalised name>`' }),
  name: Type.String(),
  creditCode: Type.Optional(Type.String()),
  supervised: Type.Boolean({ description: 'in the register of employers under supervision; false = known only because a claim named it' }),
  town: Type.Optional(Type.Enum([...TOWN_CODES])),
  industry: Type.Optional(Type.Enum([...INDUSTRIES])),
  size: Type.Optional(Type.Enum([...EMPLOYER_SIZES])),
  registered: Type.Union([Type.Object({ id: UuidSchema, name: Type.String(), how: Type.Enum(['self', 'name', 'linked']) }), Type.Null()], {
    description:
      'the register entry this employer is: itself (in the register), matched by normalised name (no credit code), or linked by a person; null = unmatched',
  }),
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
  supervised: Type.Optional(Type.Boolean({ description: 'true: only the register; false: only employers claims named' })),
  town: Type.Optional(Type.Enum([...TOWN_CODES])),
  cursor: Type.Optional(Type.String({ maxLength: 300 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
})

export const EmployerListSchema = Type.Object({
  items: Type.Array(EmployerSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})
export type EmployerList = Static<typeof EmployerListSchema>

const EmployerNameSchema = Type.String({ minLength: 2, maxLength: 200, pattern: '\\S' })

/** An admin enters an employer in the register (API.md, Register). */
export const CreateEmployerBody = Type.Object(
  {
    name: EmployerNameSchema,
    creditCode: Type.Optional(Type.String({ pattern: CREDIT_CODE_PATTERN, description: '统一社会信用代码 (GB 32100-2015, check digit verified)' })),
    town: Type.Enum([...TOWN_CODES]),
    industry: Type.Enum([...INDUSTRIES]),
    size: Type.Optional(Type.Enum([...EMPLOYER_SIZES])),
  },
  { additionalProperties: false },
)
export type CreateEmployerBody = Static<typeof CreateEmployerBody>

/** `POST /api/v1/employers/import` and `POST /api/v1/projects/import`: nothing is stored when any line fails. */
export const RegisterImportErrorSchema = Type.Object({
  line: Type.Integer({ description: 'line of the CSV file (1 = the header)' }),
  field: Type.String(),
  message: Type.String(),
})
export const RegisterImportResponseSchema = Type.Object({
  imported: Type.Integer({ minimum: 0 }),
  errors: Type.Array(RegisterImportErrorSchema),
})
export type RegisterImportResponse = Static<typeof RegisterImportResponseSchema>
/** A refused import: API.md's error shape, and the same `{ imported: 0, errors }` beside it. */
export const RegisterImportRejectedSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))) }),
  imported: Type.Integer({ minimum: 0 }),
  errors: Type.Array(RegisterImportErrorSchema),
})

/** A person links a claim-named employer to its register entry (`null` undoes it). */
export const LinkEmployerBody = Type.Object({ registerId: Type.Union([UuidSchema, Type.Null()]) }, { additionalProperties: false })
export type LinkEmployerBody = Static<typeof LinkEmployerBody>

export const UnmatchedEmployersQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 300 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
})

export const UpdateEmployerBody = Type.Object(
  {
    name: Type.Optional(EmployerNameSchema),
    town: Type.Optional(Type.Enum([...TOWN_CODES])),
    industry: Type.Optional(Type.Enum([...INDUSTRIES])),
    size: Type.Optional(Type.Union([Type.Enum([...EMPLOYER_SIZES]), Type.Null()])),
    supervised: Type.Optional(Type.Boolean({ description: 'false takes the employer off the register (its claims stay)' })),
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
