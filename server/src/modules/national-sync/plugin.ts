import fp from 'fastify-plugin'
import { createNationalHttpAdapter, type NationalPort } from './adapter'
import adminSyncRoutes from './admin-routes'
import { syncEngineOptions } from './engine-options'
import { createSyncEngine, type SyncEngine } from './engine'
import nationalWebhook from './webhook-routes'
import { CLOSING_STATUSES, enqueueResultCorrection, enqueueStatusChange, reachesNationalPlatform } from './outbox'
import { createNationalSyncRepository, type NationalSyncRepository } from './repository/index'

declare module '../../plugins/database' {
  interface Repositories {
    nationalSync: NationalSyncRepository
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    national: NationalPort
    /** Built with the app; started by server.ts (or worker.ts), never by the app itself. */
    nationalSync: SyncEngine
  }
}

/** The national platform's adapter and the sync engine, from configuration only. */
export default fp(
  async (app) => {
    const { national } = app.config
    app.repos.nationalSync = createNationalSyncRepository(app.db)
    app.decorate('national', createNationalHttpAdapter({ ...national, timeoutMs: national.sendTimeoutMs }))
    app.decorate(
      'nationalSync',
      createSyncEngine(
        { db: app.db, claims: app.repos.claims, pii: app.pii, calendar: app.calendar, port: app.national, log: app.log },
        syncEngineOptions(national),
      ),
    )
    app.addHook('onClose', async () => app.nationalSync.stop())

    // Every status change of a claim (staff transitions, the worker's withdrawal: all pass through
    // the casework workflow, modules/casework/workflow.ts) reaches the platform: progress, and the
    // result when the case ends, written to the outbox in the change's own transaction (the claim
    // row is locked there).
    app.registerClaimChangeHook('national-progress', async (tx, change) => {
      const { after, before } = change
      // Non-wage reports and the bureau's own inspections were never registered there.
      if (!reachesNationalPlatform(after)) return
      // A reversal (冲正) of a finished case's money: the platform gets the corrected result.
      if (!change.statusChanged && change.kind === 'recovery_reversed' && CLOSING_STATUSES.has(after.status)) {
        const paid = await app.repos.nationalSync.recoveredFor(after.id, tx)
        await enqueueResultCorrection(tx, {
          claimId: after.id,
          status: after.status,
          at: after.finishedAt ?? change.event.createdAt,
          amountOwedFen: after.amountOwedFen,
          amountRecoveredFen: paid.amountFen,
          workersPaid: paid.workersNamed || (paid.amountFen > 0 ? after.workersCount : 0),
          note: change.event.note ?? undefined,
        })
        return
      }
      if (!change.statusChanged) return
      let amountRecoveredFen = 0
      let workersPaid = 0
      if (CLOSING_STATUSES.has(after.status)) {
        const paid = await app.repos.nationalSync.recoveredFor(after.id, tx)
        amountRecoveredFen = paid.amountFen
        // Per-worker rows name the workers paid; otherwise a paid claim counts its workers.
        workersPaid = paid.workersNamed || (amountRecoveredFen > 0 ? after.workersCount : 0)
      }
      await enqueueStatusChange(tx, {
        claimId: after.id,
        status: after.status,
        at: after.updatedAt,
        amountOwedFen: after.amountOwedFen,
        amountRecoveredFen,
        workersPaid,
        mediated: before.status === 'mediating',
        transferTo: after.status === 'rejected' ? after.transferTo : null,
        ...(change.event.visibility === 'worker' && change.event.note ? { note: change.event.note } : {}),
      })
    })
    await app.register(nationalWebhook, { prefix: '/api/v1/national' })
    await app.register(adminSyncRoutes, { prefix: '/api/v1/admin/sync' })
  },
  { name: 'national-sync', dependencies: ['config', 'database', 'pii', 'auth', 'calendar', 'claims', 'casework'] },
)
