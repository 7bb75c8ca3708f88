/**
 * The stored files a backup carries, behind the smallest interface it needs: list the keys, read
 * a file by key, write one by key. Keys are the SHA-256 content addresses both stores use. This is
 * the one file that knows where the files live today (the local evidence and document stores under
 * the data directory); pointing it at another storage port later changes nothing else.
 */
import { createHash } from 'node:crypto'
import { readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import { createEvidenceStore } from '../claims/index'
import { createDocumentStore } from '../documents/index'

export type StoreName = 'evidence' | 'documents'
export const STORE_NAMES: readonly StoreName[] = ['evidence', 'documents']

export interface BackupFileStore {
  name: StoreName
  /** Every key in the store (files still being uploaded are not listed). */
  list(): AsyncIterable<string>
  read(key: string): Readable
  /** Stores the bytes under `key`; refuses bytes whose SHA-256 is not the key. */
  write(key: string, source: Readable): Promise<void>
  /** Removes a file (retention of files no row refers to any more); a missing file is no error. */
  remove(key: string): Promise<void>
}

const KEY = /^[0-9a-f]{64}$/

/** Keys of a local content-addressed directory: `<root>/ab/abcdef…` (the `tmp` area left out). */
async function* localKeys(root: string): AsyncIterable<string> {
  const shards = await readdir(root, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return []
    throw error
  })
  for (const shard of shards.filter((d) => d.isDirectory() && /^[0-9a-f]{2}$/.test(d.name)).map((d) => d.name).sort()) {
    for (const name of (await readdir(path.join(root, shard))).sort()) {
      if (KEY.test(name) && name.startsWith(shard)) yield name
    }
  }
}

function checkKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`not a content address: ${key}`)
}

async function removeLocal(root: string, key: string): Promise<void> {
  checkKey(key)
  await rm(path.join(root, key.slice(0, 2), key), { force: true })
}

export function localFileStores(dataDir: string): Record<StoreName, BackupFileStore> {
  const evidence = createEvidenceStore(dataDir)
  const documents = createDocumentStore(dataDir)
  const evidenceRoot = path.join(dataDir, 'evidence')
  const documentsRoot = path.join(dataDir, 'documents')
  return {
    evidence: {
      name: 'evidence',
      list: () => localKeys(evidenceRoot),
      read: (key) => evidence.open(key),
      async write(key, source) {
        checkKey(key)
        const stored = await evidence.receive(source)
        if (stored.sha256 !== key) {
          await evidence.discard(stored)
          throw new Error(`evidence ${key}: the bytes hash to ${stored.sha256}`)
        }
        await evidence.commit(stored)
      },
      remove: (key) => removeLocal(evidenceRoot, key),
    },
    documents: {
      name: 'documents',
      list: () => localKeys(documentsRoot),
      read: (key) => documents.open(key),
      async write(key, source) {
        checkKey(key)
        const bytes = await buffer(source)
        const actual = createHash('sha256').update(bytes).digest('hex')
        if (actual !== key) throw new Error(`document ${key}: the bytes hash to ${actual}`)
        await documents.put(bytes)
      },
      remove: (key) => removeLocal(documentsRoot, key),
    },
  }
}
