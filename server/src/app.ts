/**
 * The HuXin application as a Fastify instance that never listens (server.ts does). Plugins are
 * registered explicitly — framework plugins, then each module's plugin (which registers its own
 * routes) — rather than through @fastify/autoload, so the same module loads unchanged under tsx,
 * vitest and a bundler.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Ajv, type Options as AjvOptions } from 'ajv'
import addFormats from 'ajv-formats'
import Fastify, { type FastifyServerOptions } from 'fastify'
import type { Config } from './config'
import { DEV_SIMULATOR_CREDENTIALS } from './config'
import type { DatabaseHandle } from './db/client'
import accountsModule from './modules/accounts/plugin'
import authModule from './modules/auth/plugin'
import calendarModule from './modules/calendar/plugin'
import caseworkModule from './modules/casework/plugin'
import claimsModule from './modules/claims/plugin'
import documentsModule from './modules/documents/plugin'
import employersModule from './modules/employers/plugin'
import projectsModule from './modules/projects/plugin'
import figuresModule from './modules/figures/plugin'
import healthModule from './modules/health/plugin'
import metricsModule from './modules/metrics/plugin'
import helpPointsModule from './modules/help-points/plugin'
import { NATIONAL_WEBHOOK_PATH } from './modules/national-sync/index'
import nationalSyncModule from './modules/national-sync/plugin'
import piiModule from './modules/pii/plugin'
import reportsModule from './modules/reports/plugin'
import smsModule from './modules/sms/plugin'
import storageModule from './modules/storage/plugin'
import wechatModule from './modules/wechat/plugin'
import configPlugin from './plugins/config'
import databasePlugin from './plugins/database'
import errorHandler from './plugins/error-handler'
import h5Static from './plugins/h5-static'
import connectionGuard from './plugins/connection-guard'
import loadShedding from './plugins/load-shedding'
import securityHeaders from './plugins/security-headers'
import simulators from './plugins/simulators'
import swagger from './plugins/swagger'
import { loggerOptions } from './lib/log'
import { withSafeText } from './lib/safe-text'

export interface BuildAppOptions {
  config: Config
  database: DatabaseHandle
  logger?: FastifyServerOptions['logger']
}

function createValidatorCompilers() {
  const base: AjvOptions = { allErrors: true, strict: false, useDefaults: true, removeAdditional: false }
  // Bodies are JSON: a string is never silently turned into a number of fen.
  const bodyAjv = addFormats.default(new Ajv({ ...base, coerceTypes: false }))
  // Query strings, params and headers are text by nature.
  const textAjv = addFormats.default(new Ajv({ ...base, coerceTypes: 'array' }))
  // Every string of every request part is safe text (no NUL, no lone surrogate): lib/safe-text.ts.
  return ({ schema, httpPart }: { schema: object; httpPart?: string }) =>
    (httpPart === 'body' ? bodyAjv : textAjv).compile(withSafeText(schema))
}

/** HUXIN_TRUSTED_PROXIES as Fastify takes it; a hop count trusts that many proxies in front (proxy-addr's `hop < n`). */
function trustProxyOption(trusted: Config['trustedProxies']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trusted === 'number') return (_address, hop) => hop < trusted
  return trusted
}

export async function buildApp(options: BuildAppOptions) {
  const { config } = options
  const app = Fastify({
    logger: options.logger ?? loggerOptions(config.logLevel),
    bodyLimit: 1_048_576,
    // X-Forwarded-For is believed only from the configured proxies (HUXIN_TRUSTED_PROXIES), so a
    // client cannot choose the address that per-address limits count. Request ids make logs traceable.
    trustProxy: trustProxyOption(config.trustedProxies),
    requestIdHeader: 'x-request-id',
    forceCloseConnections: 'idle',
    // One client must not hold the server's sockets: every phase of a connection has a deadline
    // (docs/security.md, Timeouts). Node's defaults let a silent socket live 60–300 s.
    connectionTimeout: config.http.idleTimeoutMs,
    keepAliveTimeout: config.http.keepAliveTimeoutMs,
    requestTimeout: config.http.requestTimeoutMs,
    http: {
      // A backstop: connection-guard closes waiting sockets first, in batches (see there).
      headersTimeout: Math.min(
        config.http.requestTimeoutMs,
        config.http.headersTimeoutMs + 2 * config.http.connectionsCheckIntervalMs,
      ),
      requestTimeout: config.http.requestTimeoutMs,
      connectionsCheckingInterval: config.http.connectionsCheckIntervalMs,
    },
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.setValidatorCompiler(createValidatorCompilers())

  // framework: load shedding first (its hook runs before any other work), API document,
  // development simulators, configuration, database, errors
  await app.register(loadShedding, {
    maxEventLoopDelayMs: config.http.shedEventLoopDelayMs,
    retryAfterS: config.http.shedRetryAfterS,
  })
  await app.register(connectionGuard, {
    headersTimeoutMs: config.http.headersTimeoutMs,
    checkIntervalMs: config.http.connectionsCheckIntervalMs,
  })
  await app.register(securityHeaders, {
    production: config.env === 'production',
    imageHosts: config.contentSecurity.imageHosts,
  })
  await app.register(swagger, { version: config.version })
  if (config.devAffordances) {
    await app.register(simulators, {
      wechat: { appId: DEV_SIMULATOR_CREDENTIALS.wechatAppId, appSecret: DEV_SIMULATOR_CREDENTIALS.wechatAppSecret },
      sms: { apiKey: DEV_SIMULATOR_CREDENTIALS.smsApiKey },
      national: {
        appId: DEV_SIMULATOR_CREDENTIALS.nationalAppId,
        appSecret: DEV_SIMULATOR_CREDENTIALS.nationalAppSecret,
        webhookUrl: `http://127.0.0.1:${config.port}${NATIONAL_WEBHOOK_PATH}`,
        cluesPerMinute: config.national.simCluesPerMinute,
      },
    })
  }
  await app.register(configPlugin, { config })
  await app.register(databasePlugin, { database: options.database })
  await app.register(errorHandler)
  await app.register(metricsModule) // before the modules: it times every route registered after it
  // modules, each after those it depends on (docs/architecture.md); each registers its routes
  await app.register(piiModule)
  await app.register(wechatModule)
  await app.register(smsModule)
  await app.register(authModule)
  await app.register(accountsModule)
  await app.register(calendarModule)
  await app.register(storageModule)
  await app.register(claimsModule)
  await app.register(caseworkModule)
  await app.register(documentsModule)
  await app.register(reportsModule)
  await app.register(employersModule)
  await app.register(projectsModule)
  await app.register(figuresModule)
  await app.register(helpPointsModule)
  await app.register(nationalSyncModule)
  await app.register(healthModule)
  await app.register(h5Static, { root: config.h5Dir })

  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>
