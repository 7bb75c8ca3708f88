/**
 * The inspector pages' calls for intake, reports, inspections and documents (docs/casework.md,
 * Reports and inspections; docs/documents.md).
 */
import type { Claim, CreateClaimBody } from '@huxin/shared/schemas/claim'
import type { CaseDocument, DocumentList, ServeDocumentBody } from '@huxin/shared/schemas/document'
import type { CreateDrawBody, CreateInspectionBody, CreateReportBody, Draw, Report } from '@huxin/shared/schemas/report'
import { staffApi } from './api'

const enc = encodeURIComponent
const keyed = (key: string) => ({ 'Idempotency-Key': key })

export const intakeApi = {
  fileClaim: (body: CreateClaimBody, key: string) => staffApi.call<Claim>('POST', '/api/v1/claims', body, keyed(key)),
  fileReport: (body: CreateReportBody, key: string) => staffApi.call<Report>('POST', '/api/v1/reports', body, keyed(key)),
  openInspection: (body: CreateInspectionBody, key: string) => staffApi.call<Claim>('POST', '/api/v1/inspections', body, keyed(key)),
  draw: (body: CreateDrawBody, key: string) => staffApi.call<Draw>('POST', '/api/v1/inspections/draws', body, keyed(key)),
  documents: (claimId: string) => staffApi.call<DocumentList>('GET', `/api/v1/claims/${enc(claimId)}/documents`),
  issueDocument: (claimId: string, body: { kind: string; payWithinDays?: number; findings?: string }, key: string) =>
    staffApi.call<CaseDocument>('POST', `/api/v1/claims/${enc(claimId)}/documents`, body, keyed(key)),
  serve: (documentId: string, body: ServeDocumentBody) => staffApi.call<CaseDocument>('POST', `/api/v1/documents/${enc(documentId)}/service`, body),
  approve: (documentId: string, approve: boolean, note?: string) =>
    staffApi.call<CaseDocument>('POST', `/api/v1/documents/${enc(documentId)}/approval`, note ? { approve, note } : { approve }),
  downloadDocument: (documentId: string) => staffApi.downloadDocument(documentId),
}
