/**
 * Evidence files in the object store (modules/storage), content-addressed: key `evidence/ab/abcdef…`
 * by SHA-256. An upload streams to a spool file on this machine while it is hashed and its first
 * bytes sniffed; only a complete, accepted file is moved into the store, so a rejected upload
 * leaves nothing there, and the same bytes are stored once.
 */
import { createHash, randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Attachment } from '@huxin/shared'
import { contentKey, orStorageUnavailable, type ObjectStore, type OpenedObject } from '../storage/index'

export type EvidenceMime = Attachment['mime']

/** What the first bytes say the file is; the name and the declared type are not trusted. */
export function sniffMime(head: Buffer): EvidenceMime | undefined {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg'
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  if (head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') {
    return 'image/webp'
  }
  if (head.subarray(4, 8).toString('latin1') === 'ftyp') {
    const brand = head.subarray(8, 12).toString('latin1')
    if (['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return 'image/heic'
  }
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf'
  return undefined
}

export interface StoredFile {
  sha256: string
  size: number
  mime: EvidenceMime
  /** Path of the accepted file, still in the temporary area until `commit`. */
  tempPath: string
}

export class UnsupportedMediaError extends Error {}

export function createEvidenceStore(objects: ObjectStore) {
  return {
    /**
     * Streams `source` to a spool file, hashing it and checking its magic bytes. Rejects (and
     * removes the spool file) when the content is not an accepted type or the stream fails, e.g.
     * because it exceeded the size limit. The store is not touched.
     */
    async receive(source: Readable): Promise<StoredFile> {
      await mkdir(objects.spoolDir, { recursive: true })
      const tempPath = path.join(objects.spoolDir, randomUUID())
      const hash = createHash('sha256')
      let size = 0
      let head = Buffer.alloc(0)
      const inspect = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)])
          hash.update(chunk)
          size += chunk.length
          done(null, chunk)
        },
      })
      try {
        await pipeline(source, inspect, createWriteStream(tempPath, { flags: 'wx' }))
        const mime = sniffMime(head)
        if (!mime || size === 0) throw new UnsupportedMediaError('not an accepted evidence type')
        return { sha256: hash.digest('hex'), size, mime, tempPath }
      } catch (error) {
        await rm(tempPath, { force: true })
        throw error
      }
    },

    /**
     * Moves an accepted file into its content address (a no-op if those bytes are there). The
     * store's outage is the API's 503 (HttpError), the spool file removed either way.
     */
    async commit(file: StoredFile): Promise<void> {
      const key = contentKey('evidence', file.sha256)
      try {
        await orStorageUnavailable(async () => {
          if (!(await objects.has(key))) await objects.putFile(key, file.tempPath, file.size)
        })
      } finally {
        await rm(file.tempPath, { force: true })
      }
    },

    async discard(file: StoredFile): Promise<void> {
      await rm(file.tempPath, { force: true })
    },

    /** The stored bytes, opened before a response starts (503 when the store is away). */
    open(sha256: string): Promise<OpenedObject> {
      return orStorageUnavailable(() => objects.open(contentKey('evidence', sha256)))
    },
  }
}

export type EvidenceStore = ReturnType<typeof createEvidenceStore>
