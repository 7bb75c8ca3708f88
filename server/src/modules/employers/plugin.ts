import fp from 'fastify-plugin'
import employerRoutes from './routes'

/** The employers claims name: list, detail with their claims' totals, corrections by staff. */
export default fp(
  async (app) => {
    await app.register(employerRoutes, { prefix: '/api/v1/employers' })
  },
  { name: 'employers', dependencies: ['auth', 'casework'] },
)
