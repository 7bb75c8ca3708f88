/**
 * Clues the national platform dispatches to the bureau, by pull or by push: each becomes a claim
 * (source `national_platform`) or is linked to the claim we already have for the same worker and
 * employer — never both, never twice. The acknowledgement goes out through the outbox, so the
 * platform hears of receipt only after the claim committed.
 */
import { INDUSTRIES, maskIdNumber, maskPhone, OPEN_STATUSES, shanghaiDate, TOWN_CODES } from '@huxin/shared'
import type { Database } from '../../db/client'
import { uuidv7 } from '../../lib/ids'
import type { DispatchedClue } from './protocol'
import type { PiiCipher } from '../pii/index'
import type { WorkingDayCalendar } from '../calendar/index'
import type { ClaimRow, ClaimsRepository } from '../claims/index'
import { ACCEPTANCE_WORKING_DAYS, groupFieldsOf, NEW_CASE_FIELDS } from '../claims/index'
import { enqueueNationalMessage, type NationalSyncRepository } from './repository/index'

export interface InboxDeps {
  db: Database
  repository: NationalSyncRepository
  claims: ClaimsRepository
  pii: PiiCipher
  calendar: WorkingDayCalendar
  now?: () => Date
}

export type ClueDisposition = 'created' | 'linked' | 'duplicate'

export interface ReceivedClue {
  disposition: ClueDisposition
  claimId: string
}


export class InvalidClueError extends Error {
  constructor(readonly field: string) {
    super(`dispatched clue: ${field} is missing or invalid`)
    this.name = 'InvalidClueError'
  }
}

/**
 * The platform validates its clues, but what we store must satisfy our own constraints. A town
 * outside the bureau's jurisdiction or an industry we do not know is refused (INVALID_CLUE): a
 * claim in an unknown town would be in no inspector's triage, seen by nobody (issue 13, finding 9).
 */
export function checkClue(clue: DispatchedClue): void {
  const text = (value: unknown) => typeof value === 'string' && value.trim() !== ''
  if (!text(clue.clueId) || clue.clueId.length > 64) throw new InvalidClueError('clueId')
  if (!text(clue.claimant?.name)) throw new InvalidClueError('claimant.name')
  if (!text(clue.employer?.name)) throw new InvalidClueError('employer.name')
  if (!(TOWN_CODES as readonly unknown[]).includes(clue.town)) throw new InvalidClueError('town')
  if (!(INDUSTRIES as readonly unknown[]).includes(clue.industry)) throw new InvalidClueError('industry')
  if (!Number.isSafeInteger(clue.amountOwedFen) || clue.amountOwedFen <= 0) throw new InvalidClueError('amountOwedFen')
  if (!Number.isSafeInteger(clue.workersCount) || clue.workersCount <= 0) throw new InvalidClueError('workersCount')
  if (!/^\d{4}-\d{2}/.test(clue.periodFrom ?? '') || !/^\d{4}-\d{2}/.test(clue.periodTo ?? '') || clue.periodFrom > clue.periodTo) {
    throw new InvalidClueError('periodFrom')
  }
  if (Number.isNaN(Date.parse(clue.dueAt)) || Number.isNaN(Date.parse(clue.dispatchedAt))) throw new InvalidClueError('dueAt')
}

export async function receiveClue(deps: InboxDeps, clue: DispatchedClue, via: 'pull' | 'webhook'): Promise<ReceivedClue> {
  checkClue(clue)
  const { repository } = deps
  const now = deps.now?.() ?? new Date()
  const phone = clue.claimant.phone?.trim() || undefined
  const idNumber = clue.claimant.idNumber?.trim().toUpperCase() || undefined
  const phoneHash = phone ? deps.pii.hash(phone) : null
  const idHash = idNumber ? deps.pii.hash(idNumber) : null
  const creditCode = clue.employer.creditCode?.trim().toUpperCase() || null
  const dueAt = new Date(clue.dueAt)
  // Taken outside the transaction: the allocator has its own statement (and may waste a number on a duplicate).
  // The bureau's day: a clue received at 07:12 in Shanghai is numbered by that day, not UTC's.
  const reference = await deps.claims.nextReference(shanghaiDate(now))

  return deps.db.transaction(async (tx) => {
    // The webhook and the pull may bring the same clue at the same moment: one at a time per clue.
    await repository.lockClue(clue.clueId, tx)
    const knownClaim = await repository.claimOfReceivedClue(clue.clueId, tx)
    if (knownClaim !== undefined) return { disposition: 'duplicate' as const, claimId: knownClaim }

    // The same worker (phone or ID number) against the same employer (credit code or name), still open.
    const match =
      phoneHash !== null || idHash !== null
        ? await repository.findOpenClaimOf({ phoneHash, idHash }, { creditCode, name: clue.employer.name }, OPEN_STATUSES, tx) // a new clue about a case still being handled joins it
        : undefined

    if (match) {
      // Linked, not duplicated: the claim takes the clue id if it has none, and the earlier deadline.
      await repository.linkClue(match.id, clue.clueId, dueAt, tx)
      await repository.addClaimEvent(
        {
          claimId: match.id,
          type: 'national_clue_linked',
          visibility: 'internal',
          note: `全国根治欠薪线索反映平台线索 ${clue.clueId} 已关联到本投诉`,
        },
        tx,
      )
      await repository.recordClue({ clueId: clue.clueId, claimId: match.id, disposition: 'linked', dueAt, payload: redact(clue), receivedVia: via }, tx)
      await enqueueNationalMessage(tx, { claimId: match.id, kind: 'ack', payload: { clueId: clue.clueId, localClaimId: match.id, linked: true } })
      return { disposition: 'linked' as const, claimId: match.id }
    }

    const due = deps.calendar.addWorkingDays(now, ACCEPTANCE_WORKING_DAYS)
    // The same employer and group keys as a filing (docs/casework.md), so a dispatched clue joins
    // the group of the local claims against the same employer and project.
    const group = groupFieldsOf({ name: clue.employer.name, creditCode }, clue.project?.name)
    const row: ClaimRow = {
      id: uuidv7(now.getTime()),
      reference,
      status: 'submitted',
      source: 'national_platform',
      nationalClueId: clue.clueId,
      nationalDueAt: dueAt,
      claimantUserId: null,
      town: clue.town,
      industry: clue.industry,
      claimantName: clue.claimant.name.trim(),
      claimantPhoneEnc: phone ? deps.pii.encrypt(phone) : null,
      claimantPhoneHash: phoneHash,
      claimantPhoneMasked: phone ? maskPhone(phone) : null,
      claimantIdEnc: idNumber ? deps.pii.encrypt(idNumber) : null,
      claimantIdHash: idHash,
      claimantIdMasked: idNumber ? maskIdNumber(idNumber) : null,
      employerName: clue.employer.name.trim(),
      employerCreditCode: creditCode,
      employerAddress: clue.employer.address?.trim() || null,
      projectName: clue.project?.name?.trim() || null,
      projectAddress: clue.project?.address?.trim() || null,
      siteLat: null,
      siteLng: null,
      siteAddress: null,
      periodFrom: clue.periodFrom,
      periodTo: clue.periodTo,
      amountOwedFen: clue.amountOwedFen,
      workersCount: clue.workersCount,
      coWorkers: [],
      description: (clue.description ?? '').trim() || '（全国根治欠薪线索反映平台转办线索）',
      // 劳动保障监察条例 Art. 9: the complainant's identity is kept confidential.
      confidential: true,
      consentPrivacyVersion: 'national-platform',
      consentSensitiveInfo: false,
      consentAt: new Date(clue.dispatchedAt),
      acceptDueAt: due.dueAt,
      acceptDueProvisional: due.provisional,
      filedBy: null,
      workerConsentHow: null,
      workerConsentNote: null,
      ...NEW_CASE_FIELDS,
      ...group,
      createdAt: now,
      updatedAt: now,
    }
    let claimId = await repository.insertClueClaim(row, group, tx)
    if (claimId === undefined) {
      // A claim already carries this clue id (e.g. an earlier HuXin version took it in): adopt it.
      claimId = await repository.claimWithClueId(clue.clueId, tx)
      if (claimId === undefined) throw new Error(`clue ${clue.clueId} conflicted but no claim holds it`)
    } else {
      await repository.addClaimEvent({ claimId, type: 'filed', visibility: 'worker', note: '由全国根治欠薪线索反映平台转办' }, tx)
    }
    await repository.recordClue({ clueId: clue.clueId, claimId, disposition: 'created', dueAt, payload: redact(clue), receivedVia: via }, tx)
    await enqueueNationalMessage(tx, { claimId, kind: 'ack', payload: { clueId: clue.clueId, localClaimId: claimId, linked: false } })
    return { disposition: 'created' as const, claimId }
  })
}

/** The clue as kept for the record: no phone or ID number in clear (they live encrypted on the claim). */
function redact(clue: DispatchedClue): Record<string, unknown> {
  const { claimant, ...rest } = clue
  return { ...rest, claimant: { name: claimant.name } }
}
