/**
 * Generated PDFs in the object store (modules/storage), content-addressed like evidence
 * (`documents/ab/abcdef…` by SHA-256): the same bytes are stored once, and a reader never sees
 * half an object (each adapter writes whole objects only).
 */
import { createHash } from 'node:crypto'
import { contentKey, orStorageUnavailable, type ObjectStore, type OpenedObject } from '../storage/index'

export function createDocumentStore(objects: ObjectStore) {
  return {
    /** Stores the bytes (a no-op when they are there) and returns their address and size; 503 when the store is away. */
    async put(bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
      const sha256 = createHash('sha256').update(bytes).digest('hex')
      const key = contentKey('documents', sha256)
      await orStorageUnavailable(async () => {
        if (!(await objects.has(key))) await objects.put(key, bytes)
      })
      return { sha256, size: bytes.byteLength }
    },

    /** The stored PDF, opened before a response starts (503 when the store is away). */
    open(sha256: string): Promise<OpenedObject> {
      return orStorageUnavailable(() => objects.open(contentKey('documents', sha256)))
    },
  }
}

export type DocumentStore = ReturnType<typeof createDocumentStore>
