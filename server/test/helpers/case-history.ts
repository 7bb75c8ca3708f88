/**
 * A small but complete case history through the API, for tests of what must survive a backup or
 * retention: claims with evidence photos (one photo shared by two claims), accepted, investigated,
 * with recoveries (one reversed), an issued document, resolved and closed; a project; one claim
 * still open.
 */
import { randomBytes } from 'node:crypto'
import type { Attachment, CaseDocument, Claim, Recovery, Stats } from '@huxin/shared'
import type { TestApp } from './app'
import { requestDocument } from './documents'
import { idNumberOf, projectBody } from './projects'
import { act, fileAs, postAs, signInStaff, type SignedInStaff } from './staff'

const PNG_HEAD = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

/** A PNG the evidence store accepts, different every time (its magic bytes decide, not the tail). */
export const photo = () => Buffer.concat([PNG_HEAD, randomBytes(64)])

export function multipart(content: Buffer, fileName: string) {
  const boundary = `----huxin${randomBytes(8).toString('hex')}`
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

export interface CaseHistory {
  admin: SignedInStaff
  inspector: SignedInStaff
  /** Closed claims first, then the open one. */
  claims: Claim[]
  closed: Claim[]
  open: Claim
  attachments: (Attachment & { claimId: string })[]
  sharedPhoto: Buffer
  documents: CaseDocument[]
}

function ok<T>(response: { statusCode: number; body: string; json<U>(): U }, expected: number, what: string): T {
  if (response.statusCode !== expected) throw new Error(`${what}: ${response.statusCode} ${response.body}`)
  return response.json<T>()
}

export async function seedCaseHistory(t: TestApp, closedCount = 3): Promise<CaseHistory> {
  const admin = await signInStaff(t, 'admin', [])
  const inspector = await signInStaff(t, 'inspector', ['yaoguan'])
  const sharedPhoto = photo()
  ok(await postAs(t, admin, '/api/v1/projects', projectBody(1)), 201, 'project')
  const claims: Claim[] = []
  const attachments: CaseHistory['attachments'] = []
  const documents: CaseDocument[] = []
  for (let i = 0; i <= closedCount; i++) {
    const { claim, worker } = await fileAs(t, {
      town: 'yaoguan',
      amountOwedFen: 1_000_000 + i * 10_000,
      claimant: { name: `王建国${i}`, phone: `1381234${String(1000 + i)}`, idNumber: idNumberOf(i) },
      consent: { privacyVersion: '2026-11', sensitiveInfo: true },
      description: `第${i}号：老板张三欠我和李四三个月工资，电话 13900000000`,
    })
    claims.push(claim)
    for (const content of i < 2 ? [photo(), sharedPhoto] : [photo()]) {
      const { payload, headers } = multipart(content, `欠条-${i}.png`)
      const upload = await t.app.inject({ method: 'POST', url: `/api/v1/claims/${claim.id}/attachments`, payload, headers: { ...worker.headers, ...headers } })
      attachments.push({ ...ok<Attachment>(upload, 201, 'upload'), claimId: claim.id })
    }
    if (i === closedCount) break // the last one stays open (submitted)
    ok(await act(t, inspector, claim.id, { action: 'accept', note: '材料齐全，予以立案' }), 200, 'accept')
    documents.push(ok<CaseDocument>(await requestDocument(t, inspector, claim.id, { kind: 'acceptance_notice' }), 201, 'document'))
    ok(await act(t, inspector, claim.id, { action: 'investigate' }), 200, 'investigate')
    const paidAt = new Date(Date.now() - 86_400_000).toISOString()
    const recovery = ok<Recovery>(
      await postAs(t, inspector, `/api/v1/claims/${claim.id}/recoveries`, { kind: 'wages', amountFen: 300_000, paidAt, payer: 'employer', workerName: '王建国' }),
      201,
      'recovery',
    )
    if (i === 0) {
      ok(await postAs(t, inspector, `/api/v1/claims/${claim.id}/recoveries/${recovery.id}/reversal`, { reason: '王建国称未收到，银行退回' }), 201, 'reversal')
    }
    ok(await postAs(t, inspector, `/api/v1/claims/${claim.id}/recoveries`, { kind: 'compensation', amountFen: 50_000, paidAt }), 201, 'recovery')
    ok(await act(t, inspector, claim.id, { action: 'resolve' }), 200, 'resolve')
    ok(await act(t, inspector, claim.id, { action: 'close', note: '已结案，张三已付清' }), 200, 'close')
  }
  return { admin, inspector, claims, closed: claims.slice(0, closedCount), open: claims[closedCount]!, attachments, sharedPhoto, documents }
}

/** The year's figures (GET /api/v1/stats, the current Shanghai year) as every town's admin sees them. */
export async function yearFigures(t: TestApp, admin: SignedInStaff): Promise<Stats> {
  return ok<Stats>(await t.app.inject({ method: 'GET', url: '/api/v1/stats', headers: admin.headers }), 200, 'stats')
}
