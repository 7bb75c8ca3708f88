import Type, { type Static } from 'typebox'
import { DOCUMENT_KINDS, PAYMENT_ORDER_MAX_DAYS, SERVICE_METHODS } from '../domain/case-documents'
import { IsoDateTimeSchema, UuidSchema } from './common'

/** POST /api/v1/claims/:id/documents (API.md, Additions: Documents). */
export const CreateDocumentBody = Type.Object(
  {
    kind: Type.Enum([...DOCUMENT_KINDS]),
    payWithinDays: Type.Optional(
      Type.Integer({ minimum: 1, maximum: PAYMENT_ORDER_MAX_DAYS, description: 'payment_order: days from service to pay (default 10)' }),
    ),
    rectifyWithinDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90, description: 'rectification_order: days to rectify (default 15)' })),
    appearAt: Type.Optional(Type.String({ maxLength: 50, description: 'inquiry_notice: when to appear, as printed (e.g. 2026年12月10日上午9时)' })),
    place: Type.Optional(Type.String({ maxLength: 100, description: 'inquiry_notice: where to appear' })),
    findings: Type.Optional(Type.String({ maxLength: 2000, description: 'facts found, printed on orders, decisions and transfers' })),
    note: Type.Optional(Type.String({ maxLength: 1000, description: 'a note for the timeline and the approver' })),
  },
  { additionalProperties: false },
)
export type CreateDocumentBody = Static<typeof CreateDocumentBody>

export const CreateDocumentHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 100, description: 'a retry with the same key returns the same document' })),
})

export const DOCUMENT_STATUSES = ['pending_approval', 'issued', 'refused'] as const

export const DocumentSchema = Type.Object({
  id: UuidSchema,
  kind: Type.Enum([...DOCUMENT_KINDS]),
  title: Type.String(),
  status: Type.Enum([...DOCUMENT_STATUSES]),
  /** null until issued (a document awaiting approval has no number yet). */
  number: Type.Union([Type.String(), Type.Null()]),
  issuedAt: Type.Union([IsoDateTimeSchema, Type.Null()]),
  servedAt: Type.Optional(IsoDateTimeSchema),
  serviceMethod: Type.Optional(Type.Enum([...SERVICE_METHODS])),
  servedTo: Type.Optional(Type.String()),
  payDueAt: Type.Optional(IsoDateTimeSchema),
  requestedAt: IsoDateTimeSchema,
  requestedBy: Type.Optional(UuidSchema),
  decidedAt: Type.Optional(IsoDateTimeSchema),
  decidedBy: Type.Optional(UuidSchema),
  decisionNote: Type.Optional(Type.String()),
  /** Where to download the PDF (issued documents only), and its size in bytes. */
  pdfUrl: Type.Optional(Type.String()),
  size: Type.Optional(Type.Integer({ minimum: 1 })),
})
export type CaseDocument = Static<typeof DocumentSchema>

export const DocumentListSchema = Type.Object({ items: Type.Array(DocumentSchema) })
export type DocumentList = Static<typeof DocumentListSchema>

/** POST /api/v1/documents/:id/service */
export const ServeDocumentBody = Type.Object(
  {
    method: Type.Enum([...SERVICE_METHODS]),
    servedAt: IsoDateTimeSchema,
    servedTo: Type.String({ minLength: 1, maxLength: 100, description: 'who received it (person or unit)' }),
  },
  { additionalProperties: false },
)
export type ServeDocumentBody = Static<typeof ServeDocumentBody>

/** POST /api/v1/documents/:id/approval (supervisor or admin, not the requester). */
export const ApproveDocumentBody = Type.Object(
  {
    approve: Type.Boolean(),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
)
export type ApproveDocumentBody = Static<typeof ApproveDocumentBody>

export const DocumentPdfParams = Type.Object({ id: UuidSchema })
