import fp from 'fastify-plugin'
import { createCaseWorkflow, type AfterChangeHook, type CaseWorkflow } from '../../services/case-workflow'

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
  }
}

export default fp(
  async (app) => {
    // ── afterChange hooks: add in-transaction hooks here (e.g. the national-platform outbox). ──
    const hooks: AfterChangeHook[] = []
    app.decorate('claimChangeHooks', hooks)
    app.decorate('caseWorkflow', createCaseWorkflow({ db: app.db, afterChange: hooks }))
  },
  { name: 'case-workflow', dependencies: ['database'] },
)
