import fp from 'fastify-plugin'
import { createFontLoader } from '../../lib/pdf/font'
import type { ProjectModule } from './module'
import { createProjectsRepository, type ProjectsRepository } from './repository'
import { liabilityRoutes, projectPublicRoutes } from './public-routes'
import projectRoutes from './routes'
import { forFiling } from './service'
import projectUploadRoutes from './upload-routes'

declare module '../../plugins/database' {
  interface Repositories {
    projects: ProjectsRepository & { forFiling(id: string): Promise<ReturnType<typeof forFiling> | undefined> }
  }
}


/** Construction projects, the four systems, the deposit ledger and the site sign (docs/projects.md). */
export default fp(
  async (app) => {
    const projects = createProjectsRepository(app.db)
    app.repos.projects = {
      ...projects,
      async forFiling(id) {
        const row = await projects.findById(id)
        return row && forFiling(row)
      },
    }
    const module: ProjectModule = {
      deps: { projects, calendar: app.calendar, settings: app.config.projects },
      fonts: createFontLoader(),
    }
    await app.register(projectRoutes, { prefix: '/api/v1/projects', module })
    await app.register(projectUploadRoutes, { prefix: '/api/v1/projects', module })
    await app.register(projectPublicRoutes, { prefix: '/api/v1/projects', module })
    await app.register(liabilityRoutes, { prefix: '/api/v1/claims', module })
  },
  { name: 'projects', dependencies: ['auth', 'claims', 'casework', 'calendar', 'pii'] },
)
