/**
 * The bureau's figures (DOMAIN.md, "Figures the bureau reports") for a period of Shanghai days and
 * a town, within the caller's jurisdiction. Every definition is in docs/casework.md, Figures; the
 * statement that counts them, from the totals the database keeps, is in repository.ts.
 */
import { shanghaiDate, shanghaiDayStart, type Stats, type StatsQuery } from '@huxin/shared'
import { notFound, validationFailed } from '../../lib/http-errors'
import { jurisdictionTowns, type Actor } from '../casework/index'
import type { FiguresRepository, PeriodFigures } from './repository'
import { kindFigures } from './repository/by-kind'

const DAY_MS = 86_400_000

/** The asked period; a bound left out is that of the current Shanghai year (API.md, Figures). */
export function periodOf(query: Pick<StatsQuery, 'from' | 'to'>, now: Date): { from: string; to: string } {
  const year = shanghaiDate(now).slice(0, 4)
  return { from: query.from ?? `${year}-01-01`, to: query.to ?? `${year}-12-31` }
}

export async function computeStats(
  figures: FiguresRepository,
  actor: Actor,
  query: StatsQuery,
  now: Date = new Date(),
): Promise<Stats> {
  const period = periodOf(query, now)
  const from = shanghaiDayStart(period.from)
  const to = new Date(shanghaiDayStart(period.to).getTime() + DAY_MS)
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to <= from) {
    throw validationFailed([{ field: 'querystring.to', message: '结束日期不能早于开始日期' }])
  }
  const reach = jurisdictionTowns(actor)
  if (query.town && reach !== undefined && !reach.includes(query.town)) throw notFound('镇（街道）')
  const today = shanghaiDate(now)
  const towns = query.town ? [query.town] : reach
  // Two independent statements, run side by side: on PostgreSQL each takes a pool connection, so
  // /stats costs the slower of the two, not their sum (PGlite runs them one after the other).
  const [periodRow, kinds] = await Promise.all([
    figures.periodFigures({
      fromDay: period.from,
      toDay: period.to,
      from,
      to,
      now,
      today,
      todayStart: shanghaiDayStart(today),
      towns,
    }),
    kindFigures(figures.db, { from, to, towns }),
  ])
  const r: Partial<PeriodFigures> = periodRow ?? {}
  const num = (key: keyof PeriodFigures) => Number(r[key] ?? 0)
  const accepted = num('complaints_accepted')
  const wages = num('wages_fen')
  const compensation = num('compensation_fen')
  return {
    from: period.from,
    to: period.to,
    town: query.town,
    cluesReceived: num('clues_received'),
    cluesLinked: num('clues_linked'),
    clueIncidenceRate: num('employers_known') === 0 ? 0 : num('clue_employers') / num('employers_known'),
    complaintsAccepted: accepted,
    groupCases: num('group_cases'),
    workersInvolved: num('workers_involved'),
    wagesRecoveredFen: wages + compensation,
    wagesOnlyRecoveredFen: wages,
    compensationRecoveredFen: compensation,
    indemnityRecoveredFen: num('indemnity_fen'),
    socialInsuranceOrderedFen: num('social_ordered_fen'),
    socialInsurancePaidFen: num('social_fen'),
    socialInsuranceRegistrations: num('social_registrations'),
    closureRate: accepted === 0 ? 0 : num('closed_cases') / accepted,
    closedCases: num('closed_cases'),
    policeTransfers: num('police'),
    blacklistApplications: num('blacklist'),
    policeTransferEnterprises: num('police_enterprises'),
    blacklistEnterprises: num('blacklist_enterprises'),
    overdueAcceptance: num('overdue_acceptance'),
    overdueClosure: num('overdue_closure'),
    depositPermitHolders: num('deposit_holders'),
    depositStored: num('deposit_stored'),
    depositExempt: num('deposit_exempt'),
    depositDeferred: num('deposit_deferred'),
    depositDeferredCompleted: num('deposit_deferred_completed'),
    depositPermitCancelled: num('deposit_cancelled'),
    depositAmountFen: num('deposit_amount'),
    ratingsCount: num('ratings_count'),
    // Rounded to two decimals; null when nobody rated in the period (not a score of 0).
    ratingAverage: num('ratings_count') === 0 ? null : Math.round((num('ratings_total') / num('ratings_count')) * 100) / 100,
    ...kinds,
  }
}
