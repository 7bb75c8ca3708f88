import fp from 'fastify-plugin'
import staffAccountRoutes from './routes'

/** Staff administration for admins: accounts, towns, unlock, disable, second factor. */
export default fp(
  async (app) => {
    await app.register(staffAccountRoutes, { prefix: '/api/v1/admin/users' })
  },
  { name: 'accounts', dependencies: ['auth'] },
)
