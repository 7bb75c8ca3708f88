import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { shanghaiDate, type CaseDocument, type ClaimDetail, type DocumentList, type ErrorResponse } from '@huxin/shared'
import { signInWorker } from '../../helpers/auth'
import { DATABASE_KINDS } from '../../helpers/database'
import { getPdf, pdfText, requestDocument, serveDocument } from '../../helpers/documents'
import { act, fileAs, signInStaff, type SignedInStaff } from '../../helpers/staff'
import { storageCases, storedKeys, useStorageTestApp } from '../../helpers/storage'
import { contentKey } from '../../../src/modules/storage/index'
import { chineseDate } from '../../../src/modules/documents/content'

const year = () => shanghaiDate(new Date()).slice(0, 4)
const NUMBER = () => new RegExp(`^常经开人社监〔${year()}〕(\\d+)号$`)

describe.each(storageCases(DATABASE_KINDS))('documents of a case on %s, %s store', (kind, storage) => {
  const t = useStorageTestApp(kind, storage)
  let inspector: SignedInStaff
  let townB: SignedInStaff
  let supervisor: SignedInStaff
  let otherSupervisor: SignedInStaff
  beforeAll(async () => {
    inspector = await signInStaff(t, 'inspector', ['yaoguan'])
    townB = await signInStaff(t, 'inspector', ['henglin'])
    supervisor = await signInStaff(t, 'supervisor', [])
    otherSupervisor = await signInStaff(t, 'supervisor', ['yaoguan'])
  })

  const listAs = (headers: { authorization: string }, claimId: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1/claims/${claimId}/documents`, headers })

  it('issues a numbered 受理通知书 the claimant downloads; its text names the number, the claimant and the dates', async () => {
    const { claim, worker } = await fileAs(t, { confidential: false })
    const accepted = await act(t, inspector, claim.id, { action: 'accept' })
    expect(accepted.statusCode).toBe(200)
    const response = await requestDocument(t, inspector, claim.id, { kind: 'acceptance_notice' })
    expect(response.statusCode).toBe(201)
    const doc = response.json<CaseDocument>()
    expect(doc).toMatchObject({ kind: 'acceptance_notice', title: '受理通知书', status: 'issued', pdfUrl: `/api/v1/documents/${doc.id}.pdf` })
    expect(doc.number).toMatch(NUMBER())

    // A retry returns the same notice, not a second number.
    const retry = await requestDocument(t, inspector, claim.id, { kind: 'acceptance_notice' })
    expect(retry.statusCode).toBe(200)
    expect(retry.json<CaseDocument>().id).toBe(doc.id)

    const pdf = await getPdf(t, worker.headers, doc.id)
    expect(pdf.statusCode).toBe(200)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    expect(pdf.rawPayload.length).toBeLessThan(100_000) // the font is subset
    // Kept in the store under its content address.
    expect(await storedKeys(t, 'documents/')).toContain(contentKey('documents', createHash('sha256').update(pdf.rawPayload).digest('hex')))
    const text = pdfText(pdf.rawPayload).replace(/\s+/g, '')
    expect(text).toContain(doc.number!)
    expect(text).toContain('受理通知书')
    expect(text).toContain('王建国')
    expect(text).toContain('常州某某建筑劳务有限公司')
    expect(text).toContain(claim.reference)
    expect(text).toContain(chineseDate(new Date(claim.createdAt)))
    expect(text).toContain(chineseDate(new Date(doc.issuedAt!)))
    expect(text).not.toContain('13812341234')

    // The claimant lists their notices; the timeline shows the issue to them.
    const mine = (await listAs(worker.headers, claim.id)).json<DocumentList>()
    expect(mine.items.map((d) => d.id)).toEqual([doc.id])
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers: worker.headers })).json<ClaimDetail>()
    expect(detail.events?.find((e) => e.type === 'document_issued')?.note).toContain(doc.number!)
  })

  it('answers a stranger, another worker and staff of another town with 404 for the PDF', async () => {
    const { claim } = await fileAs(t)
    await act(t, inspector, claim.id, { action: 'accept' })
    const doc = (await requestDocument(t, inspector, claim.id, { kind: 'acceptance_notice' })).json<CaseDocument>()
    const stranger = await signInWorker(t)
    expect((await getPdf(t, stranger.headers, doc.id)).statusCode).toBe(404)
    expect((await getPdf(t, townB.headers, doc.id)).statusCode).toBe(404)
    expect((await listAs(stranger.headers, claim.id)).statusCode).toBe(404)
    expect((await getPdf(t, inspector.headers, doc.id)).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/documents/${doc.id}.pdf` })).statusCode).toBe(401)
    expect((await getPdf(t, inspector.headers, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404)
  })

  it('gives the claimant only their own notices: documents to the employer stay with staff', async () => {
    const { claim, worker } = await fileAs(t)
    await act(t, inspector, claim.id, { action: 'accept' })
    const inquiry = (await requestDocument(t, inspector, claim.id, { kind: 'inquiry_notice', place: '经开区劳动监察大队' })).json<CaseDocument>()
    expect(inquiry.status).toBe('issued')
    expect((await getPdf(t, worker.headers, inquiry.id)).statusCode).toBe(404)
    expect((await listAs(worker.headers, claim.id)).json<DocumentList>().items).toEqual([])
    expect((await listAs(inspector.headers, claim.id)).json<DocumentList>().items.map((d) => d.kind)).toEqual(['inquiry_notice'])
  })

  it('states the ground of 不予受理 and refuses kinds the claim’s status does not allow', async () => {
    const { claim, worker } = await fileAs(t)
    const early = await requestDocument(t, inspector, claim.id, { kind: 'rejection_notice' })
    expect(early.statusCode).toBe(409)
    expect(early.json<ErrorResponse>().error).toMatchObject({ code: 'DOCUMENT_NOT_ALLOWED', details: [{ field: 'kind', message: 'rejection_notice' }, { field: 'status', message: 'submitted' }] })
    await act(t, inspector, claim.id, { action: 'reject', note: '该事项已申请劳动争议仲裁' })
    const doc = (await requestDocument(t, inspector, claim.id, { kind: 'rejection_notice' })).json<CaseDocument>()
    expect(doc.number).toMatch(NUMBER())
    const text = pdfText((await getPdf(t, worker.headers, doc.id)).rawPayload).replace(/\s+/g, '')
    expect(text).toContain('不予受理通知书')
    expect(text).toContain('该事项已申请劳动争议仲裁')
    expect(text).toContain(doc.number!)
  })

  it('prints the statutory ground the decision recorded and the help point it refers the worker to', async () => {
    const inserted = await t.app.db.execute(
      sql`insert into help_points (name, kind, address, lat, lng, phones) values ('武进区劳动人事争议仲裁院', 'arbitration', '武进区某路 1 号', 31.7, 120.0, array['0519-12345678']) returning id`,
    )
    const arbitration = (inserted as unknown as { rows: { id: string }[] }).rows[0]!.id
    const { claim, worker } = await fileAs(t)
    const rejected = await act(t, inspector, claim.id, { action: 'reject', reason: 'not_labour_inspection', referTo: arbitration, note: '属于解除劳动合同争议' })
    expect(rejected.statusCode).toBe(200)
    const doc = (await requestDocument(t, inspector, claim.id, { kind: 'rejection_notice' })).json<CaseDocument>()
    const text = pdfText((await getPdf(t, worker.headers, doc.id)).rawPayload).replace(/\s+/g, '')
    expect(text).toContain('该事项不属于劳动保障监察事项')
    expect(text).toContain('武进区劳动人事争议仲裁院')
  })

  it('never names the complainant of a confidential claim to the employer, and never prints a phone', async () => {
    const secret = await fileAs(t, { confidential: true, claimant: { name: '周保密', phone: '13912345678' } })
    const open = await fileAs(t, { confidential: false, claimant: { name: '吴公开', phone: '13912345679' } })
    for (const { claim } of [secret, open]) {
      await act(t, inspector, claim.id, { action: 'accept' })
      await act(t, inspector, claim.id, { action: 'investigate' })
    }
    const textOf = async (claimId: string, kind: string) => {
      const doc = (await requestDocument(t, inspector, claimId, { kind, payWithinDays: kind === 'payment_order' ? 7 : undefined })).json<CaseDocument>()
      return pdfText((await getPdf(t, inspector.headers, doc.id)).rawPayload).replace(/\s+/g, '')
    }
    for (const kind of ['inquiry_notice', 'rectification_order', 'payment_order']) {
      const hidden = await textOf(secret.claim.id, kind)
      expect(hidden).not.toContain('周保密')
      expect(hidden).not.toContain('13912345678')
      expect(hidden).toContain('3名劳动者')
      const shown = await textOf(open.claim.id, kind)
      expect(shown).toContain('吴公开')
      expect(shown).not.toContain('13912345679')
    }
    expect(await textOf(secret.claim.id, 'payment_order')).toContain('自收到本通知书之日起7日内')
  })

  it('numbers every document of the year once, also when issued at the same time', async () => {
    const claims = await Promise.all([1, 2, 3].map(() => fileAs(t)))
    for (const { claim } of claims) await act(t, inspector, claim.id, { action: 'accept' })
    const responses = await Promise.all(
      claims.flatMap(({ claim }) => [1, 2, 3].map(() => requestDocument(t, inspector, claim.id, { kind: 'inquiry_notice' }))),
    )
    expect(responses.map((r) => r.statusCode)).toEqual(Array(9).fill(201))
    const numbers = responses.map((r) => Number(NUMBER().exec(r.json<CaseDocument>().number!)?.[1]))
    expect(new Set(numbers).size).toBe(9)
  })

  it('returns the same document for a retry with the same Idempotency-Key', async () => {
    const { claim } = await fileAs(t)
    await act(t, inspector, claim.id, { action: 'accept' })
    const first = await requestDocument(t, inspector, claim.id, { kind: 'inquiry_notice' }, 'doc-key-0001')
    const second = await requestDocument(t, inspector, claim.id, { kind: 'inquiry_notice' }, 'doc-key-0001')
    expect([first.statusCode, second.statusCode]).toEqual([201, 200])
    expect(second.json<CaseDocument>().id).toBe(first.json<CaseDocument>().id)
    expect((await listAs(inspector.headers, claim.id)).json<DocumentList>().items).toHaveLength(1)
  })

  it('has a supervisor other than the requester approve the 行政处理决定书, 移送书 and 结案审批表 before they are issued', async () => {
    const { claim } = await fileAs(t)
    await act(t, inspector, claim.id, { action: 'accept' })
    await act(t, inspector, claim.id, { action: 'investigate' })
    const requested = await requestDocument(t, inspector, claim.id, { kind: 'administrative_decision', findings: '经查属实。', note: '请审批' })
    expect(requested.statusCode).toBe(201)
    const pending = requested.json<CaseDocument>()
    expect(pending).toMatchObject({ status: 'pending_approval', number: null, issuedAt: null })
    expect(pending.pdfUrl).toBeUndefined()
    expect((await getPdf(t, inspector.headers, pending.id)).statusCode).toBe(404)
    const approve = (s: SignedInStaff, id: string, body: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: `/api/v1/documents/${id}/approval`, headers: s.headers, payload: body })
    expect((await approve(inspector, pending.id, { approve: true })).statusCode).toBe(403)
    expect((await approve(supervisor, pending.id, {})).statusCode).toBe(400)
    const approved = await approve(supervisor, pending.id, { approve: true, note: '同意' })
    expect(approved.statusCode).toBe(200)
    const issued = approved.json<CaseDocument>()
    expect(issued).toMatchObject({ status: 'issued', decidedBy: supervisor.id, decisionNote: '同意' })
    expect(issued.number).toMatch(NUMBER())
    expect(pdfText((await getPdf(t, inspector.headers, issued.id)).rawPayload).replace(/\s+/g, '')).toContain('行政处理决定书')
    // Approving again is a no-op; refusing now is a conflict.
    expect((await approve(supervisor, pending.id, { approve: true })).json<CaseDocument>().number).toBe(issued.number)
    expect((await approve(supervisor, pending.id, { approve: false })).statusCode).toBe(409)

    // A supervisor's own request waits for another supervisor; a refusal issues nothing.
    const own = (await requestDocument(t, supervisor, claim.id, { kind: 'enforcement_transfer' })).json<CaseDocument>()
    expect(own.status).toBe('pending_approval')
    const self = await approve(supervisor, own.id, { approve: true })
    expect(self.statusCode).toBe(403)
    expect(self.json<ErrorResponse>().error.code).toBe('SELF_APPROVAL')
    const refused = await approve(otherSupervisor, own.id, { approve: false, note: '材料不全' })
    expect(refused.json<CaseDocument>()).toMatchObject({ status: 'refused', number: null })

    const events = (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers: inspector.headers })).json<ClaimDetail>().events ?? []
    const documentEvents = events.filter((e) => e.type.startsWith('document_'))
    expect(documentEvents.map((e) => [e.type, e.actorId])).toEqual([
      ['document_requested', inspector.id],
      ['document_issued', supervisor.id],
      ['document_requested', supervisor.id],
      ['document_refused', otherSupervisor.id],
    ])
    expect(documentEvents.every((e) => e.visibility === 'internal')).toBe(true)
  })

  it('records service once: how, when and to whom; bad input names the field', async () => {
    const { claim } = await fileAs(t)
    await act(t, inspector, claim.id, { action: 'accept' })
    const doc = (await requestDocument(t, inspector, claim.id, { kind: 'inquiry_notice' })).json<CaseDocument>()
    const servedAt = new Date().toISOString()
    const body = { method: 'in_person', servedAt, servedTo: '法定代表人 张某' }
    const missing = await serveDocument(t, inspector, doc.id, { method: 'in_person', servedAt })
    expect(missing.statusCode).toBe(400)
    expect(JSON.stringify(missing.json<ErrorResponse>().error.details)).toContain('servedTo')
    const badMethod = await serveDocument(t, inspector, doc.id, { ...body, method: 'pigeon' })
    expect(badMethod.statusCode).toBe(400)
    expect(JSON.stringify(badMethod.json<ErrorResponse>().error.details)).toContain('method')
    const future = await serveDocument(t, inspector, doc.id, { ...body, servedAt: new Date(Date.now() + 86_400_000).toISOString() })
    expect(future.statusCode).toBe(400)
    expect(future.json<ErrorResponse>().error.details?.[0]?.field).toBe('servedAt')
    const beforeIssue = await serveDocument(t, inspector, doc.id, { ...body, servedAt: new Date(Date.now() - 5 * 86_400_000).toISOString() })
    expect(beforeIssue.statusCode).toBe(400)
    expect((await serveDocument(t, townB, doc.id, body)).statusCode).toBe(404)

    const served = await serveDocument(t, inspector, doc.id, body)
    expect(served.statusCode).toBe(200)
    expect(served.json<CaseDocument>()).toMatchObject({ servedAt, serviceMethod: 'in_person', servedTo: '法定代表人 张某' })
    expect((await serveDocument(t, inspector, doc.id, body)).statusCode).toBe(200)
    const other = await serveDocument(t, inspector, doc.id, { ...body, method: 'by_post' })
    expect(other.statusCode).toBe(409)
    expect(other.json<ErrorResponse>().error.code).toBe('ALREADY_SERVED')
    const listed = (await listAs(inspector.headers, claim.id)).json<DocumentList>().items[0]
    expect(listed).toMatchObject({ id: doc.id, number: doc.number, servedAt })
    const events = (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers: inspector.headers })).json<ClaimDetail>().events ?? []
    expect(events.filter((e) => e.type === 'document_served')).toHaveLength(1)

    await act(t, inspector, claim.id, { action: 'investigate' })
    const pending = (await requestDocument(t, inspector, claim.id, { kind: 'enforcement_transfer' })).json<CaseDocument>()
    expect(pending.status).toBe('pending_approval')
    // A document awaiting approval cannot be served.
    expect((await serveDocument(t, inspector, pending.id, body)).statusCode).toBe(409)
  })

  it('validates the request: unknown kind, inputs of another kind, workers', async () => {
    const { claim, worker } = await fileAs(t)
    await act(t, inspector, claim.id, { action: 'accept' })
    const unknown = await requestDocument(t, inspector, claim.id, { kind: 'love_letter' })
    expect(unknown.statusCode).toBe(400)
    expect(JSON.stringify(unknown.json<ErrorResponse>().error.details)).toContain('kind')
    const wrong = await requestDocument(t, inspector, claim.id, { kind: 'inquiry_notice', payWithinDays: 5 })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json<ErrorResponse>().error.details?.[0]?.field).toBe('payWithinDays')
    const tooLong = await requestDocument(t, inspector, claim.id, { kind: 'inquiry_notice', place: 'x'.repeat(101) })
    expect(tooLong.statusCode).toBe(400)
    const byWorker = await t.app.inject({ method: 'POST', url: `/api/v1/claims/${claim.id}/documents`, headers: worker.headers, payload: { kind: 'acceptance_notice' } })
    expect(byWorker.statusCode).toBe(403)
    expect((await requestDocument(t, townB, claim.id, { kind: 'inquiry_notice' })).statusCode).toBe(404)
  })
})
