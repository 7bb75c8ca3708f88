import fp from 'fastify-plugin'
import type { Database, DatabaseHandle } from '../db/client'

/**
 * The repositories on the app, one per module that has routes reading them (`app.repos.claims`).
 * Each module's plugin adds its own here by declaration merging and decorates the value.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Repositories {}

declare module 'fastify' {
  interface FastifyInstance {
    database: DatabaseHandle
    db: Database
    repos: Repositories
  }
}

/**
 * Decorates the app with the database handle (opened and migrated by the caller). The app does
 * not own the handle: whoever opened it closes it.
 */
export default fp<{ database: DatabaseHandle }>(
  async (app, { database }) => {
    app.decorate('database', database)
    app.decorate('db', database.db)
    app.decorate('repos', {} as Repositories)
  },
  { name: 'database' },
)
