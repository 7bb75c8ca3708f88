import fp from 'fastify-plugin'
import healthRoutes from './routes'

/** Liveness and readiness probes. */
export default fp(
  async (app) => {
    await app.register(healthRoutes)
  },
  { name: 'health', dependencies: ['database'] },
)
