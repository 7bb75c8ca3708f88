import fp from 'fastify-plugin'
import { createSmsHttpAdapter, type SmsPort } from '../../adapters/sms'
import { createWechatHttpAdapter, type WechatPort } from '../../adapters/wechat'
import type { AuthDeps } from '../../services/auth'

declare module 'fastify' {
  interface FastifyInstance {
    wechat: WechatPort
    sms: SmsPort
    authDeps: AuthDeps
  }
}

/**
 * The adapters to outside systems, built from configuration only: whether a base URL points at
 * WeChat or at the development simulator is none of the code's business.
 */
export default fp(
  async (app) => {
    const { wechat, sms } = app.config
    app.decorate('wechat', createWechatHttpAdapter(wechat))
    app.decorate('sms', createSmsHttpAdapter(sms))
    app.decorate('authDeps', {
      db: app.db,
      users: app.repos.users,
      pii: app.pii,
      wechat: app.wechat,
      sms: app.sms,
      signAccessToken: (claims) => app.jwt.sign(claims),
      log: app.log,
    })
  },
  { name: 'outside-systems', dependencies: ['config', 'database', 'jwt'] },
)
