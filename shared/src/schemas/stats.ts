import Type, { type Static } from 'typebox'
import { TOWN_CODES } from '../domain/towns'
import { FenSchema } from './common'

const DAY_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'

export const StatsQuery = Type.Object({
  from: Type.Optional(Type.String({ pattern: DAY_PATTERN, description: 'first day, YYYY-MM-DD (Asia/Shanghai); default 1 January of the current year' })),
  to: Type.Optional(Type.String({ pattern: DAY_PATTERN, description: 'last day, inclusive; default 31 December of the current year' })),
  town: Type.Optional(Type.Enum([...TOWN_CODES])),
})
export type StatsQuery = Static<typeof StatsQuery>

/** GET /api/v1/stats (API.md); every definition in docs/casework.md, Figures. */
export const StatsSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  town: Type.Optional(Type.String()),
  cluesReceived: Type.Integer({ description: 'every clue the national platform dispatched in the period, new case or joined one (docs/figures.md)' }),
  cluesLinked: Type.Integer({ description: 'of those, the clues that joined a claim already being handled' }),
  clueIncidenceRate: Type.Number({
    description: 'fraction (0.0048 = 0.48%): employers named by the period’s clues ÷ employers under supervision in the register (of the town when one is chosen); docs/figures.md',
  }),
  complaintsAccepted: Type.Integer(),
  groupCases: Type.Integer(),
  workersInvolved: Type.Integer(),
  wagesRecoveredFen: FenSchema,
  wagesOnlyRecoveredFen: FenSchema,
  compensationRecoveredFen: FenSchema,
  indemnityRecoveredFen: FenSchema,
  socialInsuranceOrderedFen: Type.Integer({
    minimum: 0,
    description: 'social-insurance contributions ordered paid: the amounts of the orders decided in the period (POST /claims/:id/outcomes, kind social_insurance_order)',
  }),
  socialInsurancePaidFen: Type.Integer({ minimum: 0, description: 'social-insurance arrears paid in the period (recoveries of kind social_insurance)' }),
  socialInsuranceRegistrations: Type.Integer({
    description: 'workers newly registered for social insurance as a case outcome decided in the period (kind social_insurance_registration)',
  }),
  closureRate: Type.Number({ description: 'fraction of the period’s accepted complaints that are finished' }),
  closedCases: Type.Integer(),
  policeTransfers: Type.Integer(),
  blacklistApplications: Type.Integer(),
  policeTransferEnterprises: Type.Integer({ description: 'distinct employers of the period’s police transfers (the seed counts by enterprise)' }),
  blacklistEnterprises: Type.Integer({ description: 'distinct employers of the period’s blacklist applications' }),
  overdueAcceptance: Type.Integer({ description: 'now: submitted claims past acceptDueAt' }),
  overdueClosure: Type.Integer({ description: 'now: accepted, open claims past closeDueAt' }),
  depositPermitHolders: Type.Integer({ description: 'construction projects permitted in the period (each must store a deposit)' }),
  depositStored: Type.Integer({ description: 'of them, stored directly or exempt (exempt included)' }),
  depositExempt: Type.Integer(),
  depositDeferred: Type.Integer({ description: 'of them, deferred at some point (completed, cancelled or still deferred)' }),
  depositDeferredCompleted: Type.Integer({ description: 'deferred, then stored' }),
  depositPermitCancelled: Type.Integer({ description: 'whose permit was cancelled' }),
  depositAmountFen: FenSchema,
  ratingsCount: Type.Integer({ description: 'claimants’ ratings (POST /claims/:id/rating) given in the period' }),
  ratingAverage: Type.Union([Type.Number({ minimum: 1, maximum: 5 }), Type.Null()], {
    description: 'their mean score, two decimals; null when none was given',
  }),
  complaintsReceived: Type.Optional(Type.Integer({ description: 'workers’ complaints received in the period (any channel), not merged away' })),
  reportsReceived: Type.Optional(Type.Integer({ description: 'reports (举报) received in the period, not merged away' })),
  byKind: Type.Optional(
    Type.Record(Type.String(), Type.Integer(), { description: 'complaints (as wages) and reports received in the period, by kind (docs/figures.md)' }),
  ),
  byChannel: Type.Optional(
    Type.Record(Type.String(), Type.Integer(), { description: 'complaints and reports received in the period, by channel (miniprogram, national_platform, hotline …)' }),
  ),
  inspectionsOpened: Type.Optional(Type.Integer({ description: 'inspection cases the bureau opened in the period (draws and by hand)' })),
  inspectedFirms: Type.Optional(Type.Integer({ description: 'distinct employers of those inspections' })),
})
export type Stats = Static<typeof StatsSchema>

/** GET /api/v1/stats/breakdown: the rows of the CSV as JSON, for the dashboard's charts. */
export const StatsBreakdownSchema = Type.Object({
  total: StatsSchema,
  towns: Type.Array(Type.Object({ town: Type.String(), stats: StatsSchema }), { description: 'a row per town of the caller’s reach, or the chosen town' }),
  months: Type.Array(Type.Object({ month: Type.String({ description: 'YYYY-MM' }), stats: StatsSchema }), {
    description: 'a row per month the period touches, clipped to the period',
  }),
})
export type StatsBreakdown = Static<typeof StatsBreakdownSchema>
