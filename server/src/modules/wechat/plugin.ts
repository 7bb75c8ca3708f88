import fp from 'fastify-plugin'
import { createWechatHttpAdapter, type WechatPort } from './adapter'

declare module 'fastify' {
  interface FastifyInstance {
    wechat: WechatPort
  }
}

/**
 * WeChat's server API, built from configuration only: whether the base URL points at WeChat or at
 * the development simulator is none of the code's business.
 */
export default fp(
  async (app) => {
    app.decorate('wechat', createWechatHttpAdapter(app.config.wechat))
  },
  { name: 'wechat', dependencies: ['config'] },
)
