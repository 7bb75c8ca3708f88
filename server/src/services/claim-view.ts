import {
  GROUP_CASE_MIN_WORKERS,
  type Attachment,
  type Claim,
  type ClaimDetail,
  type ClaimEvent,
} from '@huxin/shared'
import type { AttachmentRow, ClaimEventRow, ClaimRow } from '../repositories/claims-repository'

const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value)

export function toClaimEvent(row: ClaimEventRow): ClaimEvent {
  return {
    id: row.id,
    type: row.type,
    at: row.createdAt.toISOString(),
    visibility: row.visibility as ClaimEvent['visibility'],
    note: opt(row.note),
  }
}

/**
 * The API's view of a claim. PII leaves only masked; the full values stay encrypted in the row.
 */
export function toClaim(row: ClaimRow, events?: ClaimEventRow[]): Claim {
  // Recoveries arrive with the recovery ledger; until then nothing has been recovered.
  const recoveredFen = { wages: 0, compensation: 0, indemnity: 0, socialInsurance: 0 }
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
    town: row.town as Claim['town'],
    industry: row.industry as Claim['industry'],
    employer: {
      name: row.employerName,
      creditCode: opt(row.employerCreditCode),
      address: opt(row.employerAddress),
    },
    project: row.projectName === null ? undefined : { name: row.projectName, address: opt(row.projectAddress) },
    site:
      row.siteLat === null || row.siteLng === null
        ? undefined
        : { lat: row.siteLat, lng: row.siteLng, address: opt(row.siteAddress) },
    claimant: {
      name: row.claimantName,
      phoneMasked: opt(row.claimantPhoneMasked),
      idNumberMasked: opt(row.claimantIdMasked),
    },
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    amountOwedFen: row.amountOwedFen,
    workersCount: row.workersCount,
    coWorkers: row.coWorkers.map((c) => ({ name: c.name, phoneMasked: c.phoneMasked })),
    description: row.description,
    confidential: row.confidential,
    groupId: opt(row.groupId),
    isGroupCase: row.workersCount >= GROUP_CASE_MIN_WORKERS,
    recoveredFen,
    outstandingFen: Math.max(0, row.amountOwedFen - recoveredFen.wages),
    assigneeId: opt(row.assigneeId),
    events: events?.map(toClaimEvent),
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

export function toClaimDetail(row: ClaimRow, events: ClaimEventRow[], files: AttachmentRow[]): ClaimDetail {
  return { ...toClaim(row, events), attachments: files.map(toAttachment) }
}
