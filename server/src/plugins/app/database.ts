import fp from 'fastify-plugin'
import type { Database, DatabaseHandle } from '../../db/client'
import { createClaimsRepository, type ClaimsRepository } from '../../repositories/claims-repository'
import { createHelpPointsRepository, type HelpPointsRepository } from '../../repositories/help-points-repository'
import { createUsersRepository, type UsersRepository } from '../../repositories/users-repository'
import {
  createIdempotencyRepository,
  type IdempotencyRepository,
} from '../../repositories/idempotency-repository'

declare module 'fastify' {
  interface FastifyInstance {
    database: DatabaseHandle
    db: Database
    repos: {
      claims: ClaimsRepository
      helpPoints: HelpPointsRepository
      idempotency: IdempotencyRepository
      users: UsersRepository
    }
  }
}

/**
 * Decorates the app with the database handle (opened and migrated by the caller) and the
 * repositories. The app does not own the handle: whoever opened it closes it.
 */
export default fp<{ database: DatabaseHandle }>(
  async (app, { database }) => {
    app.decorate('database', database)
    app.decorate('db', database.db)
    app.decorate('repos', {
      claims: createClaimsRepository(database.db, database.query),
      helpPoints: createHelpPointsRepository(database.db, database.query),
      idempotency: createIdempotencyRepository(database.db),
      users: createUsersRepository(database.db),
    })
  },
  { name: 'database' },
)
