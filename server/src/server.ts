/**
 * `npm start`: opens the database (PGlite in the data directory, or PostgreSQL with
 * DATABASE_URL), applies the migrations, listens, and shuts down gracefully on SIGTERM/SIGINT.
 */
import path from 'node:path'
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app'
import { loadConfigOrExit, type Config } from './config'
import { storageSummary } from './config-storage'
import { openDatabase } from './db/client'
import { DataDirLockedError } from './db/data-dir-lock'
import { loadDemoHelpPointsIfEmpty } from './modules/help-points/index'
import { purgeExpired } from './maintenance'
import { objectFileStores } from './modules/backup/index'
import type { StorageNamespace } from './modules/storage/index'
import { startNotificationDrainer } from './modules/notifications/index'
import { startMetricsListener, type MetricsListener } from './modules/metrics/index'

async function main(config: Config) {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: path.join(config.dataDir, 'pglite'),
    poolSize: config.databasePoolSize,
  })
  let app: Awaited<ReturnType<typeof buildApp>> | undefined
  try {
    await database.migrate(config.migrationsDir)
    app = await buildApp({ config, database })
    if (config.demoData) {
      const loaded = await loadDemoHelpPointsIfEmpty(app.repos.helpPoints)
      if (loaded > 0) app.log.info({ loaded }, 'demo help points loaded (is_sample, 示例)')
    }
  } catch (error) {
    await app?.close().catch(() => {})
    await database.close()
    throw error
  }

  // Hourly housekeeping; a failure is logged and tried again next hour. The sweep of unreferenced
  // stored objects runs where the background jobs run: here when this process runs the national
  // sync (a single-process installation), else in `npm run worker` (docs/storage.md, Sweep).
  const { repos, log, objectStore, metrics: appMetrics } = app
  const sweep = config.national.syncInProcess
    ? {
        store: objectStore,
        graceHours: config.retention.sweepGraceHours,
        onRemoved: (namespace: StorageNamespace, object: { size: number }) => appMetrics.objectsSwept(namespace, 1, object.size),
      }
    : undefined
  const housekeeping = setInterval(() => {
    purgeExpired({
      db: database.db,
      idempotency: repos.idempotency,
      retention: { days: config.retention.days, stores: objectFileStores(objectStore) },
      ...(sweep ? { sweep } : {}),
    })
      .then(({ sweep: swept }) => {
        if (swept && swept.removed > 0) log.info({ sweep: swept }, 'unreferenced stored objects removed')
      })
      .catch((err: unknown) => log.warn({ err }, 'housekeeping failed'))
  }, 3_600_000)
  housekeeping.unref()

  // Messages to workers about their claims leave through the outbox, never inside a request.
  const stopNotifications = config.notificationsWorker
    ? startNotificationDrainer({
        query: database.query,
        wechat: app.wechat,
        sms: app.sms,
        pii: app.pii,
        claimUpdateTemplateId: config.wechat.claimUpdateTemplateId,
        log: app.log,
      })
    : async () => {}

  // /metrics on a port of its own, never proxied (docs/operations.md), when HUXIN_METRICS_PORT is set.
  let metricsListener: MetricsListener | undefined
  const { metrics } = config
  if (metrics.port !== undefined) {
    metricsListener = await startMetricsListener(app.metrics, { ...metrics, port: metrics.port, onError: (err) => log.warn({ err }, 'metrics scrape failed') })
    log.info({ address: metricsListener.url }, 'metrics listener')
  }

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app?.log.error({ err }, 'shutting down after an error')
    else app?.log.info({ signal }, 'shutting down')
    // Stops accepting, waits for requests in flight, then the database is closed
    // (PGlite flushed to disk and the data-directory lock released).
    clearInterval(housekeeping)
    await metricsListener?.close()
    await stopNotifications()
    // app.close() stops the sync engine too, after its batches in flight are recorded.
    await app?.close()
    await database.close()
  })

  const address = await app.listen({ host: config.host, port: config.port })
  // The national-platform sync runs here unless NATIONAL_SYNC=off leaves it to `npm run worker`;
  // started once listening, since in development the platform is this server's own simulator.
  if (config.national.syncInProcess) app.nationalSync.start()

  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`
  app.log.info({ address, database: where }, 'HuXin is running')
  app.log.info({ storage: storageSummary(config.storage) }, 'evidence and documents stored')
  // A plain line for the person who typed `npm start`.
  console.log(`\n  HuXin (护薪) is running: ${address}/  ·  API docs ${address}/docs  ·  ${where}\n`)
}

main(loadConfigOrExit()).catch((error: unknown) => {
  if (error instanceof DataDirLockedError) console.error(error.message)
  else console.error('HuXin failed to start:', error)
  process.exit(1)
})
