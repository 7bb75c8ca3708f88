/**
 * `npm run worker`: the national-platform sync engine (docs/national-platform.md), the drainer of
 * workers' notifications (modules/notifications) and the hourly sweep of stored objects no row
 * names (docs/storage.md) as their own process.
 * Run it beside `npm start` with NATIONAL_SYNC=off there, or several of them: rows are claimed with
 * FOR UPDATE SKIP LOCKED, so no message is sent twice. Needs PostgreSQL (DATABASE_URL): an embedded
 * PGlite data directory belongs to one process. Stops gracefully on SIGTERM/SIGINT, recording the
 * batches in flight; after kill -9 the rows it held are taken again when their lease runs out.
 * It never migrates: started before the API has, it waits for the migrations (docs/deploy.md §3).
 */
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import closeWithGrace from 'close-with-grace'
import pino from 'pino'
import { createNationalHttpAdapter, createSyncEngine, syncEngineOptions } from './modules/national-sync/index'
import { countingSmsPort, createSmsHttpAdapter } from './modules/sms/index'
import { createMetrics, createMetricsRepository, startMetricsListener } from './modules/metrics/index'
import { createWechatHttpAdapter } from './modules/wechat/index'
import { loadConfigOrExit, type Config } from './config'
import { openDatabase, type DatabaseHandle } from './db/client'
import { backoffDelayMs } from './lib/backoff'
import { DataDirLockedError } from './db/data-dir-lock'
import { createPiiCipher } from './modules/pii/index'
import { createCalendarRepository, createWorkingDayCalendar, keepCalendarCurrent } from './modules/calendar/index'
import { createClaimsRepository } from './modules/claims/index'
import { startNotificationDrainer } from './modules/notifications/index'
import { sweepUnreferencedObjects } from './modules/retention/index'
import { createObjectStore } from './modules/storage/index'

/** PostgreSQL errors a worker started beside a busy or restarting server should wait out. */
const TRANSIENT_CODES = new Set(['53300', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'])
const STARTUP_WAIT_MS = 60_000
const MIGRATION_POLL_MS = 1_000
const MIGRATION_LOG_EVERY_MS = 30_000
const SWEEP_INTERVAL_MS = 3_600_000

/** The driver's error code, if any: drizzle wraps the driver's error ("Failed query: …"), its code is on the cause. */
function errorCode(error: unknown): unknown {
  return (error as { code?: unknown }).code ?? (error as { cause?: { code?: unknown } }).cause?.code
}
const isTransient = (error: unknown) => {
  const code = errorCode(error)
  return typeof code === 'string' && TRANSIENT_CODES.has(code)
}

/**
 * Opens the database and reads its migration state, waiting out transient refusals (too many
 * clients, the server starting up or restarting) for up to a minute, as systemd would otherwise
 * restart the unit: two workers started together beside a busy server must both come up.
 */
async function openWhenReachable(config: Config, log: pino.Logger) {
  const deadline = Date.now() + STARTUP_WAIT_MS
  for (let attempt = 1; ; attempt++) {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pglite'), poolSize: config.databasePoolSize })
    try {
      return { database, status: await database.migrationStatus(config.migrationsDir) }
    } catch (error) {
      await database.close().catch(() => {})
      if (!isTransient(error) || Date.now() > deadline) throw error
      const delayMs = backoffDelayMs(attempt, 250, 5_000, Math.random, 'equal')
      log.warn({ code: errorCode(error), attempt, delayMs }, 'database not reachable yet; the worker waits')
      await sleep(delayMs)
    }
  }
}

/**
 * The worker never migrates: the API does (`npm start`, one process under an advisory lock), and
 * a worker started first — by a deploy that starts the units together, or systemd restarting it —
 * waits for that instead of exiting in a restart loop. It polls the migration count every second
 * (one small query), logs when it starts waiting and then every 30 s, and gives up after
 * HUXIN_WORKER_MIGRATION_WAIT_S with a non-zero exit (an API that never came up is for a human).
 * Drizzle applies all pending migrations in one transaction, so the count reaches the expected
 * number only once every one of them is committed.
 */
async function waitForMigrations(database: DatabaseHandle, config: Config, log: pino.Logger, initial: { expected: number; applied: number }): Promise<void> {
  let status = initial
  if (status.applied >= status.expected) return
  const started = Date.now()
  const deadline = started + config.workerMigrationWaitS * 1_000
  let loggedAt = Number.NEGATIVE_INFINITY
  while (status.applied < status.expected) {
    const now = Date.now()
    if (now >= deadline) {
      throw new Error(
        `the database has ${status.applied} of ${status.expected} migrations after waiting ${config.workerMigrationWaitS} s (HUXIN_WORKER_MIGRATION_WAIT_S): start the server (npm start), which applies them`,
      )
    }
    if (now - loggedAt >= MIGRATION_LOG_EVERY_MS) {
      log.warn(
        { applied: status.applied, expected: status.expected, waitedS: Math.round((now - started) / 1_000), maxWaitS: config.workerMigrationWaitS },
        'the database is not migrated yet: the worker waits for the server to apply the migrations',
      )
      loggedAt = now
    }
    await sleep(Math.min(MIGRATION_POLL_MS, deadline - now))
    try {
      status = await database.migrationStatus(config.migrationsDir)
    } catch (error) {
      // A server restarting while it migrates is waited out like at start-up; anything else is a fault.
      if (!isTransient(error)) throw error
    }
  }
  log.info({ applied: status.applied, waitedS: Math.round((Date.now() - started) / 1_000) }, 'migrations applied by the server: the worker starts')
}

async function main(config: Config) {
  const log = pino({ level: config.logLevel, name: 'huxin-worker' })
  const { database, status } = await openWhenReachable(config, log)
  try {
    await waitForMigrations(database, config, log, status)
  } catch (error) {
    await database.close().catch(() => {})
    throw error
  }
  const { national } = config
  // Deadlines of dispatched clues count working days with the admins' overrides, as in the server.
  const calendar = createWorkingDayCalendar()
  const calendarCurrent = keepCalendarCurrent(calendar, createCalendarRepository(database.db), (err) => log.warn({ err }, 'calendar overrides not loaded'))
  await calendarCurrent.start()
  const engine = createSyncEngine(
    {
      db: database.db,
      claims: createClaimsRepository(database.db, database.query),
      pii: createPiiCipher(config.piiKey),
      calendar,
      port: createNationalHttpAdapter({ ...national, timeoutMs: national.sendTimeoutMs }),
      log,
    },
    syncEngineOptions(national),
  )
  // The worker's own /metrics (SMS sends, outboxes, pool) when HUXIN_METRICS_PORT is set (docs/operations.md).
  const metrics = createMetrics()
  const metricsRepository = createMetricsRepository(database.db)
  metrics.setSources({ engine: database.kind, poolStats: () => database.poolStats(), outboxes: () => metricsRepository.outboxes() })
  const metricsListener =
    config.metrics.port === undefined ? undefined : await startMetricsListener(metrics, { ...config.metrics, port: config.metrics.port })
  // Run it beside `npm start` with HUXIN_NOTIFICATIONS_WORKER=off there (both may drain: rows are leased).
  const stopNotifications = startNotificationDrainer({
    query: database.query,
    wechat: createWechatHttpAdapter(config.wechat),
    sms: countingSmsPort(createSmsHttpAdapter(config.sms), metrics.smsSent),
    pii: createPiiCipher(config.piiKey),
    claimUpdateTemplateId: config.wechat.claimUpdateTemplateId,
    log,
  })
  // Hourly: the stored objects no row names, past their grace period (docs/storage.md, Sweep). The
  // worker is where the background jobs run when the API processes leave them (NATIONAL_SYNC=off).
  const objectStore = createObjectStore(config.storage, log)
  let sweeping: Promise<void> | undefined
  const sweepTimer = setInterval(() => {
    sweeping ??= database
      .migrationStatus(config.migrationsDir)
      .then(async ({ applied, expected }) => {
        // A database a newer release migrated (a rolling upgrade) may name objects where this release does not look.
        if (applied !== expected) {
          log.warn({ applied, expected }, 'storage sweep skipped: the database is not at this release’s migrations')
          return
        }
        const result = await sweepUnreferencedObjects({
          db: database.db,
          store: objectStore,
          graceHours: config.retention.sweepGraceHours,
          onRemoved: (namespace, object) => metrics.objectsSwept(namespace, 1, object.size),
        })
        if (result.removed > 0) log.info({ sweep: result }, 'unreferenced stored objects removed')
      })
      .catch((err: unknown) => log.warn({ err }, 'storage sweep failed'))
      .finally(() => {
        sweeping = undefined
      })
  }, SWEEP_INTERVAL_MS)
  sweepTimer.unref()
  closeWithGrace({ delay: national.sendTimeoutMs + 5_000 }, async ({ signal, err }) => {
    if (err) log.error({ err }, 'worker stopping after an error')
    else log.info({ signal }, 'worker stopping')
    clearInterval(sweepTimer)
    await sweeping
    await metricsListener?.close()
    await stopNotifications()
    await engine.stop()
    calendarCurrent.stop()
    await objectStore.close()
    await database.close()
  })
  engine.start()
  log.info({ concurrency: national.concurrency, batchSize: national.batchSize, metrics: metricsListener?.url }, 'national sync worker running')
  console.log(`  HuXin national sync worker running (pid ${process.pid})`)
}

main(loadConfigOrExit()).catch((error: unknown) => {
  if (error instanceof DataDirLockedError) console.error(error.message)
  else console.error('HuXin worker failed to start:', error instanceof Error ? error.message : error)
  process.exit(1)
})
