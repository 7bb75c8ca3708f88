/**
 * `npm run restore -- DIR`: restores the backup in DIR into the configured database (DATABASE_URL,
 * or PGlite under HUXIN_DATA_DIR) and stores, which must be empty. The database is migrated first;
 * the backup must have been made by a HuXin with the same migrations (docs/operations.md).
 */
import path from 'node:path'
import { ConfigError, loadConfig } from '../config'
import { openDatabase } from '../db/client'
import { createObjectStore } from '../modules/storage/index'
import { DataDirLockedError } from '../db/data-dir-lock'
import { BackupError, objectFileStores, piiKeyCheck, restoreBackup, RestoreRefusedError } from '../modules/backup/index'

async function main() {
  const dir = process.argv[2]
  if (!dir || process.argv.length > 3) {
    console.error('usage: npm run restore -- DIR   (DIR: a directory written by npm run backup)')
    process.exitCode = 2
    return
  }
  const config = loadConfig()
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pglite'), poolSize: 2 })
  const objects = createObjectStore(config.storage)
  try {
    await database.migrate(config.migrationsDir)
    const started = Date.now()
    const { rows, files } = await restoreBackup(
      { db: database.db, stores: objectFileStores(objects), huxinVersion: config.version, piiKeyCheck: piiKeyCheck(config.piiKey) },
      path.resolve(dir),
    )
    console.log(`restored ${rows} rows and ${files} files from ${path.resolve(dir)} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  } finally {
    await objects.close()
    await database.close()
  }
}

main().catch((error: unknown) => {
  const known =
    error instanceof ConfigError || error instanceof BackupError || error instanceof RestoreRefusedError || error instanceof DataDirLockedError
  console.error(known ? `restore: ${(error as Error).message}` : error)
  process.exitCode = 1
})
