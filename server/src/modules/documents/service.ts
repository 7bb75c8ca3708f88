/**
 * The documents of a case (docs/documents.md): requesting one (issued at once, or waiting for a
 * supervisor's approval), approving or refusing it, recording its service, and who may read it.
 * Every step runs in one transaction with the claim row locked and writes one event on the
 * claim's timeline through the case workflow (`writeClaimChange`), so the audit log and the
 * worker's notification follow as for any claim change. Issuing takes the year's next number in
 * the same transaction, renders the PDF and stores it content-addressed.
 */
import {
  addCalendarDays,
  COMPLAINANT_DOCUMENT_KINDS,
  DOCUMENT_KIND_RULES,
  GENERIC_REJECTION_GROUND,
  isRecord,
  REJECTION_GROUNDS,
  shanghaiDate,
  shanghaiDayStart,
  type CreateDocumentBody,
  type DocumentKind,
  type ServeDocumentBody,
} from '@huxin/shared'
import type { Database, Transaction } from '../../db/client'
import { HttpError, notFound, validationFailed } from '../../lib/http-errors'
import { uuidv7 } from '../../lib/ids'
import type { FontLoader } from '../../lib/pdf/font'
import { renderTextDocument } from '../../lib/pdf/text-document'
import { canSeeClaim, isStaff, type Actor, type CaseWorkflow } from '../casework/index'
import type { ClaimEventRow, ClaimRow, ClaimsRepository } from '../claims/index'
import { buildDocument, type DocumentDetails, type DocumentFacts } from './content'
import type { DocumentStore } from './document-store'
import type { DocumentRow, DocumentsRepository } from './repository'

export interface DocumentsDeps {
  db: Database
  repo: DocumentsRepository
  claims: ClaimsRepository
  workflow: CaseWorkflow
  store: DocumentStore
  fonts: FontLoader
  bureauName: string
  numberPrefix: string
  now?: () => Date
}

/** `常经开人社监〔2026〕12号` */
export const formatDocumentNumber = (prefix: string, year: number, seq: number) => `${prefix}〔${year}〕${seq}号`

/**
 * The ground of the claim's latest 不予受理, from its `reject` event: the statutory ground the
 * decision recorded (`claim_events.reason`, with the help point referred to or the bureau
 * transferred to in `detail`: casework/workflow.ts), else its note.
 */
export function rejectionOf(events: readonly ClaimEventRow[]): DocumentFacts['rejection'] {
  const event = [...events].reverse().find((e) => e.type === 'reject')
  if (!event) return { ground: GENERIC_REJECTION_GROUND }
  const detail = isRecord(event.detail) ? event.detail : {}
  const referTo = isRecord(detail.referTo) && typeof detail.referTo.name === 'string' ? detail.referTo.name : undefined
  const transferTo = typeof detail.transferTo === 'string' && detail.transferTo ? detail.transferTo : undefined
  // A statutory ground is printed in the law's words; `other` (or none) is the inspector's note.
  const statutory = event.reason && event.reason !== 'other' ? REJECTION_GROUNDS[event.reason] : undefined
  const ground = statutory || event.note?.trim() || GENERIC_REJECTION_GROUND
  return { ground, referTo, transferTo }
}

export function createDocuments(deps: DocumentsDeps) {
  const { repo } = deps
  const now = () => deps.now?.() ?? new Date()

  async function lockClaim(tx: Transaction, claimId: string, actor: Actor): Promise<ClaimRow> {
    return deps.workflow.lockVisibleClaim(tx, claimId, actor)
  }

  type ClaimSet = Parameters<CaseWorkflow['writeClaimChange']>[1]['set']

  /** One event on the claim's timeline (and the claim columns a service sets), as any claim change. */
  function event(tx: Transaction, claim: ClaimRow, actor: Actor, type: string, note: string, worker = false, set: ClaimSet = {}) {
    return deps.workflow.writeClaimChange(tx, {
      kind: 'document',
      before: claim,
      set,
      actor,
      visibility: worker ? 'worker' : 'internal',
      note,
      eventType: type,
    })
  }

  function ensureKindAllowed(claim: ClaimRow, kind: DocumentKind): void {
    // A report or inspection has no complainant to notify (docs/casework.md, Reports and inspections).
    if (claim.caseType !== 'complaint' && DOCUMENT_KIND_RULES[kind].recipient === 'complainant') {
      throw new HttpError(409, 'DOCUMENT_NOT_ALLOWED', `举报和主动检查案件没有投诉人，不出具${DOCUMENT_KIND_RULES[kind].title}`, [
        { field: 'kind', message: kind },
        { field: 'caseType', message: claim.caseType },
      ])
    }
    if (!DOCUMENT_KIND_RULES[kind].statuses.includes(claim.status as never)) {
      throw new HttpError(409, 'DOCUMENT_NOT_ALLOWED', `当前状态（${claim.status}）不能出具${DOCUMENT_KIND_RULES[kind].title}`, [
        { field: 'kind', message: kind },
        { field: 'status', message: claim.status },
      ])
    }
  }

  /** Numbers, renders, stores and records a document: it becomes `issued`. */
  async function issue(tx: Transaction, claim: ClaimRow, doc: DocumentRow, actor: Actor, approval?: DocumentFacts['approval']) {
    const at = now()
    const year = Number(shanghaiDate(at).slice(0, 4))
    const seq = await repo.nextNumber(year, tx)
    const number = formatDocumentNumber(deps.numberPrefix, year, seq)
    const kind = doc.kind as DocumentKind
    // One after the other: a transaction's connection runs one query at a time.
    const facts = await deps.claims.loadFacts([claim], tx)
    const events = kind === 'rejection_notice' ? await deps.claims.listEvents(claim.id, undefined, tx) : []
    const orders = await repo.listForClaim(claim.id, tx)
    const order = orders.filter((o) => o.kind === 'payment_order' && o.servedAt && o.payDueAt && o.number).pop()
    const bytes = await renderTextDocument(
      deps.fonts,
      buildDocument({
        kind,
        number,
        issuedAt: at,
        bureauName: deps.bureauName,
        claim,
        recovered: facts.get(claim.id)!.recovered,
        details: doc.details as DocumentDetails,
        rejection: kind === 'rejection_notice' ? rejectionOf(events) : undefined,
        paymentOrder: order ? { number: order.number!, servedAt: order.servedAt!, payDueAt: order.payDueAt! } : undefined,
        approval,
      }),
    )
    const file = await deps.store.put(bytes)
    const issued = await repo.updateDocument(
      doc.id,
      { status: 'issued', year, seq, number, issuedAt: at, sha256: file.sha256, size: file.size },
      tx,
    )
    const rule = DOCUMENT_KIND_RULES[kind]
    // The complainant's notices reach the worker (timeline and notification); the rest stay internal.
    await event(tx, claim, actor, 'document_issued', `${rule.title} ${number}`, rule.recipient === 'complainant')
    return issued
  }

  return {
    /**
     * A staff member asks for a document. Kinds without approval are issued at once; the others
     * wait for a supervisor. A retry (same Idempotency-Key, or a kind issued once per decision)
     * returns the existing document with `created: false`.
     */
    async request(
      claimId: string,
      actor: Actor,
      body: CreateDocumentBody,
      idempotencyKey?: string,
    ): Promise<{ document: DocumentRow; created: boolean }> {
      const rule = DOCUMENT_KIND_RULES[body.kind]
      if (body.payWithinDays !== undefined && body.kind !== 'payment_order') {
        throw validationFailed([{ field: 'payWithinDays', message: '只有责令支付通知书有支付期限' }])
      }
      if (body.rectifyWithinDays !== undefined && body.kind !== 'rectification_order') {
        throw validationFailed([{ field: 'rectifyWithinDays', message: '只有责令改正指令书有改正期限' }])
      }
      return deps.db.transaction(async (tx) => {
        const claim = await lockClaim(tx, claimId, actor)
        if (idempotencyKey) {
          const replay = await repo.findByIdempotencyKey(claim.id, idempotencyKey, tx)
          if (replay) return { document: replay, created: false }
        }
        if (rule.once) {
          const existing = await repo.latestOfKind(claim.id, body.kind, tx)
          // A complaint rejected again after a reopening gets a new notice for the new decision.
          const rejectedAgain =
            body.kind === 'rejection_notice' && existing && claim.finishedAt !== null && existing.requestedAt < claim.finishedAt
          if (existing && !rejectedAgain) return { document: existing, created: false }
        }
        ensureKindAllowed(claim, body.kind)
        const at = now()
        const details: DocumentDetails = {}
        if (body.kind === 'payment_order') details.payWithinDays = body.payWithinDays ?? 10
        if (body.kind === 'rectification_order') details.rectifyWithinDays = body.rectifyWithinDays ?? 15
        for (const key of ['appearAt', 'place', 'findings', 'note'] as const) {
          const value = body[key]?.trim()
          if (value) details[key] = value
        }
        const doc = await repo.insertDocument(
          {
            id: uuidv7(at.getTime()),
            claimId: claim.id,
            kind: body.kind,
            status: 'pending_approval',
            details: details as Record<string, unknown>,
            idempotencyKey: idempotencyKey ?? null,
            requestedBy: actor.id,
            requestedAt: at,
          },
          tx,
        )
        if (rule.needsApproval) {
          await event(tx, claim, actor, 'document_requested', `${rule.title}（待审批）${details.note ? `：${details.note}` : ''}`)
          return { document: doc, created: true }
        }
        return { document: await issue(tx, claim, doc, actor), created: true }
      })
    },

    /**
     * A supervisor (or admin) of the claim's towns approves or refuses a document waiting for
     * approval; not one they asked for themselves. Approving issues it. Repeating the same
     * decision returns the document as it is.
     */
    async decide(documentId: string, actor: Actor, approve: boolean, note?: string): Promise<DocumentRow> {
      if (actor.role !== 'supervisor' && actor.role !== 'admin') {
        throw new HttpError(403, 'FORBIDDEN', '只有科室负责人（supervisor）可以审批文书')
      }
      return deps.db.transaction(async (tx) => {
        const found = await repo.findDocument(documentId, tx)
        if (!found) throw notFound('文书')
        const claim = await lockClaim(tx, found.claimId, actor)
        const doc = (await repo.lockDocument(documentId, tx))!
        if (doc.status !== 'pending_approval') {
          if ((doc.status === 'issued') === approve && doc.decidedBy) return doc
          throw new HttpError(409, 'ALREADY_DECIDED', '该文书已审批', [{ field: 'status', message: doc.status }])
        }
        if (doc.requestedBy === actor.id) {
          throw new HttpError(403, 'SELF_APPROVAL', '不能审批自己提请的文书，请由其他负责人审批')
        }
        const at = now()
        const decisionNote = note?.trim() || null
        const decided = await repo.updateDocument(doc.id, { decidedBy: actor.id, decidedAt: at, decisionNote }, tx)
        const rule = DOCUMENT_KIND_RULES[doc.kind as DocumentKind]
        if (!approve) {
          const refused = await repo.updateDocument(doc.id, { status: 'refused' }, tx)
          await event(tx, claim, actor, 'document_refused', `${rule.title}未获批准${decisionNote ? `：${decisionNote}` : ''}`)
          return refused
        }
        ensureKindAllowed(claim, doc.kind as DocumentKind)
        return issue(tx, claim, decided, actor, { at, note: decisionNote ?? undefined })
      })
    },

    /**
     * Records how, when and to whom an issued document was served. Serving a 责令支付通知书 sets
     * the claim's order service and pay deadline (the police transfer's gate). Recording the same
     * service again returns the document; a different one is refused (409).
     */
    async recordService(documentId: string, actor: Actor, body: ServeDocumentBody): Promise<DocumentRow> {
      const servedAt = new Date(body.servedAt)
      const servedTo = body.servedTo.trim()
      if (!servedTo) throw validationFailed([{ field: 'servedTo', message: '请填写受送达人' }])
      if (servedAt.getTime() > now().getTime() + 60_000) throw validationFailed([{ field: 'servedAt', message: '送达时间不能晚于现在' }])
      return deps.db.transaction(async (tx) => {
        const found = await repo.findDocument(documentId, tx)
        if (!found) throw notFound('文书')
        const claim = await lockClaim(tx, found.claimId, actor)
        const doc = (await repo.lockDocument(documentId, tx))!
        if (doc.status !== 'issued' || !doc.issuedAt) {
          throw new HttpError(409, 'NOT_ISSUED', '文书尚未出具，不能送达', [{ field: 'status', message: doc.status }])
        }
        if (doc.servedAt) {
          const same = doc.servedAt.getTime() === servedAt.getTime() && doc.serviceMethod === body.method && doc.servedTo === servedTo
          if (same) return doc
          throw new HttpError(409, 'ALREADY_SERVED', '该文书已记录送达', [{ field: 'servedAt', message: doc.servedAt.toISOString() }])
        }
        if (shanghaiDate(servedAt) < shanghaiDate(doc.issuedAt)) {
          throw validationFailed([{ field: 'servedAt', message: '送达日期不能早于文书出具日期' }])
        }
        const kind = doc.kind as DocumentKind
        // An order to pay: the employer pays within N calendar days of service, to the end of the last day.
        const payDueAt =
          kind === 'payment_order'
            ? shanghaiDayStart(addCalendarDays(shanghaiDate(servedAt), Number(doc.details.payWithinDays ?? 10) + 1))
            : null
        const served = await repo.updateDocument(
          doc.id,
          { servedAt, serviceMethod: body.method, servedTo, serviceRecordedBy: actor.id, payDueAt },
          tx,
        )
        const rule = DOCUMENT_KIND_RULES[kind]
        await event(
          tx,
          claim,
          actor,
          'document_served',
          `${rule.title} ${doc.number} 已送达${servedTo}`,
          false,
          payDueAt ? { orderServedAt: servedAt, orderPayDueAt: payDueAt } : {},
        )
        return served
      })
    },

    /** A claim's documents: staff all of them; the claimant their own issued notices. */
    async list(claim: ClaimRow, actor: Actor): Promise<DocumentRow[]> {
      const rows = await repo.listForClaim(claim.id)
      if (isStaff(actor)) return rows
      return rows.filter((d) => d.status === 'issued' && COMPLAINANT_DOCUMENT_KINDS.includes(d.kind as DocumentKind))
    },

    /**
     * An issued document the actor may read: staff of the claim's towns any; the claimant only
     * their own notices; anyone else 404 (API.md: never reveal it exists).
     */
    async findReadable(documentId: string, actor: Actor): Promise<DocumentRow> {
      const doc = await repo.findDocument(documentId)
      if (!doc || doc.status !== 'issued' || !doc.sha256) throw notFound('文书')
      const claim = await deps.claims.findById(doc.claimId)
      if (!claim || !canSeeClaim(actor, claim)) throw notFound('文书')
      if (!isStaff(actor) && !COMPLAINANT_DOCUMENT_KINDS.includes(doc.kind as DocumentKind)) throw notFound('文书')
      return doc
    },

    open: (sha256: string) => deps.store.open(sha256),
  }
}

export type Documents = ReturnType<typeof createDocuments>
