import fp from 'fastify-plugin'
import { createEmployersRepository, type EmployersRepository } from './repository'
import employerRoutes from './routes'

declare module '../../plugins/database' {
  interface Repositories {
    employers: EmployersRepository
  }
}

/** The employers claims name: list, detail with their claims' totals, corrections by staff. */
export default fp(
  async (app) => {
    app.repos.employers = createEmployersRepository(app.db)
    await app.register(employerRoutes, { prefix: '/api/v1/employers' })
  },
  { name: 'employers', dependencies: ['auth', 'claims', 'casework'] },
)
