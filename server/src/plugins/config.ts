import fp from 'fastify-plugin'
import type { Config } from '../config'

declare module 'fastify' {
  interface FastifyInstance {
    /** The validated configuration (config.ts); nothing else reads the environment. */
    config: Config
  }
}

export default fp<{ config: Config }>(
  async (app, { config }) => {
    app.decorate('config', config)
  },
  { name: 'config' },
)
