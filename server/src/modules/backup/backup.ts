/**
 * `npm run backup` and `npm run restore` (docs/operations.md): a backup is a directory holding
 * `db/<table>.ndjson` (one JSON row per line, all tables from one snapshot), `files/<store>/<key>`
 * (the bytes of every stored evidence and document file) and `manifest.json`, written last, that
 * lists the migrations, tables, row counts and SHA-256 of every table file and stored file. A
 * directory without a manifest is an interrupted backup and is never restored.
 */
import { createHash, createHmac } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Database } from '../../db/client'
import { STORE_NAMES, type BackupFileStore, type StoreName } from './file-stores'
import { restoreSnapshot, RestoreRefusedError, withSnapshot, type SequenceState, BATCH_ROWS } from './repository'

export const BACKUP_FORMAT = 'huxin-backup/1'

export interface FileEntry {
  key: string
  sha256: string
  size: number
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT
  createdAt: string
  huxinVersion: string
  /** HMAC of a fixed text under the PII key: a restore with another key would leave ID numbers and phones unreadable. */
  piiKeyCheck: string
  database: {
    migrations: string[]
    tables: { name: string; rows: number; sha256: string }[]
    sequences: SequenceState[]
  }
  files: Record<StoreName, FileEntry[]>
}

export interface BackupDeps {
  db: Database
  stores: Record<StoreName, BackupFileStore>
  huxinVersion: string
  /** The PII key's check value (`piiKeyCheck`). */
  piiKeyCheck: string
}

export class BackupError extends Error {}

/** The manifest's check value of a PII key (it reveals nothing of the key). */
export function piiKeyCheck(key: Buffer): string {
  return createHmac('sha256', key).update('huxin-backup-key-check').digest('hex').slice(0, 16)
}

/** Hashes and counts what flows through it. */
function measuring() {
  const hash = createHash('sha256')
  let size = 0
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk)
      size += chunk.length
      done(null, chunk)
    },
  })
  return { stream, result: () => ({ sha256: hash.digest('hex'), size }) }
}

async function isEmptyOrAbsent(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true
    throw error
  }
}

async function copyStore(store: BackupFileStore, dir: string, referenced: string[]): Promise<FileEntry[]> {
  const entries: FileEntry[] = []
  await mkdir(dir, { recursive: true })
  for await (const key of store.list()) {
    const m = measuring()
    await pipeline(await store.read(key), m.stream, createWriteStream(path.join(dir, key), { flags: 'wx', mode: 0o600 }))
    const { sha256, size } = m.result()
    if (sha256 !== key) throw new BackupError(`${store.name} ${key} in the store hashes to ${sha256}: the store is damaged`)
    entries.push({ key, sha256, size })
  }
  const have = new Set(entries.map((e) => e.key))
  const lost = referenced.filter((key) => !have.has(key))
  if (lost.length > 0) {
    throw new BackupError(`${lost.length} ${store.name} file(s) the database refers to are missing from the store, e.g. ${lost[0]}`)
  }
  return entries
}

/** Writes a backup into `dir` (absent or empty): the database as one snapshot, then every stored file. */
export async function writeBackup(deps: BackupDeps, dir: string): Promise<BackupManifest> {
  if (!(await isEmptyOrAbsent(dir))) throw new BackupError(`${dir} is not empty: give a new directory for the backup`)
  await mkdir(path.join(dir, 'db'), { recursive: true, mode: 0o700 })
  // Files are copied after the snapshot: the stores only ever add files under new keys, so every
  // file the snapshot refers to is there (and checked), and a file added since is harmless.
  const { database, referenced } = await withSnapshot(deps.db, async (reader) => {
    if (reader.migrations.length === 0) throw new BackupError('the database has no HuXin migrations applied: nothing to back up')
    const tables: BackupManifest['database']['tables'] = []
    for (const table of reader.tables) {
      const hash = createHash('sha256')
      const out = createWriteStream(path.join(dir, 'db', `${table}.ndjson`), { flags: 'wx', mode: 0o600 })
      let rows = 0
      for await (const batch of reader.rows(table)) {
        rows += batch.length
        const text = batch.map((r) => `${r}\n`).join('')
        hash.update(text)
        if (!out.write(text)) await once(out, 'drain')
      }
      await new Promise<void>((resolve, reject) => out.on('error', reject).end(resolve))
      tables.push({ name: table, rows, sha256: hash.digest('hex') })
    }
    return { database: { migrations: reader.migrations, tables, sequences: reader.sequences }, referenced: reader.referenced }
  })
  const files = {} as Record<StoreName, FileEntry[]>
  for (const name of STORE_NAMES) files[name] = await copyStore(deps.stores[name], path.join(dir, 'files', name), referenced[name])
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    createdAt: new Date().toISOString(),
    huxinVersion: deps.huxinVersion,
    piiKeyCheck: deps.piiKeyCheck,
    database,
    files,
  }
  await writeFile(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`, { mode: 0o600 })
  return manifest
}

export async function readManifest(dir: string): Promise<BackupManifest> {
  let text: string
  try {
    text = await readFile(path.join(dir, 'manifest.json'), 'utf8')
  } catch {
    throw new BackupError(`${dir} has no manifest.json: not a backup, or an interrupted one`)
  }
  const manifest = JSON.parse(text) as BackupManifest
  if (manifest.format !== BACKUP_FORMAT) throw new BackupError(`${dir}: unknown backup format ${String(manifest.format)}`)
  return manifest
}

async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer)
    size += (chunk as Buffer).length
  }
  return { sha256: hash.digest('hex'), size }
}

/** Every table file and stored file of the backup against the manifest, before anything is written. */
async function verifyBackup(dir: string, manifest: BackupManifest): Promise<void> {
  for (const table of manifest.database.tables) {
    const { sha256 } = await hashFile(path.join(dir, 'db', `${table.name}.ndjson`))
    if (sha256 !== table.sha256) throw new BackupError(`db/${table.name}.ndjson does not match the manifest (damaged backup)`)
  }
  for (const name of STORE_NAMES) {
    for (const entry of manifest.files[name]) {
      const actual = await hashFile(path.join(dir, 'files', name, entry.key)).catch(() => undefined)
      if (!actual || actual.sha256 !== entry.sha256 || entry.sha256 !== entry.key || actual.size !== entry.size) {
        throw new BackupError(`files/${name}/${entry.key} does not match the manifest (damaged or missing)`)
      }
    }
  }
}

async function* tableRows(file: string): AsyncIterable<string[]> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })
  let batch: string[] = []
  for await (const line of lines) {
    if (line === '') continue
    batch.push(line)
    if (batch.length >= BATCH_ROWS) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}

/**
 * Restores the backup in `dir` into an empty database (migrated to the backup's version) and empty
 * stores. Checks first, writes after: the manifest's hashes, the stores' emptiness and (inside the
 * restore's transaction) the database's version and emptiness.
 */
export async function restoreBackup(deps: BackupDeps, dir: string): Promise<{ rows: number; files: number }> {
  const manifest = await readManifest(dir)
  if (manifest.piiKeyCheck !== deps.piiKeyCheck) {
    throw new RestoreRefusedError('the backup was made under another PII key (HUXIN_PII_KEY): its ID numbers and phones would be unreadable; restore with that key')
  }
  await verifyBackup(dir, manifest)
  for (const name of STORE_NAMES) {
    for await (const key of deps.stores[name].list()) {
      throw new RestoreRefusedError(`the ${name} store is not empty (it holds ${key}): restore only into empty stores`)
    }
  }
  const { rows } = await restoreSnapshot(deps.db, {
    migrations: manifest.database.migrations,
    tables: manifest.database.tables.map((t) => t.name),
    sequences: manifest.database.sequences,
    rows: (table) => tableRows(path.join(dir, 'db', `${table}.ndjson`)),
  })
  let files = 0
  for (const name of STORE_NAMES) {
    for (const entry of manifest.files[name]) {
      const file = path.join(dir, 'files', name, entry.key)
      if ((await stat(file)).size !== entry.size) throw new BackupError(`files/${name}/${entry.key} changed during the restore`)
      // The store checks the bytes against the key (their SHA-256) as it writes them.
      await deps.stores[name].write(entry.key, createReadStream(file))
      files++
    }
  }
  return { rows, files }
}
