/**
 * The object store going away while the API serves (the S3 adapter on s3rver, cut by the test's
 * switch): every request that needs it answers a clear 503 — never a 500 — and nothing is half
 * stored: no attachment row without its file, no document number spent, no download logged that
 * did not happen. When the store is back, the same requests succeed.
 */
import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { shanghaiDate, type Attachment, type CaseDocument, type ClaimDetail, type DocumentList, type ErrorResponse } from '@huxin/shared'
import { rawRows } from '../../../src/db/raw'
import { contentKey } from '../../../src/modules/storage/index'
import type { SignedIn } from '../../helpers/auth'
import { DATABASE_KINDS } from '../../helpers/database'
import { getPdf, requestDocument } from '../../helpers/documents'
import { act, fileAs, signInStaff, type SignedInStaff } from '../../helpers/staff'
import { storedKeys, useStorageTestApp } from '../../helpers/storage'

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 5), Buffer.from([0xff, 0xd9])])
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

function multipart(content: Buffer) {
  const boundary = `----huxin${Math.random().toString(16).slice(2)}`
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

describe.each(DATABASE_KINDS)('the object store going away on %s', (kind) => {
  const t = useStorageTestApp(kind, 's3')
  let inspector: SignedInStaff
  let worker: SignedIn
  let claimId: string
  let photo: Attachment
  beforeAll(async () => {
    inspector = await signInStaff(t, 'inspector', ['yaoguan'])
    const filed = await fileAs(t, { town: 'yaoguan' })
    worker = filed.worker
    claimId = filed.claim.id
    expect((await act(t, inspector, claimId, { action: 'accept' })).statusCode).toBe(200)
    const first = await upload(PNG)
    expect(first.statusCode).toBe(201)
    photo = first.json<Attachment>()
  })

  const upload = (content: Buffer) => {
    const { payload, headers } = multipart(content)
    return t.app.inject({ method: 'POST', url: `/api/v1/claims/${claimId}/attachments`, payload, headers: { ...worker.headers, ...headers } })
  }
  const download = (headers: { authorization: string }, attachmentId: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1/claims/${claimId}/attachments/${attachmentId}`, headers })
  const attachments = async () =>
    (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claimId}`, headers: worker.headers })).json<ClaimDetail>().attachments ?? []
  const evidenceViews = async () =>
    (await rawRows<{ n: number | string }>(t.database.handle.db, sql`select count(*) as n from pii_access_log where claim_id = ${claimId}`)).map((r) => Number(r.n))[0]
  const expectUnavailable = (response: { statusCode: number; headers: Record<string, unknown>; json<T>(): T; body: string }) => {
    expect(response.statusCode).toBe(503)
    expect(response.headers['retry-after']).toBe('30')
    expect(response.json<ErrorResponse>().error).toEqual({ code: 'STORAGE_UNAVAILABLE', message: '文件存储暂时不可用，请稍后再试' })
    expect(response.body).not.toMatch(/at .*\.ts:\d+|ECONNREFUSED|S3RVER/)
  }

  it('answers 503 to uploads, downloads and documents while it is away, stores nothing half, and serves them when it is back', async () => {
    const viewsBefore = await evidenceViews()
    t.s3!.setAvailable(false)
    try {
      // An upload: received and accepted here, refused by the store → 503, no row, no file.
      expectUnavailable(await upload(JPEG))
      expect((await attachments()).map((a) => a.id)).toEqual([photo.id])
      // What the API refuses by itself is still refused as before.
      expect((await upload(Buffer.from('not a photo'))).statusCode).toBe(415)
      // A download: 503 for the claimant and staff alike, and no staff view logged.
      expectUnavailable(await download(worker.headers, photo.id))
      expectUnavailable(await download(inspector.headers, photo.id))
      expect(await evidenceViews()).toBe(viewsBefore)
      // A document: rendered, refused by the store → 503, the whole issue rolled back.
      expectUnavailable(await requestDocument(t, inspector, claimId, { kind: 'acceptance_notice' }))
      const listed = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claimId}/documents`, headers: inspector.headers })
      expect(listed.json<DocumentList>().items).toEqual([])
    } finally {
      t.s3!.setAvailable(true)
    }
    // The outage was logged with the store's reason and nothing secret.
    const logs = t.logs.join('')
    expect(logs).toContain('object store request failed')
    expect(logs).not.toContain(t.config.storage.kind === 's3' ? t.config.storage.s3.secretAccessKey : 'never')

    expect(await storedKeys(t, 'evidence/')).toEqual([contentKey('evidence', photo.sha256)])
    expect(await t.app.objectStore.has(contentKey('evidence', sha256(JPEG)))).toBe(false)

    const retried = await upload(JPEG)
    expect(retried.statusCode).toBe(201)
    expect((await download(worker.headers, retried.json<Attachment>().id)).rawPayload.equals(JPEG)).toBe(true)
    const seen = await download(inspector.headers, photo.id)
    expect(seen.statusCode).toBe(200)
    expect(seen.rawPayload.equals(PNG)).toBe(true)
    expect(await evidenceViews()).toBe(viewsBefore! + 1)

    // The refused issue spent no number: the first document of this database is number 1.
    const issued = await requestDocument(t, inspector, claimId, { kind: 'acceptance_notice' })
    expect(issued.statusCode).toBe(201)
    const doc = issued.json<CaseDocument>()
    expect(doc.number).toBe(`常经开人社监〔${shanghaiDate(new Date()).slice(0, 4)}〕1号`)
    t.s3!.setAvailable(false)
    try {
      expectUnavailable(await getPdf(t, worker.headers, doc.id))
    } finally {
      t.s3!.setAvailable(true)
    }
    expect((await getPdf(t, worker.headers, doc.id)).statusCode).toBe(200)
  })
})
