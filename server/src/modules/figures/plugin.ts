import fp from 'fastify-plugin'
import statsRoutes from './routes'

/** The bureau's figures: a period's statistics by town and their CSV export. */
export default fp(
  async (app) => {
    await app.register(statsRoutes, { prefix: '/api/v1' })
  },
  { name: 'figures', dependencies: ['auth', 'casework'] },
)
