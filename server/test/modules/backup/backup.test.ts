import { createHash } from 'node:crypto'
import { cpSync, createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Claim, ClaimDetail } from '@huxin/shared'
import { buildApp } from '../../../src/app'
import type { DatabaseKind } from '../../../src/db/client'
import {
  BackupError,
  localFileStores,
  piiKeyCheck,
  restoreBackup,
  RestoreRefusedError,
  tableCounts,
  writeBackup,
  type BackupManifest,
} from '../../../src/modules/backup/index'
import { testConfig, useTestApp, type TestApp } from '../../helpers/app'
import { seedCaseHistory, yearFigures, type CaseHistory } from '../../helpers/case-history'
import { createTestDatabase, DATABASE_KINDS } from '../../helpers/database'
import { fileAs, signInStaff } from '../../helpers/staff'

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** A fresh, migrated database and an empty data directory, with an app over them once restored. */
async function freshTarget(kind: DatabaseKind, t: TestApp) {
  const database = await createTestDatabase(kind)
  const { simulators } = t
  const config = testConfig({ WECHAT_API_BASE: simulators.wechatBaseUrl, SMS_API_BASE: simulators.smsBaseUrl, NATIONAL_API_BASE: simulators.nationalBaseUrl })
  return { database, config, stores: localFileStores(config.dataDir) }
}

describe.each(DATABASE_KINDS)('backup and restore on %s', (kind) => {
  const t = useTestApp(kind)
  const dirs: string[] = []
  const closers: (() => Promise<void>)[] = []
  afterAll(async () => {
    for (const close of closers.reverse()) await close()
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })
  const newDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'huxin-backup-'))
    dirs.push(dir)
    return path.join(dir, 'backup')
  }
  const deps = (t0: { database: { handle: { db: TestApp['database']['handle']['db'] } }; config: TestApp['config'] }) => ({
    db: t0.database.handle.db,
    stores: localFileStores(t0.config.dataDir),
    huxinVersion: t0.config.version,
    piiKeyCheck: piiKeyCheck(t0.config.piiKey),
  })

  let history: CaseHistory
  let manifest: BackupManifest
  let backupDir: string

  it('restores claims, evidence bytes, documents and the year’s figures exactly, and new claims follow on', async () => {
    history = await seedCaseHistory(t)
    const figures = await yearFigures(t, history.admin)
    expect(figures.complaintsAccepted).toBe(3)
    expect(figures.wagesRecoveredFen).toBeGreaterThan(0)
    const counts = await tableCounts(t.database.handle.db)
    const claimRows = (await t.database.handle.query('select row_to_json(c)::text as r from claims c order by id', [])).rows

    backupDir = newDir()
    manifest = await writeBackup(deps(t), backupDir)
    // 4 claims × 1 photo + a photo shared by two claims + 2 more photos = 7 distinct files.
    expect(manifest.files.evidence).toHaveLength(new Set(history.attachments.map((a) => a.sha256)).size)
    expect(manifest.files.documents).toHaveLength(history.documents.length)
    expect(manifest.database.tables.find((x) => x.name === 'claims')?.rows).toBe(4)

    const target = await freshTarget(kind, t)
    closers.push(() => target.database.destroy())
    const restored = await restoreBackup(deps(target), backupDir)
    expect(restored.files).toBe(manifest.files.evidence.length + manifest.files.documents.length)
    expect(await tableCounts(target.database.handle.db)).toEqual(counts)
    expect((await target.database.handle.query('select row_to_json(c)::text as r from claims c order by id', [])).rows).toEqual(claimRows)

    const app = await buildApp({ config: target.config, database: target.database.handle, logger: false })
    closers.unshift(() => app.close())
    await app.ready()
    const r: TestApp = { ...t, app, database: target.database, config: target.config }
    const admin = await signInStaff(r, 'admin', [])
    expect(await yearFigures(r, admin)).toEqual(figures)

    // Every photo comes back byte for byte, under its hash, through the API.
    for (const attachment of history.attachments) {
      const got = await app.inject({ method: 'GET', url: `/api/v1/claims/${attachment.claimId}/attachments/${attachment.id}`, headers: admin.headers })
      expect(got.statusCode).toBe(200)
      expect(sha256(got.rawPayload)).toBe(attachment.sha256)
    }
    const pdf = await app.inject({ method: 'GET', url: `/api/v1/documents/${history.documents[0]!.id}.pdf`, headers: admin.headers })
    expect(pdf.statusCode).toBe(200)
    // The claim as staff see it (PII decrypted with the same key) is the same.
    const before = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${history.closed[0]!.id}`, headers: history.admin.headers })
    const after = await app.inject({ method: 'GET', url: `/api/v1/claims/${history.closed[0]!.id}`, headers: admin.headers })
    expect(after.json<ClaimDetail>()).toEqual(before.json<ClaimDetail>())

    // New rows take new numbers: a claim's reference and the outbox's sequence do not collide.
    const next = await fileAs(r)
    expect(history.claims.map((c: Claim) => c.reference)).not.toContain(next.claim.reference)
    const outbox = await target.database.handle.query<{ ids: number | string; max: number | string }>(
      'select count(distinct id) as ids, max(id) as max from national_outbox',
      [],
    )
    expect(Number(outbox.rows[0]!.ids)).toBe(counts.national_outbox! + 1)
  })

  it('refuses, before writing anything: a damaged or interrupted backup, another PII key, a non-empty store or database', async () => {
    // One empty database serves every refusal: each must leave it empty.
    const target = await freshTarget(kind, t)
    closers.push(() => target.database.destroy())
    const stillEmpty = async () => {
      expect(Object.values(await tableCounts(target.database.handle.db)).every((n) => n === 0)).toBe(true)
      expect(readdirSync(target.config.dataDir)).not.toContain('evidence')
    }

    // A copy of the backup with one photo's bytes changed.
    const damaged = newDir()
    cpSync(backupDir, damaged, { recursive: true })
    const key = manifest.files.evidence[0]!.key
    const file = path.join(damaged, 'files', 'evidence', key)
    writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from([0])]))
    await expect(restoreBackup(deps(target), damaged)).rejects.toThrow(/files\/evidence\/[0-9a-f]{64} does not match the manifest/)
    await stillEmpty()
    // Without its manifest (an interrupted backup) nothing is restored.
    rmSync(path.join(damaged, 'manifest.json'))
    await expect(restoreBackup(deps(target), damaged)).rejects.toThrow(/no manifest/)

    const otherKey = { ...deps(target), piiKeyCheck: piiKeyCheck(Buffer.alloc(32, 7)) }
    await expect(restoreBackup(otherKey, backupDir)).rejects.toThrow(/another PII key/)
    await stillEmpty()

    // A store that already holds a file.
    const busyStores = localFileStores(testConfig().dataDir)
    await busyStores.evidence.write(key, createReadStream(path.join(backupDir, 'files', 'evidence', key)))
    await expect(restoreBackup({ ...deps(target), stores: busyStores }, backupDir)).rejects.toThrow(/evidence store is not empty/)
    await stillEmpty()

    await target.database.handle.query(`insert into reference_counters (day, last) values ('20260101', 1)`, [])
    const refused = restoreBackup(deps(target), backupDir)
    await expect(refused).rejects.toBeInstanceOf(RestoreRefusedError)
    await expect(refused).rejects.toThrow(/not empty \(rows in reference_counters\)/)
    expect((await tableCounts(target.database.handle.db)).claims).toBe(0)

    // A backup is never written over another.
    await expect(writeBackup(deps(t), backupDir)).rejects.toThrow(BackupError)
  })
})
