import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { Attachment, ClaimDetail } from '@huxin/shared'
import { DATABASE_KINDS } from '../../helpers/database'
import { fileAs, signInStaff } from '../../helpers/staff'
import { storageCases, useStorageTestApp } from '../../helpers/storage'
import { rawRows } from '../../../src/db/raw'

/** A 1 × 1 PNG and the smallest PDF the server accepts (magic bytes decide). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

function multipart(content: Buffer, fileName: string) {
  const boundary = `----huxin${Math.random().toString(16).slice(2)}`
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

describe.each(storageCases(DATABASE_KINDS))('staff and the evidence of a claim on %s, %s store', (kind, storage) => {
  const t = useStorageTestApp(kind, storage)

  it('lists each file with its type and size, serves it to staff of the town only, and logs every staff download', async () => {
    const inspector = await signInStaff(t, 'inspector', ['henglin'])
    const elsewhere = await signInStaff(t, 'inspector', ['dingyan'])
    const { claim, worker } = await fileAs(t, { town: 'henglin' })
    const uploaded: Attachment[] = []
    for (const [content, name] of [
      [PNG, 'iou.png'],
      [PDF, 'contract.pdf'],
    ] as const) {
      const { payload, headers } = multipart(content, name)
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/claims/${claim.id}/attachments`,
        payload,
        headers: { ...worker.headers, ...headers },
      })
      expect(response.statusCode).toBe(201)
      uploaded.push(response.json<Attachment>())
    }

    // The staff detail names every file with what the page needs to show it.
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers: inspector.headers })).json<ClaimDetail>()
    expect(detail.attachments?.map((a) => [a.id, a.mime, a.size])).toEqual([
      [uploaded[0]!.id, 'image/png', PNG.length],
      [uploaded[1]!.id, 'application/pdf', PDF.length],
    ])

    const get = (headers: Record<string, string>, attachmentId: string) =>
      t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}/attachments/${attachmentId}`, headers })
    const photo = await get(inspector.headers, uploaded[0]!.id)
    expect(photo.statusCode).toBe(200)
    expect(photo.headers['content-type']).toContain('image/png')
    expect(photo.rawPayload.equals(PNG)).toBe(true)
    const pdf = await get(inspector.headers, uploaded[1]!.id)
    expect(pdf.headers['content-type']).toContain('application/pdf')
    // Another town's inspector learns nothing; the claimant's own downloads are not logged.
    expect((await get(elsewhere.headers, uploaded[0]!.id)).statusCode).toBe(404)
    expect((await get(worker.headers, uploaded[0]!.id)).statusCode).toBe(200)

    const log = await rawRows<{ actor_id: string; fields: string[] }>(
      t.database.handle.db,
      sql`select actor_id, fields from pii_access_log where claim_id = ${claim.id} order by at`,
    )
    expect(log.map((r) => [r.actor_id, r.fields]).sort()).toEqual(
      [
        [inspector.id, [`attachment:${uploaded[0]!.id}`]],
        [inspector.id, [`attachment:${uploaded[1]!.id}`]],
      ].sort(),
    )
  })
})
