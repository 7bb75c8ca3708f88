/**
 * The stored files a backup carries and retention removes, behind the smallest interface they
 * need: list the keys, read a file by key, write one by key, remove one. Keys are the SHA-256
 * content addresses of the storage port (modules/storage, docs/storage.md): `evidence/ab/<sha>`
 * and `documents/ab/<sha>` there, the bare `<sha>` here. The same code backs up the data directory
 * and an S3-compatible store: whatever HUXIN_STORAGE names.
 */
import { createHash, randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { contentKey, createLocalObjectStore, type ObjectStore } from '../storage/index'

export type StoreName = 'evidence' | 'documents'
export const STORE_NAMES: readonly StoreName[] = ['evidence', 'documents']

export interface BackupFileStore {
  name: StoreName
  /** Every key in the store (files still being uploaded are not listed). */
  list(): AsyncIterable<string>
  read(key: string): Promise<Readable>
  /** Stores the bytes under `key`; refuses bytes whose SHA-256 is not the key. */
  write(key: string, source: Readable): Promise<void>
  /** Removes a file (retention of files no row refers to any more); a missing file is no error. */
  remove(key: string): Promise<void>
}

const KEY = /^[0-9a-f]{64}$/

function checkKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`not a content address: ${key}`)
}

function storeOf(objects: ObjectStore, name: StoreName): BackupFileStore {
  return {
    name,
    async *list() {
      const keys: string[] = []
      for await (const { key } of objects.list(`${name}/`)) {
        const sha = key.slice(key.lastIndexOf('/') + 1)
        if (KEY.test(sha) && key === contentKey(name, sha)) keys.push(sha)
      }
      yield* keys.sort()
    },
    async read(key) {
      checkKey(key)
      return (await objects.open(contentKey(name, key))).body
    },
    async write(key, source) {
      checkKey(key)
      // Received in the spool directory while it is hashed, then moved in: never a wrong object.
      await mkdir(objects.spoolDir, { recursive: true })
      const file = path.join(objects.spoolDir, `restore-${randomUUID()}`)
      const hash = createHash('sha256')
      let size = 0
      const measure = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk)
          size += chunk.length
          done(null, chunk)
        },
      })
      try {
        await pipeline(source, measure, createWriteStream(file, { flags: 'wx', mode: 0o600 }))
        const actual = hash.digest('hex')
        if (actual !== key) throw new Error(`${name} ${key}: the bytes hash to ${actual}`)
        await objects.putFile(contentKey(name, key), file, size)
      } finally {
        await rm(file, { force: true })
      }
    },
    async remove(key) {
      checkKey(key)
      await objects.delete(contentKey(name, key))
    },
  }
}

/** The evidence and document stores of one object store (the app's, or createObjectStore's). */
export function objectFileStores(objects: ObjectStore): Record<StoreName, BackupFileStore> {
  return { evidence: storeOf(objects, 'evidence'), documents: storeOf(objects, 'documents') }
}

/** The stores of a data directory (HUXIN_STORAGE=local): for tests and tools given only the directory. */
export function localFileStores(dataDir: string): Record<StoreName, BackupFileStore> {
  return objectFileStores(createLocalObjectStore({ dir: dataDir, spoolDir: path.join(dataDir, 'tmp', 'uploads') }))
}
