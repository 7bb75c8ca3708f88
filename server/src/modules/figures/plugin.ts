import fp from 'fastify-plugin'
import { createFiguresRepository, type FiguresRepository } from './repository'
import statsRoutes from './routes'

declare module '../../plugins/database' {
  interface Repositories {
    figures: FiguresRepository
  }
}

/** The bureau's figures: a period's statistics by town and their CSV export. */
export default fp(
  async (app) => {
    app.repos.figures = createFiguresRepository(app.db)
    await app.register(statsRoutes, { prefix: '/api/v1' })
  },
  { name: 'figures', dependencies: ['auth', 'casework'] },
)
