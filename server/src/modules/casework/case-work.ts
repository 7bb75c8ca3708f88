/**
 * Staff case work beyond the state machine: what a staff member sees (their jurisdiction, the
 * full PII with an access log), assignment, duplicates, merge and split, the recovery ledger and
 * group totals. Every recorded change goes through the case workflow's `writeClaimChange` (one
 * event, the in-transaction hooks).
 */
import type { Database } from '../../db/client'
import { notFound } from '../../lib/http-errors'
import type { ClaimRow, ClaimsRepository, ListCursor } from '../claims/index'
import type { PiiCipher } from '../pii/index'
import { canSeeClaim, jurisdictionTowns, type Actor } from './access'
import { assignment } from './assignment'
import { disputes } from './dispute'
import { ledger } from './ledger'
import { mergeAndSplit } from './merge-split'
import { piiReveal } from './pii-reveal'
import { reversals } from './reversal'
import { triageSearch } from './triage'
import type { CaseworkRepository } from './repository/index'
import type { CaseWorkflow } from './workflow'
import { workersCount } from './workers-count'

export interface CaseWorkDeps {
  db: Database
  repo: CaseworkRepository
  workflow: CaseWorkflow
  /** The claims module's repository: recovered money and group sizes of claims. */
  claims: ClaimsRepository
  pii: PiiCipher
  now?: () => Date
}

/** What each part of case work is built from. */
export interface CaseWorkContext extends Omit<CaseWorkDeps, 'now'> {
  now: () => Date
  /** The claim, if the actor may see it; else 404 (API.md: never reveal it exists). */
  findVisible(claimId: string, actor: Actor): Promise<ClaimRow>
}

export function createCaseWork(deps: CaseWorkDeps) {
  const { repo } = deps

  async function findVisible(claimId: string, actor: Actor): Promise<ClaimRow> {
    const row = await repo.findClaim(claimId)
    if (!row || !canSeeClaim(actor, row)) throw notFound('投诉')
    return row
  }

  const context: CaseWorkContext = { ...deps, now: () => deps.now?.() ?? new Date(), findVisible }

  return {
    findVisible,

    /** Staff list: the actor's jurisdiction, newest first, keyset-paginated. */
    async listForStaff(
      actor: Actor,
      filters: { status?: string; town?: string; source?: string; q?: string; assignee?: string },
      limit: number,
      after?: ListCursor,
    ): Promise<ClaimRow[]> {
      const towns = jurisdictionTowns(actor)
      if (towns !== undefined && towns.length === 0) return []
      const { assignee, q, ...rest } = filters
      const assigneeId = assignee === 'me' ? actor.id : assignee === 'none' ? null : assignee || undefined
      // Searched as the desk searches: reference, employer or claimant name, or the claimant's phone.
      const search = triageSearch(q, (value) => deps.pii.hash(value))
      return repo.listForStaff({ ...rest, search, towns, assigneeId }, limit, after)
    },

    ...piiReveal(context),
    ...assignment(context),
    ...mergeAndSplit(context),
    ...ledger(context),
    ...reversals(context),
    ...disputes(context),
    ...workersCount(context),
  }
}

export type CaseWork = ReturnType<typeof createCaseWork>
