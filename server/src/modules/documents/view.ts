import type { CaseDocument, DocumentKind } from '@huxin/shared'
import { DOCUMENT_KIND_RULES } from '@huxin/shared'
import type { DocumentRow } from './repository'

const opt = <T>(value: T | null): T | undefined => value ?? undefined

/** A document as the API shows it (API.md, Documents); staff also see who requested and decided. */
export function toDocument(row: DocumentRow, staff: boolean): CaseDocument {
  const kind = row.kind as DocumentKind
  return {
    id: row.id,
    kind,
    title: DOCUMENT_KIND_RULES[kind].title,
    status: row.status as CaseDocument['status'],
    number: row.number,
    issuedAt: row.issuedAt?.toISOString() ?? null,
    servedAt: row.servedAt?.toISOString(),
    serviceMethod: opt(row.serviceMethod) as CaseDocument['serviceMethod'],
    servedTo: staff ? opt(row.servedTo) : undefined,
    payDueAt: row.payDueAt?.toISOString(),
    requestedAt: row.requestedAt.toISOString(),
    ...(staff
      ? {
          requestedBy: row.requestedBy,
          decidedAt: row.decidedAt?.toISOString(),
          decidedBy: opt(row.decidedBy),
          decisionNote: opt(row.decisionNote),
        }
      : {}),
    pdfUrl: row.status === 'issued' ? `/api/v1/documents/${row.id}.pdf` : undefined,
    size: opt(row.size),
  }
}
