/**
 * Evidence files stored content-addressed under the data directory: `evidence/ab/abcdef…` by
 * SHA-256. An upload streams to a temporary file while it is hashed and its first bytes sniffed;
 * only a complete, accepted file is moved into place, so a rejected upload leaves nothing behind.
 */
import { createHash, randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Attachment } from '@huxin/shared'

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

export function createEvidenceStore(dataDir: string) {
  const root = path.join(dataDir, 'evidence')
  const tmpDir = path.join(root, 'tmp')
  const finalPath = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256)

  return {
    /**
     * Streams `source` to a temporary file, hashing it and checking its magic bytes. Rejects
     * (and removes the temporary file) when the content is not an accepted type or the stream
     * fails, e.g. because it exceeded the size limit.
     */
    async receive(source: Readable): Promise<StoredFile> {
      await mkdir(tmpDir, { recursive: true })
      const tempPath = path.join(tmpDir, randomUUID())
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

    /** Moves an accepted file into its content address (a no-op if those bytes are there). */
    async commit(file: StoredFile): Promise<void> {
      const target = finalPath(file.sha256)
      await mkdir(path.dirname(target), { recursive: true })
      const exists = await stat(target).then(
        () => true,
        () => false,
      )
      if (exists) await rm(file.tempPath, { force: true })
      else await rename(file.tempPath, target)
    },

    async discard(file: StoredFile): Promise<void> {
      await rm(file.tempPath, { force: true })
    },

    open(sha256: string): ReadStream {
      if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('bad content address')
      return createReadStream(finalPath(sha256))
    },
  }
}

export type EvidenceStore = ReturnType<typeof createEvidenceStore>
