import fp from 'fastify-plugin'
import { createSmsHttpAdapter, type SmsPort } from './adapter'
import { countingSmsPort } from './counting'

declare module 'fastify' {
  interface FastifyInstance {
    sms: SmsPort
  }
}

/** The SMS gateway, built from configuration only (gateway or development simulator alike); its sends are counted in /metrics. */
export default fp(
  async (app) => {
    app.decorate('sms', countingSmsPort(createSmsHttpAdapter(app.config.sms), app.metrics.smsSent))
  },
  { name: 'sms', dependencies: ['config', 'metrics'] },
)
