import fp from 'fastify-plugin'
import { createCaseWork, type CaseWork } from './case-work'
import { recomputeOpenDeadlines } from './deadlines'
import { createClaimChangeHooks, type ClaimChangeHookName } from './claim-change-pipeline'
import claimMapRoutes from './map-routes'
import { createCaseworkRepository, type CaseworkRepository } from './repository/index'
import recoveryRoutes from './recovery-routes'
import caseWorkRoutes from './routes'
import triageRoutes from './triage-routes'
import { createCaseWorkflow, type AfterChangeHook, type CaseWorkflow } from './workflow'

declare module '../../plugins/database' {
  interface Repositories {
    casework: CaseworkRepository
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The one path of claim changes (modules/casework/workflow.ts). */
    caseWorkflow: CaseWorkflow
    /**
     * Registers the TypeScript step `name` of the claim-change pipeline (claim-change-pipeline.ts):
     * it runs inside every claim change's transaction, after the claim row and its event are
     * written, in the pipeline's order. The app refuses to start unless every hook the pipeline
     * lists was registered, once.
     */
    registerClaimChangeHook(name: ClaimChangeHookName, hook: AfterChangeHook): void
    /** Staff case work: jurisdiction, PII reveal log, assignment, merge/split, recovery ledger. */
    caseWork: CaseWork
  }
}

export default fp(
  async (app) => {
    const repo = createCaseworkRepository(app.db, app.database.query)
    app.repos.casework = repo
    // Every plugin registers its hook while the app boots; they are put in the pipeline's order
    // (and a missing one refused) once the app is ready, before any request.
    const pipeline = createClaimChangeHooks<AfterChangeHook>()
    app.decorate('registerClaimChangeHook', pipeline.register)
    app.addHook('onReady', async () => pipeline.seal())
    const workflow = createCaseWorkflow({ db: app.db, repo, afterChange: pipeline.hooks, calendar: app.calendar })
    app.decorate('caseWorkflow', workflow)
    // An admin's calendar change moves the open deadlines counted with the old calendar.
    app.calendarChanges.listen(async (change) => {
      const moved = await recomputeOpenDeadlines({ db: app.db, repo, workflow, calendar: app.calendar }, change)
      app.log.info({ moved, from: change.from.toISOString() }, 'open deadlines recomputed after a calendar change')
    })
    app.decorate('caseWork', createCaseWork({ db: app.db, repo, workflow, claims: app.repos.claims, pii: app.pii }))
    await app.register(caseWorkRoutes, { prefix: '/api/v1/claims' })
    await app.register(claimMapRoutes, { prefix: '/api/v1/claims' })
    await app.register(recoveryRoutes, { prefix: '/api/v1/claims' })
    await app.register(triageRoutes, { prefix: '/api/v1/triage' })
  },
  { name: 'casework', dependencies: ['database', 'pii', 'auth', 'calendar', 'claims'] },
)
