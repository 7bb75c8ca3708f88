import Type, { type Static } from 'typebox'
import { CREDIT_CODE_PATTERN, MOBILE_PATTERN } from '../domain/identity'
import { CLAIM_STATUSES, INDUSTRIES, STAFF_INTAKE_CHANNELS } from '../domain/claim-status'
import { MAX_INSPECTION_DRAW, REPORT_KINDS } from '../domain/report-kinds'
import { TOWN_CODES } from '../domain/towns'
import { IsoDateTimeSchema, SafeText, UuidSchema } from './common'

const EmployerInput = Type.Object(
  {
    name: SafeText({ minLength: 1, maxLength: 100 }),
    creditCode: Type.Optional(Type.String({ pattern: CREDIT_CODE_PATTERN })),
    address: Type.Optional(SafeText({ maxLength: 200 })),
  },
  { additionalProperties: false },
)

/** POST /api/v1/reports (API.md, Staff-side claims): a report without a worker to answer. */
export const CreateReportBody = Type.Object(
  {
    kind: Type.Enum([...REPORT_KINDS]),
    employer: EmployerInput,
    town: Type.Enum([...TOWN_CODES]),
    industry: Type.Optional(Type.Enum([...INDUSTRIES])),
    description: SafeText({ minLength: 1, maxLength: 2000 }),
    reporter: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(SafeText({ minLength: 1, maxLength: 50 })),
          phone: Type.Optional(Type.String({ pattern: MOBILE_PATTERN })),
        },
        { additionalProperties: false },
      ),
    ),
    anonymous: Type.Boolean(),
    channel: Type.Optional(
      Type.Enum([...STAFF_INTAKE_CHANNELS], { description: 'staff only: how the report reached the bureau (default hotline); the app\'s reports are `miniprogram`' }),
    ),
  },
  { additionalProperties: false },
)
export type CreateReportBody = Static<typeof CreateReportBody>

export const ReportSchema = Type.Object({
  id: UuidSchema,
  reference: Type.String(),
  caseType: Type.Literal('report'),
  kind: Type.Enum([...REPORT_KINDS]),
  status: Type.Enum([...CLAIM_STATUSES]),
  channel: Type.String(),
  town: Type.Enum([...TOWN_CODES]),
  employer: Type.Object({ name: Type.String(), creditCode: Type.Optional(Type.String()), address: Type.Optional(Type.String()) }),
  description: Type.String(),
  anonymous: Type.Boolean(),
  reporter: Type.Optional(
    Type.Object({ name: Type.Optional(Type.String()), phoneMasked: Type.Optional(Type.String()) }, { description: 'staff only' }),
  ),
  createdAt: IsoDateTimeSchema,
  acceptDueAt: IsoDateTimeSchema,
})
export type Report = Static<typeof ReportSchema>

/** POST /api/v1/inspections: one employer entered by hand (docs/casework.md, Inspections). */
export const CreateInspectionBody = Type.Object(
  {
    employer: EmployerInput,
    town: Type.Enum([...TOWN_CODES]),
    kind: Type.Optional(Type.Enum([...REPORT_KINDS], { description: 'what the inspection looks at; default wages' })),
    industry: Type.Optional(Type.Enum([...INDUSTRIES])),
    description: SafeText({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
)
export type CreateInspectionBody = Static<typeof CreateInspectionBody>

/** POST /api/v1/inspections/draws: a reproducible random draw from the register. */
export const CreateDrawBody = Type.Object(
  {
    count: Type.Integer({ minimum: 1, maximum: MAX_INSPECTION_DRAW }),
    town: Type.Optional(Type.Enum([...TOWN_CODES])),
    seed: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$', description: 'default: 32 random hex digits' })),
    kind: Type.Optional(Type.Enum([...REPORT_KINDS])),
  },
  { additionalProperties: false },
)
export type CreateDrawBody = Static<typeof CreateDrawBody>

export const InspectionCaseSchema = Type.Object({
  id: UuidSchema,
  reference: Type.String(),
  caseType: Type.Literal('inspection'),
  kind: Type.Enum([...REPORT_KINDS]),
  status: Type.Enum([...CLAIM_STATUSES]),
  town: Type.Enum([...TOWN_CODES]),
  employer: Type.Object({ name: Type.String(), creditCode: Type.Optional(Type.String()) }),
  drawId: Type.Optional(UuidSchema),
  createdAt: IsoDateTimeSchema,
})
export type InspectionCase = Static<typeof InspectionCaseSchema>

export const DrawSchema = Type.Object({
  id: UuidSchema,
  seed: Type.String(),
  requested: Type.Integer(),
  town: Type.Optional(Type.String()),
  poolSize: Type.Integer(),
  poolDigest: Type.String({ description: 'sha256 of the pool’s employer keys in ascending order, one per line' }),
  method: Type.String({ description: 'how to check the draw' }),
  employers: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), town: Type.Union([Type.String(), Type.Null()]) })),
  cases: Type.Array(InspectionCaseSchema),
  drawnBy: UuidSchema,
  createdAt: IsoDateTimeSchema,
})
export type Draw = Static<typeof DrawSchema>

export const DrawListSchema = Type.Object({ items: Type.Array(Type.Omit(DrawSchema, ['cases', 'employers'])) })
