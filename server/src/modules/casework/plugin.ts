import fp from 'fastify-plugin'
import { createCaseWork, type CaseWork } from './case-work'
import claimMapRoutes from './map-routes'
import { createCaseworkRepository, type CaseworkRepository } from './repository/index'
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
     * In-transaction hooks run on every claim change, after its row and event are written and
     * before commit. Plugins registered after this one push theirs here (the national-sync
     * plugin: progress and result to the national platform); the array is read on each change.
     */
    claimChangeHooks: AfterChangeHook[]
    /** Staff case work: jurisdiction, PII reveal log, assignment, merge/split, recovery ledger. */
    caseWork: CaseWork
  }
}

export default fp(
  async (app) => {
    const repo = createCaseworkRepository(app.db, app.database.query)
    app.repos.casework = repo
    const hooks: AfterChangeHook[] = []
    app.decorate('claimChangeHooks', hooks)
    const workflow = createCaseWorkflow({ db: app.db, repo, afterChange: hooks, calendar: app.calendar })
    app.decorate('caseWorkflow', workflow)
    app.decorate('caseWork', createCaseWork({ db: app.db, repo, workflow, pii: app.pii }))
    await app.register(caseWorkRoutes, { prefix: '/api/v1/claims' })
    await app.register(claimMapRoutes, { prefix: '/api/v1/claims' })
    await app.register(triageRoutes, { prefix: '/api/v1/triage' })
  },
  { name: 'casework', dependencies: ['database', 'pii', 'auth', 'calendar', 'claims'] },
)
