/**
 * `npm run backup -- DIR`: writes a consistent backup of the configured database (DATABASE_URL, or
 * PGlite under HUXIN_DATA_DIR, which must not be open in a running server) and of every stored
 * evidence and document file into DIR, a new or empty directory (docs/operations.md).
 */
import path from 'node:path'
import { ConfigError, loadConfig } from '../config'
import { openDatabase } from '../db/client'
import { createObjectStore } from '../modules/storage/index'
import { DataDirLockedError } from '../db/data-dir-lock'
import { BackupError, objectFileStores, piiKeyCheck, writeBackup } from '../modules/backup/index'

async function main() {
  const dir = process.argv[2]
  if (!dir || process.argv.length > 3) {
    console.error('usage: npm run backup -- DIR   (DIR: a new or empty directory)')
    process.exitCode = 2
    return
  }
  const config = loadConfig()
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pglite'), poolSize: 2 })
  const objects = createObjectStore(config.storage)
  try {
    const started = Date.now()
    const manifest = await writeBackup(
      { db: database.db, stores: objectFileStores(objects), huxinVersion: config.version, piiKeyCheck: piiKeyCheck(config.piiKey) },
      path.resolve(dir),
    )
    const rows = manifest.database.tables.reduce((n, t) => n + t.rows, 0)
    const files = manifest.files.evidence.length + manifest.files.documents.length
    console.log(`backup written to ${path.resolve(dir)}: ${manifest.database.tables.length} tables, ${rows} rows, ${files} files, ${((Date.now() - started) / 1000).toFixed(1)} s`)
  } finally {
    await objects.close()
    await database.close()
  }
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof BackupError || error instanceof DataDirLockedError
  console.error(known ? `backup: ${(error as Error).message}` : error)
  process.exitCode = 1
})
