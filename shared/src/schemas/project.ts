/** Construction projects, the four systems and the deposit ledger (API.md, Register, projects, deposits). */
import Type, { type Static } from 'typebox'
import { CREDIT_CODE_PATTERN } from '../domain/identity'
import { TOWN_CODES } from '../domain/towns'
import { FenSchema, IsoDateTimeSchema, SafeText, UuidSchema } from './common'

export const PROJECT_STATUSES = ['under_construction', 'suspended', 'completed'] as const
export const PROJECT_STATUS_LABELS: Record<(typeof PROJECT_STATUSES)[number], string> = {
  under_construction: '在建',
  suspended: '停工',
  completed: '竣工',
}
/** 保障农民工工资支付条例 Art. 32: cash, a bank guarantee or guarantee insurance. */
export const DEPOSIT_FORMS = ['cash', 'bank_guarantee', 'insurance'] as const
export const DEPOSIT_FORM_LABELS: Record<(typeof DEPOSIT_FORMS)[number], string> = {
  cash: '现金',
  bank_guarantee: '银行保函',
  insurance: '工资保证保险',
}
export const PROJECT_DEPOSIT_STATUSES = ['required', 'stored', 'exempt', 'deferred', 'permit_cancelled', 'returned'] as const
export type ProjectDepositStatus = (typeof PROJECT_DEPOSIT_STATUSES)[number]
export const PROJECT_DEPOSIT_STATUS_LABELS: Record<ProjectDepositStatus, string> = {
  required: '应存未存',
  stored: '已存储',
  exempt: '免存',
  deferred: '缓存',
  permit_cancelled: '许可注销',
  returned: '已返还',
}
export const DEPOSIT_ACTIONS = ['store', 'exempt', 'defer', 'cancel_permit', 'return', 'draw', 'top_up'] as const
export type DepositAction = (typeof DEPOSIT_ACTIONS)[number]
export const DEPOSIT_ACTION_LABELS: Record<DepositAction, string> = {
  store: '存储',
  exempt: '免存',
  defer: '缓存',
  cancel_permit: '许可注销',
  return: '返还',
  draw: '动用支付欠薪',
  top_up: '补足',
}

const DATE_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'
const MONTH_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])$'
const DateString = Type.String({ pattern: DATE_PATTERN, description: 'YYYY-MM-DD' })

export const PartySchema = Type.Object({
  name: Type.String(),
  creditCode: Type.Optional(Type.String()),
  employerId: Type.Union([UuidSchema, Type.Null()], { description: 'the register entry, matched by credit code else normalised name' }),
})
export const SubcontractorSchema = Type.Object({
  name: Type.String(),
  creditCode: Type.Optional(Type.String()),
  qualified: Type.Boolean({ description: 'false: work went to a party without the qualification (Art. 36)' }),
})

export const ProjectSchema = Type.Object({
  id: UuidSchema,
  permitNumber: Type.String(),
  name: Type.String(),
  town: Type.Enum([...TOWN_CODES]),
  site: Type.Object({ lat: Type.Union([Type.Number(), Type.Null()]), lng: Type.Union([Type.Number(), Type.Null()]), address: Type.Optional(Type.String()) }),
  builder: PartySchema,
  generalContractor: PartySchema,
  subcontractors: Type.Array(SubcontractorSchema),
  permitDate: DateString,
  startedOn: DateString,
  endsOn: Type.Optional(DateString),
  contractValueFen: Type.Optional(FenSchema),
  status: Type.Enum([...PROJECT_STATUSES]),
  payDay: Type.Optional(Type.Integer({ minimum: 1, maximum: 31 })),
  deposit: Type.Object({
    form: Type.Union([Type.Enum([...DEPOSIT_FORMS]), Type.Null()]),
    amountFen: FenSchema,
    status: Type.Enum([...PROJECT_DEPOSIT_STATUSES]),
    dueAt: IsoDateTimeSchema,
    balanceFen: FenSchema,
    topUpDueAt: Type.Union([IsoDateTimeSchema, Type.Null()]),
    deferred: Type.Boolean({ description: 'the deposit was deferred at some point' }),
  }),
  wageAccount: Type.Union([
    Type.Object({ bank: Type.String(), accountMasked: Type.String(), openedOn: DateString }),
    Type.Null(),
  ]),
  rosterCount: Type.Integer({ minimum: 0 }),
  createdAt: IsoDateTimeSchema,
})
export type Project = Static<typeof ProjectSchema>

export const DepositEventSchema = Type.Object({
  id: UuidSchema,
  action: Type.Enum([...DEPOSIT_ACTIONS]),
  fromStatus: Type.Enum([...PROJECT_DEPOSIT_STATUSES]),
  toStatus: Type.Enum([...PROJECT_DEPOSIT_STATUSES]),
  amountFen: Type.Union([FenSchema, Type.Null()]),
  balanceFen: FenSchema,
  claimId: Type.Union([UuidSchema, Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoDateTimeSchema,
})
export const ProjectDetailSchema = Type.Object({
  ...ProjectSchema.properties,
  depositEvents: Type.Array(DepositEventSchema),
  payrollMonths: Type.Array(Type.Object({ month: Type.String(), workers: Type.Integer(), amountFen: FenSchema })),
})
export type ProjectDetail = Static<typeof ProjectDetailSchema>

export const ProjectListQuery = Type.Object({
  town: Type.Optional(Type.Enum([...TOWN_CODES])),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
})
export type ProjectListQuery = Static<typeof ProjectListQuery>
export const ProjectListSchema = Type.Object({ items: Type.Array(ProjectSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) })
export type ProjectList = Static<typeof ProjectListSchema>

const PartyBody = Type.Object(
  { name: SafeText({ minLength: 2, maxLength: 200 }), creditCode: Type.Optional(Type.String({ pattern: CREDIT_CODE_PATTERN })) },
  { additionalProperties: false },
)
const ProjectFields = {
  permitNumber: SafeText({ minLength: 3, maxLength: 60 }),
  name: SafeText({ minLength: 2, maxLength: 200 }),
  town: Type.Enum([...TOWN_CODES]),
  site: Type.Object(
    {
      lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
      lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
      address: Type.Optional(SafeText({ maxLength: 200 })),
    },
    { additionalProperties: false },
  ),
  builder: PartyBody,
  generalContractor: PartyBody,
  subcontractors: Type.Array(
    Type.Object(
      { name: SafeText({ minLength: 2, maxLength: 200 }), creditCode: Type.Optional(Type.String({ pattern: CREDIT_CODE_PATTERN })), qualified: Type.Boolean() },
      { additionalProperties: false },
    ),
    { maxItems: 100 },
  ),
  permitDate: DateString,
  startedOn: DateString,
  endsOn: DateString,
  contractValueFen: Type.Integer({ minimum: 0, maximum: 1e15 }),
  status: Type.Enum([...PROJECT_STATUSES]),
  payDay: Type.Integer({ minimum: 1, maximum: 31 }),
  depositAmountFen: Type.Integer({ minimum: 0, maximum: 1e13, description: 'the deposit the project must store' }),
  wageAccount: Type.Object(
    {
      bank: SafeText({ minLength: 2, maxLength: 100 }),
      accountNumber: Type.String({ pattern: '^[0-9]{8,30}$', description: 'stored masked: only the last four digits are kept' }),
      openedOn: DateString,
    },
    { additionalProperties: false },
  ),
}
export const CreateProjectBody = Type.Object(
  {
    permitNumber: ProjectFields.permitNumber,
    name: ProjectFields.name,
    town: ProjectFields.town,
    site: Type.Optional(ProjectFields.site),
    builder: ProjectFields.builder,
    generalContractor: ProjectFields.generalContractor,
    subcontractors: Type.Optional(ProjectFields.subcontractors),
    permitDate: ProjectFields.permitDate,
    startedOn: ProjectFields.startedOn,
    endsOn: Type.Optional(ProjectFields.endsOn),
    contractValueFen: Type.Optional(ProjectFields.contractValueFen),
    status: Type.Optional(ProjectFields.status),
    payDay: Type.Optional(ProjectFields.payDay),
    depositAmountFen: Type.Optional(ProjectFields.depositAmountFen),
    wageAccount: Type.Optional(ProjectFields.wageAccount),
  },
  { additionalProperties: false },
)
export type CreateProjectBody = Static<typeof CreateProjectBody>
export const UpdateProjectBody = Type.Object(
  {
    name: Type.Optional(ProjectFields.name),
    site: Type.Optional(ProjectFields.site),
    subcontractors: Type.Optional(ProjectFields.subcontractors),
    endsOn: Type.Optional(ProjectFields.endsOn),
    contractValueFen: Type.Optional(ProjectFields.contractValueFen),
    status: Type.Optional(ProjectFields.status),
    payDay: Type.Optional(ProjectFields.payDay),
    depositAmountFen: Type.Optional(ProjectFields.depositAmountFen),
    wageAccount: Type.Optional(ProjectFields.wageAccount),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateProjectBody = Static<typeof UpdateProjectBody>

export const DepositTransitionBody = Type.Object(
  {
    action: Type.Enum([...DEPOSIT_ACTIONS]),
    amountFen: Type.Optional(Type.Integer({ minimum: 1, maximum: 1e13 })),
    form: Type.Optional(Type.Enum([...DEPOSIT_FORMS])),
    claimId: Type.Optional(UuidSchema),
    note: Type.Optional(SafeText({ maxLength: 500 })),
  },
  { additionalProperties: false },
)
export type DepositTransitionBody = Static<typeof DepositTransitionBody>

export const RosterUploadResponseSchema = Type.Object({ imported: Type.Integer(), rosterCount: Type.Integer() })
export const PayrollUploadResponseSchema = Type.Object({ month: Type.String({ pattern: MONTH_PATTERN }), imported: Type.Integer(), amountFen: FenSchema })
export const PayrollQuery = Type.Object({ month: Type.String({ pattern: MONTH_PATTERN, description: 'YYYY-MM' }) })

/** What anybody may read of a project (the sign's QR prefill): nothing private. */
export const ProjectPublicSchema = Type.Object({
  id: UuidSchema,
  name: Type.String(),
  town: Type.Enum([...TOWN_CODES]),
  generalContractor: Type.Object({ name: Type.String(), creditCode: Type.Optional(Type.String()) }),
  site: Type.Object({ lat: Type.Union([Type.Number(), Type.Null()]), lng: Type.Union([Type.Number(), Type.Null()]), address: Type.Optional(Type.String()) }),
})
export type ProjectPublic = Static<typeof ProjectPublicSchema>

/** The liability chain of a claim naming a project (Art. 30, 36). */
export const LiabilitySchema = Type.Object({
  claimId: UuidSchema,
  project: Type.Union([Type.Object({ id: UuidSchema, name: Type.String(), permitNumber: Type.String() }), Type.Null()]),
  chain: Type.Array(
    Type.Object({
      order: Type.Integer({ minimum: 1 }),
      role: Type.Enum(['general_contractor', 'builder', 'employer']),
      name: Type.String(),
      creditCode: Type.Optional(Type.String()),
      basis: Type.String({ description: 'the article of 保障农民工工资支付条例 the duty rests on' }),
    }),
  ),
  unqualifiedSubcontractors: Type.Array(Type.String()),
  deposit: Type.Union([
    Type.Object({ status: Type.Enum([...PROJECT_DEPOSIT_STATUSES]), balanceFen: FenSchema, topUpDueAt: Type.Union([IsoDateTimeSchema, Type.Null()]) }),
    Type.Null(),
  ]),
  roster: Type.Object({
    checked: Type.Boolean({ description: 'false when the claim has no ID number to match' }),
    onRoster: Type.Boolean(),
    projectId: Type.Optional(UuidSchema),
    projectName: Type.Optional(Type.String()),
    trade: Type.Optional(Type.String()),
    startedOn: Type.Optional(Type.String()),
  }),
  payroll: Type.Array(Type.Object({ month: Type.String(), paidFen: Type.Union([FenSchema, Type.Null()]), recorded: Type.Boolean() })),
})
export type Liability = Static<typeof LiabilitySchema>
