/**
 * `npm run worker`: the national-platform sync engine (docs/national-platform.md) and the drainer of
 * workers' notifications (modules/notifications) as their own process.
 * Run it beside `npm start` with NATIONAL_SYNC=off there, or several of them: rows are claimed with
 * FOR UPDATE SKIP LOCKED, so no message is sent twice. Needs PostgreSQL (DATABASE_URL): an embedded
 * PGlite data directory belongs to one process. Stops gracefully on SIGTERM/SIGINT, recording the
 * batches in flight; after kill -9 the rows it held are taken again when their lease runs out.
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
import { openDatabase } from './db/client'
import { backoffDelayMs } from './lib/backoff'
import { DataDirLockedError } from './db/data-dir-lock'
import { createPiiCipher } from './modules/pii/index'
import { createCalendarRepository, createWorkingDayCalendar, keepCalendarCurrent } from './modules/calendar/index'
import { createClaimsRepository } from './modules/claims/index'
import { startNotificationDrainer } from './modules/notifications/index'

/** PostgreSQL errors a worker started beside a busy or restarting server should wait out. */
const TRANSIENT_CODES = new Set(['53300', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'])
const STARTUP_WAIT_MS = 60_000

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
      // drizzle wraps the driver's error ("Failed query: …"); its code is on the cause.
      const code = (error as { code?: unknown }).code ?? (error as { cause?: { code?: unknown } }).cause?.code
      if (typeof code !== 'string' || !TRANSIENT_CODES.has(code) || Date.now() > deadline) throw error
      const delayMs = backoffDelayMs(attempt, 250, 5_000, Math.random, 'equal')
      log.warn({ code, attempt, delayMs }, 'database not reachable yet; the worker waits')
      await sleep(delayMs)
    }
  }
}

async function main(config: Config) {
  const log = pino({ level: config.logLevel, name: 'huxin-worker' })
  const { database, status } = await openWhenReachable(config, log)
  if (status.applied < status.expected) {
    await database.close()
    throw new Error(`the database has ${status.applied} of ${status.expected} migrations: start the server once (npm start) to apply them`)
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
  closeWithGrace({ delay: national.sendTimeoutMs + 5_000 }, async ({ signal, err }) => {
    if (err) log.error({ err }, 'worker stopping after an error')
    else log.info({ signal }, 'worker stopping')
    await metricsListener?.close()
    await stopNotifications()
    await engine.stop()
    calendarCurrent.stop()
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
