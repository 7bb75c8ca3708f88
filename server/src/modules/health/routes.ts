import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { HealthSchema, ReadinessSchema } from '@huxin/shared'

const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness: the process answers',
        response: { 200: HealthSchema },
      },
    },
    async () => ({ status: 'ok' as const, db: app.database.kind, version: app.config.version }),
  )

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness: migrations applied and the database answers',
        response: { 200: ReadinessSchema, 503: ReadinessSchema },
      },
    },
    async (request, reply) => {
      try {
        await app.database.ping()
        const { expected, applied } = await app.database.migrationStatus(app.config.migrationsDir)
        const migrated = applied >= expected
        return reply
          .status(migrated ? 200 : 503)
          .send({ status: migrated ? 'ready' : 'not_ready', migrations: migrated, db: true })
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed')
        return reply.status(503).send({ status: 'not_ready', migrations: false, db: false })
      }
    },
  )
}

export default health
