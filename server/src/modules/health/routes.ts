import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { HealthSchema, ReadinessSchema } from '@huxin/shared'
import { StorageUnavailableError } from '../storage/index'

/** A readiness probe must answer quickly, whatever the store's request deadline (HUXIN_S3_TIMEOUT_MS). */
const STORAGE_CHECK_TIMEOUT_MS = 3_000

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
        summary: 'Readiness: migrations applied, the database and the object store answer',
        description:
          '503 names what failed: `db` false (the database does not answer), `migrations` false (not applied yet), `storage` false (the evidence and document store is unreachable).',
        response: { 200: ReadinessSchema, 503: ReadinessSchema },
      },
    },
    async (request, reply) => {
      // Side by side: a slow store does not delay the database's answer, nor the other way round.
      const [database, storage] = await Promise.all([
        (async () => {
          try {
            await app.database.ping()
            const { expected, applied } = await app.database.migrationStatus(app.config.migrationsDir)
            return { db: true, migrations: applied >= expected }
          } catch (error) {
            request.log.warn({ err: error }, 'readiness check failed: database')
            return { db: false, migrations: false }
          }
        })(),
        app.objectStore.check(STORAGE_CHECK_TIMEOUT_MS).then(
          () => true,
          (error: unknown) => {
            // The store's error name and status only (StorageUnavailableError.reason): never a credential.
            const reason = error instanceof StorageUnavailableError ? error.reason : error instanceof Error ? error.name : 'unknown'
            request.log.warn({ storage: app.objectStore.kind, reason }, 'readiness check failed: object store')
            return false
          },
        ),
      ])
      const ready = database.db && database.migrations && storage
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', ...database, storage })
    },
  )
}

export default health
