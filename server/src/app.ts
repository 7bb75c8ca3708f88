/**
 * The HuXin application as a Fastify instance that never listens (server.ts does). Plugins are
 * registered explicitly in fastify/demo's order — external, app, routes — rather than through
 * @fastify/autoload, so the same module loads unchanged under tsx, vitest and a bundler.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Ajv, type Options as AjvOptions } from 'ajv'
import addFormats from 'ajv-formats'
import Fastify, { type FastifyServerOptions } from 'fastify'
import type { Config } from './config'
import type { DatabaseHandle } from './db/client'
import authPlugin from './plugins/app/auth'
import calendarPlugin from './plugins/app/calendar'
import caseWorkflowPlugin from './plugins/app/case-workflow'
import databasePlugin from './plugins/app/database'
import errorHandler from './plugins/app/error-handler'
import evidencePlugin from './plugins/app/evidence'
import helpPointsLive from './plugins/app/help-points-live'
import outsideSystems from './plugins/app/outside-systems'
import nationalSyncPlugin from './plugins/app/national-sync'
import piiPlugin from './plugins/app/pii'
import h5Static from './plugins/external/h5-static'
import jwtPlugin from './plugins/external/jwt'
import simulators from './plugins/external/simulators'
import swagger from './plugins/external/swagger'
import calendarRoutes from './routes/api/v1/admin/calendar'
import staffAccountRoutes from './routes/api/v1/admin/users'
import syncRoutes from './routes/api/v1/admin/sync'
import nationalWebhook from './routes/api/v1/national/webhook'
import authRoutes from './routes/api/v1/auth/index'
import caseWorkRoutes from './routes/api/v1/claims/case-work'
import claimsRoutes from './routes/api/v1/claims/index'
import claimMapRoutes from './routes/api/v1/claims/map'
import employerRoutes from './routes/api/v1/employers'
import statsRoutes from './routes/api/v1/stats'
import triageRoutes from './routes/api/v1/triage'
import helpPointsRoutes from './routes/api/v1/help-points/index'
import healthRoutes from './routes/health'
import { DEV_SIMULATOR_CREDENTIALS } from './config'
import { loggerOptions } from './lib/log'

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
  return ({ schema, httpPart }: { schema: object; httpPart?: string }) =>
    (httpPart === 'body' ? bodyAjv : textAjv).compile(schema)
}

export async function buildApp(options: BuildAppOptions) {
  const { config } = options
  const app = Fastify({
    logger: options.logger ?? loggerOptions(config.logLevel),
    bodyLimit: 1_048_576,
    // Behind a reverse proxy in production; request ids make logs traceable.
    trustProxy: config.env === 'production',
    requestIdHeader: 'x-request-id',
    forceCloseConnections: 'idle',
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.setValidatorCompiler(createValidatorCompilers())

  // external
  await app.register(swagger, { version: config.version })
  await app.register(jwtPlugin, { secret: config.jwtSecret })
  if (config.devAffordances) {
    await app.register(simulators, {
      wechat: { appId: DEV_SIMULATOR_CREDENTIALS.wechatAppId, appSecret: DEV_SIMULATOR_CREDENTIALS.wechatAppSecret },
      sms: { apiKey: DEV_SIMULATOR_CREDENTIALS.smsApiKey },
      national: {
        appId: DEV_SIMULATOR_CREDENTIALS.nationalAppId,
        appSecret: DEV_SIMULATOR_CREDENTIALS.nationalAppSecret,
        webhookUrl: `http://127.0.0.1:${config.port}/api/v1/national/webhook`,
        cluesPerMinute: config.national.simCluesPerMinute,
      },
    })
  }
  // app
  await app.register(piiPlugin, { config })
  await app.register(databasePlugin, { database: options.database })
  await app.register(errorHandler)
  await app.register(authPlugin)
  await app.register(outsideSystems)
  await app.register(evidencePlugin)
  await app.register(calendarPlugin)
  await app.register(caseWorkflowPlugin)
  await app.register(helpPointsLive)
  await app.register(nationalSyncPlugin)
  // routes
  await app.register(healthRoutes)
  await app.register(authRoutes, { prefix: '/api/v1/auth' })
  await app.register(claimsRoutes, { prefix: '/api/v1/claims' })
  await app.register(caseWorkRoutes, { prefix: '/api/v1/claims' })
  await app.register(claimMapRoutes, { prefix: '/api/v1/claims' })
  await app.register(triageRoutes, { prefix: '/api/v1/triage' })
  await app.register(employerRoutes, { prefix: '/api/v1/employers' })
  await app.register(statsRoutes, { prefix: '/api/v1' })
  await app.register(calendarRoutes, { prefix: '/api/v1/admin/calendar' })
  await app.register(staffAccountRoutes, { prefix: '/api/v1/admin/users' })
  await app.register(helpPointsRoutes, { prefix: '/api/v1/help-points' })
  await app.register(syncRoutes, { prefix: '/api/v1/admin/sync' })
  await app.register(nationalWebhook, { prefix: '/api/v1/national' })
  await app.register(h5Static, { root: config.h5Dir })

  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>
