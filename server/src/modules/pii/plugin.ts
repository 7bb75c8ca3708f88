import fp from 'fastify-plugin'
import { createPiiCipher, type PiiCipher } from './cipher'

declare module 'fastify' {
  interface FastifyInstance {
    /** Encrypts and hashes ID numbers and phones (DOMAIN.md, privacy). */
    pii: PiiCipher
  }
}

export default fp(
  async (app) => {
    app.decorate('pii', createPiiCipher(app.config.piiKey))
  },
  { name: 'pii', dependencies: ['config'] },
)
