import fp from 'fastify-plugin'
import { createNationalHttpAdapter, type NationalPort } from '../../adapters/national'
import type { NationalConfig } from '../../config'
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from '../../services/national-sync/engine'

declare module 'fastify' {
  interface FastifyInstance {
    national: NationalPort
    /** Built with the app; started by server.ts (or worker.ts), never by the app itself. */
    nationalSync: SyncEngine
  }
}

export function syncEngineOptions(config: NationalConfig): SyncEngineOptions {
  return {
    concurrency: config.concurrency,
    batchSize: config.batchSize,
    sendBatchSize: config.sendBatchSize,
    maxAttempts: config.maxAttempts,
    backoffBaseMs: config.backoffBaseMs,
    backoffCapMs: config.backoffCapMs,
    // Longer than a request may take, so a live worker keeps its rows.
    leaseMs: config.sendTimeoutMs * 2 + 5_000,
    pullIntervalMs: config.pullIntervalMs,
  }
}

/** The national platform's adapter and the sync engine, from configuration only. */
export default fp(
  async (app) => {
    const { national } = app.config
    app.decorate('national', createNationalHttpAdapter({ ...national, timeoutMs: national.sendTimeoutMs }))
    app.decorate(
      'nationalSync',
      createSyncEngine({ db: app.db, claims: app.repos.claims, pii: app.pii, port: app.national, log: app.log }, syncEngineOptions(national)),
    )
    app.addHook('onClose', async () => app.nationalSync.stop())
  },
  { name: 'national-sync', dependencies: ['config', 'database'] },
)
