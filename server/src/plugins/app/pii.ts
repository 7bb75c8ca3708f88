import fp from 'fastify-plugin'
import type { Config } from '../../config'
import { createPiiCipher, type PiiCipher } from '../../lib/pii'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    pii: PiiCipher
  }
}

export default fp<{ config: Config }>(
  async (app, { config }) => {
    app.decorate('config', config)
    app.decorate('pii', createPiiCipher(config.piiKey))
  },
  { name: 'config' },
)
