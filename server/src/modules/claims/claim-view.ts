import {
  GROUP_CASE_MIN_WORKERS,
  type Attachment,
  type Claim,
  type ClaimDetail,
  type ClaimEvent,
  type Recovery,
} from '@huxin/shared'
import {
  emptyRecovered,
  type AttachmentRow,
  type ClaimEventRow,
  type ClaimFacts,
  type ClaimRow,
  type RecoveryRow,
} from './repository/index'

const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value)

function toClaimEvent(row: ClaimEventRow, staff = false): ClaimEvent {
  return {
    id: row.id,
    type: row.type,
    at: row.createdAt.toISOString(),
    visibility: row.visibility as ClaimEvent['visibility'],
    note: opt(row.note),
    fromStatus: opt(row.fromStatus),
    toStatus: opt(row.toStatus),
    actorId: staff ? opt(row.actorId) : undefined,
    reason: opt(row.reason),
  }
}

/** What a view adds to the row: ledger totals, group size, and (rarely) the full PII. */
export interface ClaimViewExtras {
  facts?: ClaimFacts
  /** Full phone / ID number, only for the assignee and above (and logged: pii_access_log). */
  pii?: { phone?: string; idNumber?: string }
  staff?: boolean
}

/** A ledger line: the row, and (from the ledger's list) the reversal that cancelled it and the claimant's open dispute. */
type LedgerLine = RecoveryRow & {
  reversedBy?: string | null
  openDispute?: { id: string; kind: string; note: string; createdAt: Date } | null
}

/** Which staff member recorded an entry is for staff (it decides who may reverse it), not the worker. */
export function forViewer(recovery: Recovery, staff: boolean): Recovery {
  if (staff) return recovery
  const { recordedBy: _recordedBy, ...rest } = recovery
  return rest
}

export function toRecovery(row: LedgerLine): Recovery {
  const d = row.openDispute
  return {
    reversalOf: opt(row.reversalOf),
    reversedBy: opt(row.reversedBy ?? null),
    reason: opt(row.reason),
    recordedBy: opt(row.recordedBy),
    dispute: d ? { id: d.id, kind: d.kind as 'not_received' | 'wrong_amount', note: d.note, createdAt: d.createdAt.toISOString() } : undefined,
    id: row.id,
    claimId: row.claimId,
    kind: row.kind as Recovery['kind'],
    amountFen: row.amountFen,
    paidAt: row.paidAt.toISOString(),
    payer: opt(row.payer) as Recovery['payer'],
    workerName: opt(row.workerName),
    note: opt(row.note),
    confirmedAt: row.confirmedAt?.toISOString(),
    createdAt: row.createdAt.toISOString(),
  }
}

/**
 * The API's view of a claim. PII leaves only masked; the full values stay encrypted in the row.
 */
export function toClaim(row: ClaimRow, events?: ClaimEventRow[], extras: ClaimViewExtras = {}): Claim {
  const recoveredFen = extras.facts?.recovered ?? emptyRecovered()
  const groupWorkers = extras.facts?.groupWorkers ?? row.workersCount
  return {
    id: row.id,
    reference: row.reference,
    status: row.status as Claim['status'],
    source: row.source as Claim['source'],
    nationalClueId: opt(row.nationalClueId),
    createdAt: row.createdAt.toISOString(),
    acceptDueAt: row.acceptDueAt.toISOString(),
    acceptDueProvisional: row.acceptDueProvisional,
    closeDueAt: row.closeDueAt?.toISOString(),
    closeDueProvisional: row.closeDueAt !== null && row.closeDueProvisional,
    nationalDueAt: extras.staff ? row.nationalDueAt?.toISOString() : undefined,
    channel: row.source as Claim['channel'],
    workerConsent:
      extras.staff && row.workerConsentHow
        ? { how: row.workerConsentHow as 'verbal' | 'signed', note: opt(row.workerConsentNote) }
        : undefined,
    filedBy: extras.staff ? opt(row.filedBy) : undefined,
    caseType: row.caseType as Claim['caseType'],
    reportKind: opt(row.reportKind) as Claim['reportKind'],
    anonymous: row.caseType === 'report' ? row.anonymous : undefined,
    reporter:
      extras.staff && (row.reporterName !== null || row.reporterPhoneMasked !== null)
        ? { name: opt(row.reporterName), phoneMasked: opt(row.reporterPhoneMasked) }
        : undefined,
    inspectionDrawId: extras.staff ? opt(row.inspectionDrawId) : undefined,
    rejectReason: opt(row.rejectReason) as Claim['rejectReason'],
    referToHelpPointId: opt(row.referToHelpPointId),
    transferTo: opt(row.transferTo),
    materialRequestedAt: row.materialRequestedAt?.toISOString(),
    town: row.town as Claim['town'],
    industry: row.industry as Claim['industry'],
    employer: {
      name: row.employerName,
      creditCode: opt(row.employerCreditCode),
      address: opt(row.employerAddress),
    },
    project: row.projectName === null ? undefined : { name: row.projectName, address: opt(row.projectAddress) },
    projectId: opt(row.projectId),
    site:
      row.siteLat === null || row.siteLng === null
        ? row.siteAddress === null
          ? undefined
          : { address: row.siteAddress }
        : { lat: row.siteLat, lng: row.siteLng, address: opt(row.siteAddress) },
    claimant: {
      name: row.claimantName,
      phoneMasked: opt(row.claimantPhoneMasked),
      idNumberMasked: opt(row.claimantIdMasked),
      phone: extras.pii?.phone,
      idNumber: extras.pii?.idNumber,
    },
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    amountOwedFen: row.amountOwedFen,
    workersCount: row.workersCount,
    workersCountConfirmed: opt(row.workersCountConfirmed),
    coWorkers: row.coWorkers.map((c) => ({ name: c.name, phoneMasked: c.phoneMasked })),
    description: row.description,
    confidential: row.confidential,
    groupId: opt(row.groupId),
    isGroupCase: groupWorkers >= GROUP_CASE_MIN_WORKERS,
    groupWorkersCount: groupWorkers,
    mergedIntoId: opt(row.mergedIntoId),
    acceptedAt: row.acceptedAt?.toISOString(),
    extendedAt: row.extendedAt?.toISOString(),
    orderServedAt: row.orderServedAt?.toISOString(),
    orderPayDueAt: row.orderPayDueAt?.toISOString(),
    blacklistAppliedAt: row.blacklistAppliedAt?.toISOString(),
    recoveredFen,
    // Outstanding = owed − recovered wages, never below zero (docs/casework.md, Ledger).
    outstandingFen: Math.max(0, row.amountOwedFen - recoveredFen.wages),
    // Shown only when a payment waits for the worker (the 待确认 badge).
    recoveriesAwaitingConfirmation: extras.facts?.awaitingConfirmation || undefined,
    assigneeId: opt(row.assigneeId),
    rating:
      row.ratingScore === null || row.ratedAt === null
        ? undefined
        : { score: row.ratingScore, comment: opt(row.ratingComment), ratedAt: row.ratedAt.toISOString() },
    events: events?.map((e) => toClaimEvent(e, extras.staff)),
  }
}

export function toAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    sha256: row.sha256,
    mime: row.mime as Attachment['mime'],
    size: row.size,
    fileName: opt(row.fileName),
    createdAt: row.createdAt.toISOString(),
  }
}

export function toClaimDetail(
  row: ClaimRow,
  events: ClaimEventRow[],
  files: AttachmentRow[],
  extras: ClaimViewExtras & { recoveries?: RecoveryRow[] } = {},
): ClaimDetail {
  return { ...toClaim(row, events, extras), attachments: files.map(toAttachment), recoveries: extras.recoveries?.map((r) => forViewer(toRecovery(r), extras.staff === true)) }
}
