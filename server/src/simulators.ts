/**
 * The simulators on their own HTTP server, for tests and for running them beside the app. The
 * prefixes are the ones the app mounts them under in development, so a base URL works the same
 * against either.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyServerOptions } from 'fastify'
import { nationalSimulator, type NationalSimulatorOptions } from './modules/national-sync/index'
import { smsSimulator, type SmsSimulatorOptions } from './modules/sms/index'
import { wechatSimulator, type WechatSimulatorOptions } from './modules/wechat/index'

export const SIMULATOR_PREFIXES = {
  wechat: '/__sim/wechat',
  sms: '/__sim/sms',
  national: '/__sim/national',
} as const

export interface SimulatorServerOptions {
  /** 0 picks a free port. Default 0. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  wechat: WechatSimulatorOptions
  sms: SmsSimulatorOptions
  /** The national platform; omitted: not served. */
  national?: NationalSimulatorOptions
  /** Default: no logs. */
  logger?: FastifyServerOptions['logger']
}

export interface SimulatorServer {
  /** e.g. `http://127.0.0.1:40123`, without a trailing slash. */
  url: string
  /** `url` + `/__sim/wechat`: the WeChat adapter's `baseUrl`. */
  wechatBaseUrl: string
  /** `url` + `/__sim/sms`: the SMS adapter's `baseUrl`. */
  smsBaseUrl: string
  /** `url` + `/__sim/national`: the national-platform adapter's `baseUrl`. */
  nationalBaseUrl: string
  close(): Promise<void>
}

export async function startSimulatorServer(options: SimulatorServerOptions): Promise<SimulatorServer> {
  const app = Fastify({
    logger: options.logger ?? false,
    // A simulator holding a request for `latencyMs` must not hold up close().
    forceCloseConnections: true,
  }).withTypeProvider<TypeBoxTypeProvider>()

  await app.register(wechatSimulator, { ...options.wechat, prefix: SIMULATOR_PREFIXES.wechat })
  await app.register(smsSimulator, { ...options.sms, prefix: SIMULATOR_PREFIXES.sms })
  if (options.national) await app.register(nationalSimulator, { ...options.national, prefix: SIMULATOR_PREFIXES.national })

  const host = options.host ?? '127.0.0.1'
  await app.listen({ host, port: options.port ?? 0 })
  const address = app.server.address()
  if (address === null || typeof address === 'string') {
    await app.close()
    throw new Error('the simulator server is not listening on a TCP port')
  }
  // A wildcard address is not somewhere to send requests; loopback reaches it.
  const reachableHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host
  const url = `http://${reachableHost.includes(':') ? `[${reachableHost}]` : reachableHost}:${address.port}`

  return {
    url,
    wechatBaseUrl: `${url}${SIMULATOR_PREFIXES.wechat}`,
    smsBaseUrl: `${url}${SIMULATOR_PREFIXES.sms}`,
    nationalBaseUrl: `${url}${SIMULATOR_PREFIXES.national}`,
    close: () => app.close(),
  }
}
