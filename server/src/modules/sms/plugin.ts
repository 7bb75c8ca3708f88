import fp from 'fastify-plugin'
import { createSmsHttpAdapter, type SmsPort } from './adapter'

declare module 'fastify' {
  interface FastifyInstance {
    sms: SmsPort
  }
}

/** The SMS gateway, built from configuration only (gateway or development simulator alike). */
export default fp(
  async (app) => {
    app.decorate('sms', createSmsHttpAdapter(app.config.sms))
  },
  { name: 'sms', dependencies: ['config'] },
)
