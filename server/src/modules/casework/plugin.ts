import fp from 'fastify-plugin'
import { createCaseWork, type CaseWork } from './case-work'
import claimMapRoutes from './map-routes'
import caseWorkRoutes from './routes'
import triageRoutes from './triage-routes'
import { createCaseWorkflow, type AfterChangeHook, type CaseWorkflow } from './workflow'

declare module 'fastify' {
  interface FastifyInstance {
    /** The one path of claim changes (services/case-workflow.ts). */
    caseWorkflow: CaseWorkflow
    /**
     * In-transaction hooks run on every claim change, after its row and event are written and
     * before commit. Plugins registered after this one push theirs here (national-platform
     * outbox, notification outbox); the array is read on each change.
     */
    claimChangeHooks: AfterChangeHook[]
    /** Staff case work: jurisdiction, PII reveal log, assignment, merge/split, recovery ledger. */
    caseWork: CaseWork
  }
}

export default fp(
  async (app) => {
    // ── afterChange hooks: add in-transaction hooks here (e.g. the national-platform outbox). ──
    const hooks: AfterChangeHook[] = []
    app.decorate('claimChangeHooks', hooks)
    const workflow = createCaseWorkflow({ db: app.db, afterChange: hooks, calendar: app.calendar })
    app.decorate('caseWorkflow', workflow)
    app.decorate('caseWork', createCaseWork({ db: app.db, workflow, pii: app.pii }))
    await app.register(caseWorkRoutes, { prefix: '/api/v1/claims' })
    await app.register(claimMapRoutes, { prefix: '/api/v1/claims' })
    await app.register(triageRoutes, { prefix: '/api/v1/triage' })
  },
  { name: 'casework', dependencies: ['database', 'pii', 'auth', 'calendar', 'claims'] },
)
