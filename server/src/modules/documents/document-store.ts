/**
 * Generated PDFs, stored content-addressed under the data directory like evidence
 * (`documents/ab/abcdef…` by SHA-256): written to a temporary file and renamed into place, so a
 * reader never sees half a file, and the same bytes are stored once.
 */
import { createHash, randomUUID } from 'node:crypto'
import { createReadStream, type ReadStream } from 'node:fs'
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'

export function createDocumentStore(dataDir: string) {
  const root = path.join(dataDir, 'documents')
  const tmpDir = path.join(root, 'tmp')
  const finalPath = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256)

  return {
    /** Stores the bytes (a no-op when they are there) and returns their address and size. */
    async put(bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
      const sha256 = createHash('sha256').update(bytes).digest('hex')
      const target = finalPath(sha256)
      const exists = await stat(target).then(
        () => true,
        () => false,
      )
      if (!exists) {
        await mkdir(tmpDir, { recursive: true })
        await mkdir(path.dirname(target), { recursive: true })
        const temp = path.join(tmpDir, randomUUID())
        try {
          await writeFile(temp, bytes, { flag: 'wx' })
          await rename(temp, target)
        } finally {
          await rm(temp, { force: true })
        }
      }
      return { sha256, size: bytes.byteLength }
    },

    open(sha256: string): ReadStream {
      if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('bad content address')
      return createReadStream(finalPath(sha256))
    },
  }
}

export type DocumentStore = ReturnType<typeof createDocumentStore>
