/**
 * The parts of the configuration that guard against an unsafe setting: the error that stops
 * start-up, the simulators' public credentials, the trusted proxies and the production secret
 * checks (docs/security.md). `config.ts` reads the environment with them.
 */
import { isIP } from 'node:net'

export type Env = Record<string, string | undefined>

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Configuration error: ${variable} ${problem}`)
    this.name = 'ConfigError'
  }
}

/** Credentials the development simulators accept; never valid anywhere else. */
/** An integer setting `name` in min–max, or `fallback` when unset; anything else refused, naming it. */
export function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be an integer ${min}–${max} (got "${raw}")`)
  }
  return Number(raw)
}

export const DEV_SIMULATOR_CREDENTIALS = {
  wechatAppId: 'wx0000000000huxin',
  wechatAppSecret: 'huxin-dev-simulator-secret',
  smsApiKey: 'huxin-dev-simulator-key',
  wechatClaimUpdateTemplateId: 'sim-claim-update-template',
  nationalAppId: 'huxin-dev-bureau-320400',
  nationalAppSecret: 'huxin-dev-national-platform-secret',
} as const

/** Names proxy-addr knows for address ranges. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal']

/**
 * HUXIN_TRUSTED_PROXIES: unset or `none` = trust no proxy; a hop count `1`–`10`; or a comma list
 * of addresses, CIDRs (`10.0.0.0/8`, `fd00::/8`) and proxy-addr's names (`loopback`, …).
 * Anything else stops start-up: a typo here would silently let every client choose its address.
 */
export function trustedProxies(env: Env): false | string[] | number {
  const name = 'HUXIN_TRUSTED_PROXIES'
  const raw = env[name]?.trim()
  if (raw === undefined || raw === '' || raw === 'none') return false
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw)
    if (hops < 1 || hops > 10) throw new ConfigError(name, `as a hop count must be 1–10 (got "${raw}")`)
    return hops
  }
  const entries = raw.split(',').map((entry) => entry.trim())
  for (const entry of entries) {
    if (PROXY_RANGE_NAMES.includes(entry)) continue
    const [address = '', prefix, extra] = entry.split('/')
    const family = isIP(address)
    const prefixOk =
      prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32))
    if (family === 0 || !prefixOk || extra !== undefined) {
      throw new ConfigError(
        name,
        `must be "none", a hop count, or a comma list of IP addresses, CIDRs and ${PROXY_RANGE_NAMES.join('/')} (bad entry "${entry}")`,
      )
    }
  }
  return entries
}

/** Estimated bits of entropy of a secret: Shannon entropy of its characters times its length. */
export function estimatedEntropyBits(value: string): number {
  const counts = new Map<string, number>()
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  const length = [...value].length
  let perChar = 0
  for (const n of counts.values()) perChar -= (n / length) * Math.log2(n / length)
  return perChar * length
}

/** Below this a signing secret is refused in production: repeated or patterned text, not random bytes. */
const MIN_SECRET_ENTROPY_BITS = 96

/** True when the text is one shorter piece repeated (`abcdabcd…`). */
function isRepetition(value: string): boolean {
  for (let period = 1; period <= value.length / 2; period++) {
    if (value.length % period === 0 && value.slice(period) === value.slice(0, -period)) return true
  }
  return false
}

function strongSecret(value: string, name: string): void {
  const distinct = new Set(value).size
  if (estimatedEntropyBits(value) < MIN_SECRET_ENTROPY_BITS || distinct < 10 || isRepetition(value)) {
    throw new ConfigError(name, 'is too predictable for production (repeated or patterned characters): use e.g. `openssl rand -base64 48`')
  }
}

/**
 * Production refuses the credentials the development simulators accept (they are public, in this
 * repository) and signing secrets of low entropy.
 */
export function checkProductionSecrets(values: Record<string, string>, piiKey: Buffer): void {
  const simulatorValues = new Set<string>(Object.values(DEV_SIMULATOR_CREDENTIALS))
  for (const [name, value] of Object.entries(values)) {
    if (simulatorValues.has(value)) throw new ConfigError(name, 'is a development simulator credential, refused when HUXIN_ENV=production')
  }
  strongSecret(values.HUXIN_JWT_SECRET ?? '', 'HUXIN_JWT_SECRET')
  strongSecret(values.NATIONAL_APP_SECRET ?? '', 'NATIONAL_APP_SECRET')
  // 32 random bytes show ~30 distinct values; a patterned key (the same byte, a short cycle) far fewer.
  if (new Set(piiKey).size < 16) {
    throw new ConfigError('HUXIN_PII_KEY', 'is too predictable for production: use 32 random bytes, e.g. `openssl rand -hex 32`')
  }
}
