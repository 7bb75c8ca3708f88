import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Attachment, Claim, ClaimDetail, ClaimList, ErrorResponse } from '@huxin/shared'
import { useTestApp, type TestApp } from '../../helpers/app'
import { signInWorker, type SignedIn } from '../../helpers/auth'
import { newKey, validClaimBody } from '../../helpers/claims'
import { DATABASE_KINDS } from '../../helpers/database'
import { storageCases, storedKeys, useStorageTestApp } from '../../helpers/storage'
import { contentKey } from '../../../src/modules/storage/index'

/** Smallest real files of each accepted kind (magic bytes decide, not names). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 1), Buffer.from([0xff, 0xd9])])
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([36, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(24, 2)])
const HEIC = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(12, 3)])

function multipart(content: Buffer, fileName = 'photo.jpg', field = 'file', contentType = 'image/jpeg') {
  const boundary = `----huxin${Math.random().toString(16).slice(2)}`
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

/** The requests of these tests, as `who` on app `t`. */
function worker(t: TestApp) {
  const file = async (who: SignedIn, overrides = {}) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/claims',
      headers: { ...who.headers, 'idempotency-key': newKey() },
      payload: validClaimBody(overrides),
    })
    expect(response.statusCode).toBe(201)
    return response.json<Claim>()
  }
  const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url, headers: who.headers })
  const upload = (who: SignedIn, claimId: string, content: Buffer, name?: string, field?: string) => {
    const { payload, headers } = multipart(content, name, field)
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/claims/${claimId}/attachments`,
      payload,
      headers: { ...who.headers, ...headers },
    })
  }
  return { file, get, upload }
}

describe.each(DATABASE_KINDS)('a worker’s own claims on %s', (kind) => {
  const t = useTestApp(kind)
  let alice: SignedIn
  let bob: SignedIn
  beforeAll(async () => {
    alice = await signInWorker(t)
    bob = await signInWorker(t)
  })
  const { file, get, upload } = worker(t)

  it('lists only the caller’s claims, newest first, page by page', async () => {
    const mine = [await file(alice), await file(alice), await file(alice)]
    await file(bob)
    const first = (await get(alice, '/api/v1/claims?limit=2')).json<ClaimList>()
    expect(first.items.map((c) => c.id)).toEqual([mine[2]!.id, mine[1]!.id])
    expect(first.nextCursor).toEqual(expect.any(String))
    const second = (await get(alice, `/api/v1/claims?limit=2&cursor=${first.nextCursor}`)).json<ClaimList>()
    expect(second.items.map((c) => c.id)).toEqual([mine[0]!.id])
    expect(second.nextCursor).toBeNull()
    const bad = await get(alice, '/api/v1/claims?cursor=garbage')
    expect(bad.statusCode).toBe(400)
  })

  it('answers 404 for another worker’s claim and attachment', async () => {
    const claim = await file(alice)
    const attachment = (await upload(alice, claim.id, PNG, 'slip.png')).json<Attachment>()
    expect((await get(bob, `/api/v1/claims/${claim.id}`)).statusCode).toBe(404)
    expect((await get(bob, `/api/v1/claims/${claim.id}/attachments/${attachment.id}`)).statusCode).toBe(404)
    expect((await upload(bob, claim.id, JPEG)).statusCode).toBe(404)
    const withdraw = await t.app.inject({ method: 'POST', url: `/api/v1/claims/${claim.id}/withdraw`, headers: bob.headers, payload: {} })
    expect(withdraw.statusCode).toBe(404)
  })

  it('withdraws a claim before closure, with a worker-visible event; twice → 409', async () => {
    const claim = await file(alice)
    const withdraw = (payload: object) =>
      t.app.inject({ method: 'POST', url: `/api/v1/claims/${claim.id}/withdraw`, headers: alice.headers, payload })
    const first = await withdraw({ reason: '老板已经把钱结清了' })
    expect(first.statusCode).toBe(200)
    expect(first.json<Claim>().status).toBe('withdrawn')
    const detail = (await get(alice, `/api/v1/claims/${claim.id}`)).json<ClaimDetail>()
    expect(detail.events?.map((e) => [e.type, e.note])).toEqual([
      ['filed', undefined],
      ['withdrawn', '老板已经把钱结清了'],
    ])
    const again = await withdraw({})
    expect(again.statusCode).toBe(409)
    expect(again.json<ErrorResponse>().error.code).toBe('INVALID_TRANSITION')
  })

})

describe.each(storageCases(DATABASE_KINDS))('the evidence of a worker’s claim on %s, %s store', (kind, storage) => {
  const t = useStorageTestApp(kind, storage)
  let alice: SignedIn
  beforeAll(async () => {
    alice = await signInWorker(t)
  })
  const { file, get, upload } = worker(t)
  const evidenceFiles = () => storedKeys(t, 'evidence/')

  it.each([
    ['JPEG', JPEG, 'image/jpeg'],
    ['PNG', PNG, 'image/png'],
    ['WebP', WEBP, 'image/webp'],
    ['HEIC', HEIC, 'image/heic'],
    ['PDF', PDF, 'application/pdf'],
  ])('stores a %s by content hash and serves it back to the claimant', async (_kind, content, mime) => {
    const claim = await file(alice)
    const response = await upload(alice, claim.id, content, 'evidence.bin')
    expect(response.statusCode).toBe(201)
    const attachment = response.json<Attachment>()
    expect(attachment).toMatchObject({ mime, size: content.length, sha256: createHash('sha256').update(content).digest('hex') })
    const download = await get(alice, `/api/v1/claims/${claim.id}/attachments/${attachment.id}`)
    expect(download.statusCode).toBe(200)
    expect(download.headers['content-type']).toContain(mime)
    expect(download.rawPayload.equals(content)).toBe(true)
    const detail = (await get(alice, `/api/v1/claims/${claim.id}`)).json<ClaimDetail>()
    expect(detail.attachments?.map((a) => a.id)).toEqual([attachment.id])
  })

  it('returns the same attachment when the same bytes are uploaded again (a retry)', async () => {
    const claim = await file(alice)
    const first = await upload(alice, claim.id, JPEG)
    const second = await upload(alice, claim.id, JPEG)
    expect(first.statusCode).toBe(201)
    expect(second.statusCode).toBe(200)
    expect(second.json<Attachment>().id).toBe(first.json<Attachment>().id)
    const detail = (await get(alice, `/api/v1/claims/${claim.id}`)).json<ClaimDetail>()
    expect(detail.attachments).toHaveLength(1)
  })

  it('stores the same bytes once, however many claims they are evidence of', async () => {
    const shared = Buffer.concat([PNG, Buffer.from('shared by two claims')])
    const key = contentKey('evidence', createHash('sha256').update(shared).digest('hex'))
    const [one, two] = [await file(alice), await file(alice)]
    expect((await upload(alice, one.id, shared)).statusCode).toBe(201)
    expect((await upload(alice, two.id, shared)).statusCode).toBe(201)
    expect((await evidenceFiles()).filter((k) => k === key)).toEqual([key])
    const other = (await get(alice, `/api/v1/claims/${two.id}`)).json<ClaimDetail>().attachments ?? []
    const download = await get(alice, `/api/v1/claims/${two.id}/attachments/${other[0]!.id}`)
    expect(download.rawPayload.equals(shared)).toBe(true)
  })

  it('refuses a disguised file (a script named .jpg) with 415 and keeps nothing', async () => {
    const claim = await file(alice)
    const before = (await evidenceFiles()).length
    const script = Buffer.from('#!/bin/sh\nrm -rf /\n')
    const response = await upload(alice, claim.id, script, 'photo.jpg')
    expect(response.statusCode).toBe(415)
    expect(response.json<ErrorResponse>().error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
    expect((await evidenceFiles()).length).toBe(before)
    expect(await t.app.objectStore.has(contentKey('evidence', createHash('sha256').update(script).digest('hex')))).toBe(false)
    expect((await get(alice, `/api/v1/claims/${claim.id}`)).json<ClaimDetail>().attachments).toEqual([])
  })

  it('refuses a file over 10 MB with 413 and keeps nothing', async () => {
    const claim = await file(alice)
    const before = (await evidenceFiles()).length
    const big = Buffer.concat([JPEG.subarray(0, 4), Buffer.alloc(10 * 1024 * 1024 + 10, 7)])
    const response = await upload(alice, claim.id, big)
    expect(response.statusCode).toBe(413)
    expect((await evidenceFiles()).length).toBe(before)
    expect((await get(alice, `/api/v1/claims/${claim.id}`)).json<ClaimDetail>().attachments).toEqual([])
  })

  it('accepts at most 9 files per claim (409 for the tenth)', async () => {
    const claim = await file(alice)
    for (let i = 0; i < 9; i++) {
      const distinct = Buffer.concat([JPEG, Buffer.from([i])])
      expect((await upload(alice, claim.id, distinct)).statusCode).toBe(201)
    }
    const tenth = await upload(alice, claim.id, Buffer.concat([JPEG, Buffer.from([99])]))
    expect(tenth.statusCode).toBe(409)
    expect(tenth.json<ErrorResponse>().error.code).toBe('TOO_MANY_ATTACHMENTS')
  })

  it('needs the multipart field `file`', async () => {
    const claim = await file(alice)
    const response = await upload(alice, claim.id, JPEG, 'a.jpg', 'photo')
    expect(response.statusCode).toBe(400)
    expect(response.json<ErrorResponse>().error.details?.[0]?.field).toBe('file')
    const json = await t.app.inject({
      method: 'POST',
      url: `/api/v1/claims/${claim.id}/attachments`,
      headers: alice.headers,
      payload: { file: 'abc' },
    })
    expect(json.statusCode).toBe(415)
  })
})
