/**
 * Where `/metrics` is served and who may scrape it (docs/operations.md), read with the rest of the
 * configuration (config.ts).
 */
import { isIP } from 'node:net'
import { ConfigError, type Env } from './config-checks'

export interface MetricsConfig {
  /**
   * A second listener that serves `/metrics` alone (HUXIN_METRICS_PORT), never proxied; undefined:
   * only the API port's `/metrics`, under the same address rule. The worker serves it here too.
   */
  port: number | undefined
  /** The metrics listener's address (HUXIN_METRICS_HOST, default 127.0.0.1). */
  host: string
  /**
   * Socket peers allowed to scrape (HUXIN_METRICS_ALLOW): addresses and CIDRs, comma-separated,
   * besides loopback, which is always allowed. The peer is the TCP peer, never X-Forwarded-For.
   */
  allow: string[]
}

function cidrOk(entry: string): boolean {
  const [address, bits, extra] = entry.split('/')
  if (extra !== undefined || address === undefined) return false
  const family = isIP(address)
  if (family === 0) return false
  if (bits === undefined) return true
  if (!/^\d+$/.test(bits)) return false
  return Number(bits) <= (family === 4 ? 32 : 128)
}

export function metricsConfig(env: Env): MetricsConfig {
  const rawPort = env.HUXIN_METRICS_PORT
  let port: number | undefined
  if (rawPort !== undefined && rawPort !== '' && rawPort !== 'off') {
    if (!/^\d+$/.test(rawPort) || Number(rawPort) > 65_535) {
      throw new ConfigError('HUXIN_METRICS_PORT', `must be a port number 0–65535 or off (got "${rawPort}")`)
    }
    port = Number(rawPort)
  }
  const host = env.HUXIN_METRICS_HOST?.trim() || '127.0.0.1'
  if (isIP(host) === 0 && host !== 'localhost') {
    throw new ConfigError('HUXIN_METRICS_HOST', `must be an IP address (got "${host}")`)
  }
  const allow = (env.HUXIN_METRICS_ALLOW ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  for (const entry of allow) {
    if (!cidrOk(entry)) {
      throw new ConfigError('HUXIN_METRICS_ALLOW', `must be a comma-separated list of addresses or CIDRs such as 10.0.0.7,10.1.0.0/16 (got "${entry}")`)
    }
  }
  return { port, host, allow }
}
