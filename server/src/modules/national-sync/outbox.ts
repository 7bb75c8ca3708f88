/**
 * The transactional outbox (docs/national-platform.md, "Sync engine"): whatever changes a claim
 * in a way the national platform must hear of calls `enqueueNationalMessage` (repository/outbox.ts)
 * with the SAME transaction, so the message exists exactly when the change committed. The send
 * loops (engine-send.ts) deliver it later, never inside a request or a transaction. Here: what
 * the messages say.
 */
import { CLOSING_STATUSES as CLOSING_STATUS_LIST, shanghaiDate } from '@huxin/shared'
import {
  mapOutcome,
  mapStatusToProgress,
  type ProgressPayload,
  type RegisterPayload,
  type ResultPayload,
} from './protocol'
import type { Executor } from '../../db/client'
import { enqueueNationalMessage } from './repository/index'

interface ClaimFacts {
  id: string
  reference: string
  status: string
  createdAt: Date
  town: string
  industry: string
  claimantName: string
  claimantPhoneMasked: string | null
  employerName: string
  employerCreditCode: string | null
  periodFrom: string
  periodTo: string
  amountOwedFen: number
  workersCount: number
}

/** What the platform is told of a claim filed with us. Masked phone only: the clue needs no more. */
export function registerPayload(claim: ClaimFacts): RegisterPayload {
  return {
    localClaimId: claim.id,
    reference: claim.reference,
    filedAt: claim.createdAt.toISOString(),
    town: claim.town,
    industry: claim.industry,
    claimant: { name: claim.claimantName, phoneMasked: claim.claimantPhoneMasked },
    employer: { name: claim.employerName, creditCode: claim.employerCreditCode },
    periodFrom: claim.periodFrom,
    periodTo: claim.periodTo,
    amountOwedFen: claim.amountOwedFen,
    workersCount: claim.workersCount,
  }
}

/**
 * Which cases the platform hears of (docs/national-platform.md, "What the platform receives"): it
 * is the wage-arrears clue platform (全国根治欠薪线索反映平台), so a worker's complaint and a report
 * of wage arrears (a clue like a complaint, from a third party or anonymous) are registered and
 * followed; a report of another kind (social insurance, hours, contracts, child labour,
 * obstruction) and a case the bureau opens itself (an inspection, no clue from anyone) are not.
 */
export function reachesNationalPlatform(claim: { caseType?: string | null; reportKind?: string | null }): boolean {
  const caseType = claim.caseType ?? 'complaint'
  return caseType === 'complaint' || (caseType === 'report' && claim.reportKind === 'wages')
}

/**
 * A wage-arrears report as a clue: the reporter stands where the claimant would (a name given on
 * a named report, never on an anonymous one; the masked phone only), no amount or workers known.
 */
export function reportRegisterPayload(report: {
  id: string
  reference: string
  createdAt: Date
  town: string
  industry: string
  anonymous: boolean
  reporterName: string | null
  reporterPhoneMasked: string | null
  employerName: string
  employerCreditCode: string | null
  periodFrom: string
  periodTo: string
}): RegisterPayload {
  return {
    ...registerPayload({
      ...report,
      status: 'submitted',
      claimantName: report.anonymous ? '匿名举报人' : (report.reporterName ?? '举报人'),
      claimantPhoneMasked: report.anonymous ? null : report.reporterPhoneMasked,
      amountOwedFen: 0,
      workersCount: 0,
    }),
    caseType: 'report',
    ...(report.anonymous ? { anonymous: true } : {}),
  }
}

export function progressPayload(status: string, at: Date, note?: string, transferTo?: string | null): ProgressPayload {
  // A clue rejected because another bureau is competent was transferred there (reported as such).
  const platformStatus = status === 'rejected' && transferTo ? 'TRANSFERRED' : mapStatusToProgress(status)
  return { status: platformStatus, localStatus: status, at: at.toISOString(), ...(note ? { note } : {}), ...(transferTo ? { transferTo } : {}) }
}

function resultPayload(input: {
  status: string
  amountOwedFen: number
  amountRecoveredFen: number
  workersPaid: number
  closedAt: Date
  mediated?: boolean
  note?: string
  transferTo?: string | null
}): ResultPayload {
  return {
    outcome: mapOutcome(input),
    amountRecoveredFen: input.amountRecoveredFen,
    workersPaid: input.workersPaid,
    closedOn: shanghaiDate(input.closedAt),
    ...(input.note ? { note: input.note } : {}),
    ...(input.transferTo ? { transferTo: input.transferTo } : {}),
  }
}

/**
 * The messages of a status change: its progress and, when the change closes the case, the result.
 * Called from the claim-change hook (plugin.ts), inside the change's transaction.
 */
export async function enqueueStatusChange(
  tx: Executor,
  input: {
    claimId: string
    status: string
    at: Date
    amountOwedFen: number
    amountRecoveredFen?: number
    workersPaid?: number
    mediated?: boolean
    note?: string
    transferTo?: string | null
  },
): Promise<void> {
  await enqueueNationalMessage(tx, {
    claimId: input.claimId,
    kind: 'progress',
    payload: progressPayload(input.status, input.at, input.note, input.transferTo),
  })
  if (CLOSING_STATUSES.has(input.status)) {
    await enqueueNationalMessage(tx, {
      claimId: input.claimId,
      kind: 'result',
      payload: resultPayload({
        status: input.status,
        amountOwedFen: input.amountOwedFen,
        amountRecoveredFen: input.amountRecoveredFen ?? 0,
        workersPaid: input.workersPaid ?? 0,
        closedAt: input.at,
        ...(input.mediated === undefined ? {} : { mediated: input.mediated }),
        ...(input.note ? { note: input.note } : {}),
        ...(input.transferTo ? { transferTo: input.transferTo } : {}),
      }),
    })
  }
}

/**
 * A finished case's result again, after a reversal (冲正) changed the money recovered
 * (docs/casework.md, Recoveries): the platform keeps the latest result of a clue.
 */
export async function enqueueResultCorrection(
  tx: Executor,
  input: { claimId: string; status: string; at: Date; amountOwedFen: number; amountRecoveredFen: number; workersPaid: number; note?: string | undefined },
): Promise<void> {
  await enqueueNationalMessage(tx, {
    claimId: input.claimId,
    kind: 'result',
    payload: resultPayload({
      status: input.status,
      amountOwedFen: input.amountOwedFen,
      amountRecoveredFen: input.amountRecoveredFen,
      workersPaid: input.workersPaid,
      closedAt: input.at,
      ...(input.note ? { note: input.note } : {}),
    }),
  })
}

/** Statuses that end a case and so carry a result (the shared set, for look-ups by any status text). */
export const CLOSING_STATUSES: ReadonlySet<string> = new Set(CLOSING_STATUS_LIST)
