/**
 * The legal clocks of a claim, counted from what the row keeps (so they can be counted again):
 *  - acceptance: 5 working days from filing, or from the reopening of a rejected claim, plus the
 *    working days the clock stood still while material was requested (关于实施《劳动保障监察条例》
 *    若干规定 Art. 18);
 *  - closure: 60 working days from 立案, +30 once extended (劳动保障监察条例 Art. 17).
 * After an admin changes the calendar (a holiday override, a year declared complete), the open
 * deadlines the change can move are counted again and each one that moved is recorded as an
 * internal `deadline_recomputed` event.
 */
import { CLOSE_WORKING_DAYS, EXTENSION_WORKING_DAYS, shanghaiDate } from '@huxin/shared'
import type { Database } from '../../db/client'
import type { CalendarChange, WorkingDayCalendar, WorkingDayDeadline } from '../calendar/index'
import type { ClaimRow } from '../claims/index'
import { ACCEPTANCE_WORKING_DAYS } from '../claims/index'
import type { Actor } from './access'
import type { CaseworkRepository, ClaimUpdate } from './repository/index'
import type { CaseWorkflow } from './workflow'

type AcceptClock = Pick<ClaimRow, 'acceptClockFrom' | 'createdAt' | 'acceptPausedDays'>
type CloseClock = Pick<ClaimRow, 'acceptedAt' | 'extendedAt'>

export function acceptanceDeadline(calendar: WorkingDayCalendar, claim: AcceptClock): WorkingDayDeadline {
  return calendar.addWorkingDays(claim.acceptClockFrom ?? claim.createdAt, ACCEPTANCE_WORKING_DAYS + claim.acceptPausedDays)
}

/** undefined before 立案. */
export function closureDeadline(calendar: WorkingDayCalendar, claim: CloseClock): WorkingDayDeadline | undefined {
  if (!claim.acceptedAt) return undefined
  return calendar.addWorkingDays(claim.acceptedAt, CLOSE_WORKING_DAYS + (claim.extendedAt ? EXTENSION_WORKING_DAYS : 0))
}

/** What the claim's stored deadlines should be under `calendar`; empty when they already are. */
export function deadlineCorrection(calendar: WorkingDayCalendar, claim: ClaimRow): { set: ClaimUpdate; words: string[] } {
  const set: ClaimUpdate = {}
  const words: string[] = []
  // A stopped clock is counted again when the material arrives.
  if (claim.status === 'submitted' && claim.materialRequestedAt === null) {
    const due = acceptanceDeadline(calendar, claim)
    if (due.dueAt.getTime() !== claim.acceptDueAt.getTime() || due.provisional !== claim.acceptDueProvisional) {
      set.acceptDueAt = due.dueAt
      set.acceptDueProvisional = due.provisional
      words.push(`受理期限 ${shanghaiDate(claim.acceptDueAt)} → ${due.day}${due.provisional ? '（暂定）' : ''}`)
    }
  }
  const close = closureDeadline(calendar, claim)
  if (close && claim.closeDueAt && (close.dueAt.getTime() !== claim.closeDueAt.getTime() || close.provisional !== claim.closeDueProvisional)) {
    set.closeDueAt = close.dueAt
    set.closeDueProvisional = close.provisional
    words.push(`办结期限 ${shanghaiDate(claim.closeDueAt)} → ${close.day}${close.provisional ? '（暂定）' : ''}`)
  }
  return { set, words }
}

export interface DeadlineRecomputeDeps {
  db: Database
  repo: CaseworkRepository
  workflow: CaseWorkflow
  calendar: WorkingDayCalendar
}

/**
 * Counts again the open deadlines lying at or after `change.from` (a deadline before the changed
 * day cannot move), in one transaction, each claim locked. Idempotent: a deadline already right
 * is left alone, so a retried admin request writes nothing twice.
 */
export async function recomputeOpenDeadlines(deps: DeadlineRecomputeDeps, change: CalendarChange): Promise<number> {
  const actor: Actor = { id: change.actorId, role: 'admin', towns: [] }
  const candidates = await deps.repo.openClaimsWithDeadlinesFrom(change.from)
  if (candidates.length === 0) return 0
  return deps.db.transaction(async (tx) => {
    let moved = 0
    for (const id of candidates) {
      const claim = await deps.repo.lockClaim(id, tx)
      if (!claim) continue
      const { set, words } = deadlineCorrection(deps.calendar, claim)
      if (words.length === 0) continue
      await deps.workflow.writeClaimChange(tx, {
        kind: 'deadline_recomputed',
        before: claim,
        set,
        actor,
        visibility: 'internal',
        note: `节假日调整（${change.what}）：${words.join('；')}`,
      })
      moved++
    }
    return moved
  })
}
