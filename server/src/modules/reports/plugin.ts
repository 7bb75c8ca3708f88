import fp from 'fastify-plugin'
import { createReportsRepository, type ReportsRepository } from './repository'
import { inspectionRoutes, reportRoutes } from './routes'

declare module '../../plugins/database' {
  interface Repositories {
    reports: ReportsRepository
  }
}

/**
 * Reports (举报) and the bureau's own inspections: cases without a worker to answer, in the same
 * queue as the complaints (docs/casework.md, Reports and inspections).
 */
export default fp(
  async (app) => {
    app.repos.reports = createReportsRepository(app.db)
    await app.register(reportRoutes, { prefix: '/api/v1/reports' })
    await app.register(inspectionRoutes, { prefix: '/api/v1/inspections' })
  },
  { name: 'reports', dependencies: ['config', 'database', 'pii', 'auth', 'calendar', 'claims', 'casework'] },
)
