/**
 * `npm run storage:sweep [-- --dry-run]`: removes the stored evidence and document objects that no
 * row of the configured database names and that were written longer ago than
 * HUXIN_STORAGE_SWEEP_GRACE_H hours (docs/storage.md, Sweep). With --dry-run it only prints them.
 * The worker (or a single `npm start` that runs the background jobs) does the same every hour.
 * PGlite: the data directory belongs to one process; stop `npm start` first.
 */
import path from 'node:path'
import { ConfigError, loadConfig } from '../config'
import { openDatabase } from '../db/client'
import { DataDirLockedError } from '../db/data-dir-lock'
import { sweepUnreferencedObjects } from '../modules/retention/index'
import { createObjectStore, StorageUnavailableError } from '../modules/storage/index'

const USAGE = 'usage: npm run storage:sweep [-- --dry-run]'

async function main() {
  const args = process.argv.slice(2)
  if (args.some((arg) => arg !== '--dry-run')) {
    console.error(USAGE)
    process.exitCode = 2
    return
  }
  const dryRun = args.includes('--dry-run')
  const config = loadConfig()
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pglite'), poolSize: 2 })
  const store = createObjectStore(config.storage)
  try {
    const status = await database.migrationStatus(config.migrationsDir)
    if (status.applied !== status.expected) {
      // A database of a newer release may have rows naming objects in places this release does not look.
      console.error(
        status.applied < status.expected
          ? `storage:sweep: the database has ${status.applied} of ${status.expected} migrations: start the server (npm start) once to apply them`
          : `storage:sweep: the database has ${status.applied} migrations, this release knows ${status.expected}: run the sweep of the release that migrated it`,
      )
      process.exitCode = 1
      return
    }
    const started = Date.now()
    const now = new Date()
    const result = await sweepUnreferencedObjects(
      {
        db: database.db,
        store,
        graceHours: config.retention.sweepGraceHours,
        dryRun,
        onRemoved: (_namespace, object) => {
          const ageHours = (now.getTime() - object.modifiedAt.getTime()) / 3_600_000
          console.log(`${dryRun ? 'would remove' : 'removed'} ${object.key}  ${object.size} bytes  written ${ageHours.toFixed(1)} h ago`)
        },
      },
      now,
    )
    console.log(
      `${dryRun ? 'dry run: ' : ''}${result.listed} objects listed, ${result.referenced} named by a row, ${result.fresh} younger than ${config.retention.sweepGraceHours} h, ` +
        `${result.foreign} not ours; ${dryRun ? 'would remove' : 'removed'} ${result.removed} (${result.removedBytes} bytes) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    )
  } finally {
    await store.close()
    await database.close()
  }
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof DataDirLockedError
  if (known) console.error(`storage:sweep: ${error.message}`)
  // The store's error name and status only, never a credential.
  else if (error instanceof StorageUnavailableError) console.error(`storage:sweep: the object store is unavailable (${error.reason})`)
  else console.error(error)
  process.exitCode = 1
})
