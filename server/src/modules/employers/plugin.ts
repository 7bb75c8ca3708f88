import fp from 'fastify-plugin'
import { createEmployersRepository, type EmployersRepository } from './repository'
import employerImportRoute from './import-routes'
import employerRoutes from './routes'

declare module '../../plugins/database' {
  interface Repositories {
    employers: EmployersRepository
  }
}

/** The register of employers under supervision and the employers claims name: list, detail, entries, import, links. */
export default fp(
  async (app) => {
    app.repos.employers = createEmployersRepository(app.db)
    await app.register(employerRoutes, { prefix: '/api/v1/employers' })
    await app.register(employerImportRoute, { prefix: '/api/v1/employers/import' })
  },
  { name: 'employers', dependencies: ['auth', 'claims', 'casework'] },
)
