import fp from 'fastify-plugin'
import { createStaffAccountsRepository, type StaffAccountsRepository } from './repository'
import staffAccountRoutes from './routes'

declare module '../../plugins/database' {
  interface Repositories {
    staffAccounts: StaffAccountsRepository
  }
}

/** Staff administration for admins: accounts, towns, unlock, disable, second factor. */
export default fp(
  async (app) => {
    app.repos.staffAccounts = createStaffAccountsRepository(app.db)
    await app.register(staffAccountRoutes, { prefix: '/api/v1/admin/users' })
  },
  { name: 'accounts', dependencies: ['database', 'pii', 'auth'] },
)
