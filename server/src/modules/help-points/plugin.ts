import fp from 'fastify-plugin'
import helpPointsLive from './live'
import { createHelpPointsRepository, type HelpPointsRepository } from './repository/index'
import helpPointsRoutes from './routes'

declare module '../../plugins/database' {
  interface Repositories {
    helpPoints: HelpPointsRepository
  }
}

/**
 * The help-point map: public reads (nearby, bbox, detail, changes, SSE stream), admins' edits and
 * imports, staff's live status, all under /api/v1/help-points.
 */
export default fp(
  async (app) => {
    app.repos.helpPoints = createHelpPointsRepository(app.db, app.database.query)
    await app.register(helpPointsLive)
    await app.register(helpPointsRoutes, { prefix: '/api/v1/help-points' })
  },
  { name: 'help-points', dependencies: ['database', 'auth', 'calendar'] },
)
