import fp from 'fastify-plugin'
import { createFiguresRepository, type FiguresRepository } from './repository'
import { createCaseOutcomes, type CaseOutcomes } from './outcomes'
import { outcomeRoutes } from './outcome-routes'
import statsRoutes from './routes'

declare module '../../plugins/database' {
  interface Repositories {
    figures: FiguresRepository
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Case outcomes (social-insurance orders and registrations); the demo year records through it too. */
    caseOutcomes: CaseOutcomes
  }
}

/** The bureau's figures: a period's statistics by town, their CSV and xlsx exports, and the case outcomes they count. */
export default fp(
  async (app) => {
    app.repos.figures = createFiguresRepository(app.db)
    const outcomes = createCaseOutcomes({ db: app.db, repo: app.repos.figures, workflow: app.caseWorkflow })
    app.decorate('caseOutcomes', outcomes)
    await app.register(statsRoutes, { prefix: '/api/v1' })
    await app.register(outcomeRoutes(outcomes), { prefix: '/api/v1/claims' })
  },
  { name: 'figures', dependencies: ['auth', 'casework'] },
)
