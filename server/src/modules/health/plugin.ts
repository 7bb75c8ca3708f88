import fp from 'fastify-plugin'
import healthRoutes from './routes'

/** Liveness and readiness probes (readiness: the database, its migrations and the object store). */
export default fp(
  async (app) => {
    await app.register(healthRoutes)
  },
  { name: 'health', dependencies: ['database', 'storage'] },
)
