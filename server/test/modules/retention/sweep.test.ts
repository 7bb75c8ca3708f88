/**
 * The sweep of stored objects no row names (docs/storage.md, Sweep), on both stores and both
 * databases: objects a row names stay however old, an unreferenced object stays while younger than
 * the grace period and goes after it, keys that are not ours are never touched, and a dry run
 * removes nothing. The CLI (`npm run storage:sweep`) is run as a process on PostgreSQL with the
 * data directory, where an object's age is its file's mtime and can be set back.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { utimesSync } from 'node:fs'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Attachment, CaseDocument } from '@huxin/shared'
import { rawRows } from '../../../src/db/raw'
import { sweepUnreferencedObjects, type SweepResult } from '../../../src/modules/retention/index'
import { contentKey, type StorageNamespace } from '../../../src/modules/storage/index'
import type { SignedIn } from '../../helpers/auth'
import { DATABASE_KINDS } from '../../helpers/database'
import { getPdf, requestDocument } from '../../helpers/documents'
import { multipart } from '../../helpers/case-history'
import { act, fileAs, signInStaff, type SignedInStaff } from '../../helpers/staff'
import { storageCases, storedKeys, useStorageTestApp } from '../../helpers/storage'
import { REPO_ROOT } from '../../../src/config'

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
const HOUR_MS = 3_600_000

describe.each(storageCases(DATABASE_KINDS))('the sweep of unreferenced stored objects on %s with %s storage', (kind, storage) => {
  const t = useStorageTestApp(kind, storage)
  let inspector: SignedInStaff
  let worker: SignedIn
  let claimId: string
  let photo: Attachment
  let doc: CaseDocument
  const keys: Record<'photo' | 'pdf' | 'orphanPhoto' | 'orphanPdf' | 'foreign', string> = {} as never

  beforeAll(async () => {
    inspector = await signInStaff(t, 'inspector', ['yaoguan'])
    const filed = await fileAs(t, { town: 'yaoguan' })
    worker = filed.worker
    claimId = filed.claim.id
    expect((await act(t, inspector, claimId, { action: 'accept' })).statusCode).toBe(200)
    const { payload, headers } = multipart(PNG, 'photo.png')
    const uploaded = await t.app.inject({ method: 'POST', url: `/api/v1/claims/${claimId}/attachments`, payload, headers: { ...worker.headers, ...headers } })
    expect(uploaded.statusCode).toBe(201)
    photo = uploaded.json<Attachment>()
    const issued = await requestDocument(t, inspector, claimId, { kind: 'acceptance_notice' })
    expect(issued.statusCode).toBe(201)
    doc = issued.json<CaseDocument>()
    const [row] = await rawRows<{ sha256: string }>(t.database.handle.db, sql`select sha256 from case_documents where id = ${doc.id}`)

    // What an upload whose row never committed leaves: bytes under their content address, no row.
    const orphanPhoto = Buffer.from(`orphan photo of ${kind}/${storage}`)
    const orphanPdf = Buffer.from(`orphan pdf of ${kind}/${storage}`)
    Object.assign(keys, {
      photo: contentKey('evidence', sha256(PNG)),
      pdf: contentKey('documents', row!.sha256),
      orphanPhoto: contentKey('evidence', sha256(orphanPhoto)),
      orphanPdf: contentKey('documents', sha256(orphanPdf)),
      // Not a content address: not ours to remove, whatever its age.
      foreign: 'evidence/readme.txt',
    })
    await t.app.objectStore.put(keys.orphanPhoto, orphanPhoto)
    await t.app.objectStore.put(keys.orphanPdf, orphanPdf)
    await t.app.objectStore.put(keys.foreign, Buffer.from('left by an operator'))
  })

  const allKeys = async () => [...(await storedKeys(t, 'evidence/')), ...(await storedKeys(t, 'documents/'))].sort()
  const sweep = (now: Date, dryRun = false) => {
    const removed: { namespace: StorageNamespace; key: string }[] = []
    const result = sweepUnreferencedObjects(
      {
        db: t.database.handle.db,
        store: t.app.objectStore,
        graceHours: 24,
        dryRun,
        onRemoved: (namespace, { key, size }) => {
          removed.push({ namespace, key })
          // As the worker and server.ts count them (docs/operations.md, Metrics).
          if (!dryRun) t.app.metrics.objectsSwept(namespace, 1, size)
        },
      },
      now,
      // Small batches: the lookups are batched, several per namespace here.
      1,
    )
    return result.then((r): SweepResult & { keys: string[] } => ({ ...r, keys: removed.map((item) => item.key).sort() }))
  }

  it('keeps everything younger than the grace period, referenced or not', async () => {
    const before = await allKeys()
    const result = await sweep(new Date())
    expect(result).toMatchObject({ removed: 0, referenced: 0, foreign: 1, fresh: before.length - 1, dryRun: false })
    expect(await allKeys()).toEqual(before)
  })

  it('a dry run past the grace period names the unreferenced objects and removes nothing', async () => {
    const before = await allKeys()
    const result = await sweep(new Date(Date.now() + 25 * HOUR_MS), true)
    expect(result.keys).toEqual([keys.orphanPhoto, keys.orphanPdf].sort())
    expect(result).toMatchObject({ removed: 2, referenced: 2, foreign: 1, fresh: 0, dryRun: true })
    expect(await allKeys()).toEqual(before)
  })

  it('past the grace period removes the unreferenced objects only: the photo and PDF rows name stay and are served', async () => {
    const result = await sweep(new Date(Date.now() + 25 * HOUR_MS))
    expect(result.keys).toEqual([keys.orphanPhoto, keys.orphanPdf].sort())
    expect(result.removedBytes).toBeGreaterThan(0)
    expect(await allKeys()).toEqual([keys.foreign, keys.photo, keys.pdf].sort())
    const served = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claimId}/attachments/${photo.id}`, headers: worker.headers })
    expect(served.statusCode).toBe(200)
    expect(served.rawPayload.equals(PNG)).toBe(true)
    expect((await getPdf(t, worker.headers, doc.id)).statusCode).toBe(200)
    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body
    expect(metrics).toContain('huxin_storage_swept_objects_total{namespace="evidence"} 1')
    expect(metrics).toContain('huxin_storage_swept_objects_total{namespace="documents"} 1')
    // Nothing left to do: a second run removes nothing.
    expect((await sweep(new Date(Date.now() + 25 * HOUR_MS))).removed).toBe(0)
  })

  it('a PDF whose document row had its file erased by retention is no longer named, and goes', async () => {
    await t.database.handle.db.execute(sql`update case_documents set file_erased_at = now() where id = ${doc.id}`)
    try {
      expect((await sweep(new Date(Date.now() + 25 * HOUR_MS), true)).keys).toEqual([keys.pdf])
    } finally {
      await t.database.handle.db.execute(sql`update case_documents set file_erased_at = null where id = ${doc.id}`)
    }
  })

  it.runIf(kind === 'postgres' && storage === 'local')('npm run storage:sweep: --dry-run prints what would go, then a run removes it', async () => {
    const orphan = Buffer.from('orphan for the command line')
    const key = contentKey('evidence', sha256(orphan))
    await t.app.objectStore.put(key, orphan)
    // Written two days ago: past the default grace of 24 hours.
    const twoDaysAgo = new Date(Date.now() - 48 * HOUR_MS)
    utimesSync(path.join(t.config.dataDir, ...key.split('/')), twoDaysAgo, twoDaysAgo)
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'server/src/cli/storage-sweep.ts'), ...args], {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: t.database.url!, HUXIN_DATA_DIR: t.config.dataDir, LOG_LEVEL: 'silent' },
        encoding: 'utf8',
        timeout: 60_000,
      })
    const dry = run('--dry-run')
    expect(dry.status, dry.stderr).toBe(0)
    expect(dry.stdout).toContain(`would remove ${key}`)
    expect(dry.stdout).toMatch(/dry run: \d+ objects listed, .* would remove 1 \(/)
    expect(await t.app.objectStore.has(key)).toBe(true)

    const real = run()
    expect(real.status, real.stderr).toBe(0)
    expect(real.stdout).toContain(`removed ${key}`)
    expect(await t.app.objectStore.has(key)).toBe(false)
    expect(await t.app.objectStore.has(keys.photo)).toBe(true)

    expect(run('--force').status).toBe(2)
  })
})
