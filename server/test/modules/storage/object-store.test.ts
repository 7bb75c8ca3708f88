import { createHash } from 'node:crypto'
/**
 * The object store's contract, run on both adapters: the data directory and a real S3-protocol
 * server (s3rver) behind a switch that takes it away. What evidence, documents and backups rely on.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config'
import {
  contentKey,
  createObjectStore,
  ObjectNotFoundError,
  StorageUnavailableError,
  type ObjectStore,
  type StoredObjectInfo,
} from '../../../src/modules/storage/index'
import { TEST_ENV } from '../../helpers/app'
import { startS3TestServer, STORAGE_KINDS, type S3TestServer } from '../../helpers/storage'

const sha = (n: number) => createHash('sha256').update(String(n)).digest('hex')
const drain = async (items: AsyncIterable<StoredObjectInfo>) => {
  const all: StoredObjectInfo[] = []
  for await (const item of items) all.push(item)
  return all.sort((a, b) => a.key.localeCompare(b.key))
}
const readAll = async (body: AsyncIterable<Buffer>) => {
  const chunks: Buffer[] = []
  for await (const chunk of body) chunks.push(chunk)
  return Buffer.concat(chunks)
}

describe.each(STORAGE_KINDS)('the object store on %s', (kind) => {
  let dataDir: string
  let s3: S3TestServer | undefined
  let store: ObjectStore
  /** Another process's store on the same backend: a fresh client, nothing shared in memory. */
  let other: ObjectStore
  const storeFor = (env: Record<string, string> = {}) =>
    createObjectStore(loadConfig({ ...TEST_ENV, HUXIN_DATA_DIR: dataDir, ...s3?.env, ...env }).storage)

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'huxin-store-'))
    if (kind === 's3') s3 = await startS3TestServer()
    store = storeFor()
    other = storeFor()
  })
  afterAll(async () => {
    await store?.close()
    await other?.close()
    await s3?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('writes an object once and reads it back whole, as bytes and as a stream, from any process', async () => {
    const key = contentKey('documents', sha(1))
    expect(await store.has(key)).toBe(false)
    await store.put(key, Buffer.from('%PDF-1.4 first'))
    await store.put(key, Buffer.from('%PDF-1.4 first')) // the same bytes again: no error
    expect(await store.has(key)).toBe(true)
    expect((await other.read(key)).toString()).toBe('%PDF-1.4 first')
    const opened = await other.open(key)
    expect(opened.size).toBe(14)
    expect((await readAll(opened.body)).toString()).toBe('%PDF-1.4 first')
  })

  it('moves a spooled upload into the store and leaves no spool file', async () => {
    mkdirSync(store.spoolDir, { recursive: true })
    const file = path.join(store.spoolDir, `contract-${kind}-${process.pid}`)
    const bytes = Buffer.alloc(300_000, 7)
    writeFileSync(file, bytes)
    const key = contentKey('evidence', sha(2))
    await store.putFile(key, file, bytes.length)
    expect(existsSync(file)).toBe(false)
    expect((await other.read(key)).equals(bytes)).toBe(true)
  })

  it('answers "not found" for a key it does not hold, and refuses keys that are not plain paths', async () => {
    const missing = contentKey('evidence', sha(999))
    expect(await store.has(missing)).toBe(false)
    await expect(store.open(missing)).rejects.toBeInstanceOf(ObjectNotFoundError)
    await expect(store.read(missing)).rejects.toBeInstanceOf(ObjectNotFoundError)
    for (const bad of ['../etc/passwd', '/evidence/x', 'evidence/../../x', 'Evidence/A', 'evidence//x', '']) {
      await expect(store.put(bad, Buffer.from('x'))).rejects.toThrow(/bad storage key/)
    }
    expect(() => contentKey('evidence', 'not-a-hash')).toThrow(/bad content address/)
  })

  it('lists every key of every namespace with its size and time (what a backup copies), or those under a prefix', async () => {
    const keys = [contentKey('evidence', sha(0x10)), contentKey('evidence', sha(0x11)), contentKey('documents', sha(0x12))]
    const before = Date.now()
    for (const [i, key] of keys.entries()) await store.put(key, Buffer.alloc(i + 1, 1))
    const all = await drain(other.list())
    for (const [i, key] of keys.entries()) expect(all).toContainEqual({ key, size: i + 1, modifiedAt: expect.any(Date) })
    // S3's LastModified has whole seconds: a written object is dated no earlier than a second before the write.
    for (const item of all.filter((i) => keys.includes(i.key))) expect(item.modifiedAt.getTime()).toBeGreaterThan(before - 2_000)
    const evidence = await drain(other.list('evidence/'))
    expect(evidence.every((item) => item.key.startsWith('evidence/'))).toBe(true)
    expect(evidence.map((item) => item.key)).toEqual(expect.arrayContaining(keys.slice(0, 2)))
    expect((await drain(other.list(`evidence/${sha(0x11).slice(0, 2)}/${sha(0x11).slice(0, 12)}`))).map((i) => i.key)).toEqual([keys[1]])
  })

  it('copies a store key by key into another (what a restore does)', async () => {
    const target = createObjectStore(
      loadConfig({ ...TEST_ENV, HUXIN_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'huxin-restore-')), ...s3?.env, ...(s3 ? { HUXIN_S3_PREFIX: 'restored/' } : {}) }).storage,
    )
    try {
      const source = await drain(store.list())
      for (const { key } of source) await target.put(key, await store.read(key))
      const keyAndSize = (items: { key: string; size: number }[]) => items.map(({ key, size }) => ({ key, size }))
      expect(keyAndSize(await drain(target.list()))).toEqual(keyAndSize(source))
    } finally {
      await target.close()
    }
  })

  it('answers its check (what /readyz asks) while it is usable', async () => {
    await store.check(2_000)
  })

  it('deletes an object', async () => {
    const key = contentKey('evidence', sha(0x20))
    await store.put(key, Buffer.from('gone soon'))
    await store.delete(key)
    expect(await other.has(key)).toBe(false)
  })

  it.runIf(kind === 'local')('keeps the layout of earlier versions and lists no upload in progress', async () => {
    const key = contentKey('evidence', sha(0x30))
    await store.put(key, Buffer.from('x'))
    expect(existsSync(path.join(dataDir, 'evidence', sha(0x30).slice(0, 2), sha(0x30)))).toBe(true)
    mkdirSync(path.join(dataDir, 'evidence', 'tmp'), { recursive: true })
    writeFileSync(path.join(dataDir, 'evidence', 'tmp', 'half-received'), 'x')
    expect((await drain(store.list())).map((i) => i.key).filter((k) => k.includes('tmp'))).toEqual([])
  })

  it.runIf(kind === 's3')('keeps installations sharing a bucket apart by key prefix', async () => {
    const prefixed = storeFor({ HUXIN_S3_PREFIX: 'bureau-b/' })
    try {
      const key = contentKey('evidence', sha(0x40))
      await prefixed.put(key, Buffer.from('bureau b'))
      expect(await store.has(key)).toBe(false)
      expect((await drain(prefixed.list())).map((i) => i.key)).toEqual([key])
    } finally {
      await prefixed.close()
    }
  })

  it.runIf(kind === 's3')('reports the store going away as StorageUnavailableError, and works again when it is back', async () => {
    const key = contentKey('evidence', sha(0x50))
    await store.put(key, Buffer.from('before'))
    s3!.setAvailable(false)
    try {
      await expect(store.has(key)).rejects.toBeInstanceOf(StorageUnavailableError)
      await expect(store.open(key)).rejects.toBeInstanceOf(StorageUnavailableError)
      await expect(store.put(contentKey('evidence', sha(0x51)), Buffer.from('during'))).rejects.toBeInstanceOf(StorageUnavailableError)
      await expect(drain(store.list())).rejects.toBeInstanceOf(StorageUnavailableError)
      await expect(store.check(2_000)).rejects.toBeInstanceOf(StorageUnavailableError)
    } finally {
      s3!.setAvailable(true)
    }
    expect((await store.read(key)).toString()).toBe('before')
    expect(await store.has(contentKey('evidence', sha(0x51)))).toBe(false)
  })

  it.runIf(kind === 's3')('lists past the store’s page of 1,000 keys', async () => {
    const keys = Array.from({ length: 1_005 }, (_, i) => contentKey('documents', sha(0x1000 + i)))
    for (let i = 0; i < keys.length; i += 25) {
      await Promise.all(keys.slice(i, i + 25).map((key) => store.put(key, Buffer.from('p'))))
    }
    const listed = new Set((await drain(store.list('documents/'))).map((i) => i.key))
    expect(keys.filter((key) => !listed.has(key))).toEqual([])
  })
})
