import fp from 'fastify-plugin'
import { nationalSimulator, type NationalSimulatorOptions } from '../modules/national-sync/index'
import { smsSimulator } from '../modules/sms/index'
import { wechatSimulator } from '../modules/wechat/index'
import { SIMULATOR_PREFIXES } from '../simulators'

/**
 * Development and test affordance (API.md): the simulators of WeChat, the SMS gateway and the
 * national platform, served by the same server under /__sim/…, off when HUXIN_ENV=production.
 * Each is an encapsulated plugin speaking the outside system's own protocol.
 */
export default fp<{ wechat: { appId: string; appSecret: string }; sms: { apiKey: string }; national: NationalSimulatorOptions }>(
  async (app, options) => {
    await app.register(wechatSimulator, { prefix: SIMULATOR_PREFIXES.wechat, ...options.wechat })
    await app.register(smsSimulator, { prefix: SIMULATOR_PREFIXES.sms, ...options.sms })
    await app.register(nationalSimulator, { prefix: SIMULATOR_PREFIXES.national, ...options.national })
  },
  { name: 'simulators' },
)
