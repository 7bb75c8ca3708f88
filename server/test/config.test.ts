import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, DEV_SIMULATOR_CREDENTIALS, estimatedEntropyBits, loadConfig, trustedProxies } from '../src/config'

const tmp = () => mkdtempSync(path.join(tmpdir(), 'huxin-config-'))

/** A complete production configuration with real-looking (random) secrets. */
const PRODUCTION: Record<string, string> = {
  HUXIN_ENV: 'production',
  HUXIN_JWT_SECRET: 'Jq3vN8pL2xR7tY5wK1mZ9cB4hF6dS0gA-e_uTqWo',
  HUXIN_PII_KEY: '0123456789abcdeffedcba987654321000112233445566778899aabbccddeeff',
  WECHAT_API_BASE: 'https://api.weixin.qq.com',
  WECHAT_APP_ID: 'wx1234567890abcdef',
  WECHAT_APP_SECRET: 'real-secret',
  WECHAT_CLAIM_UPDATE_TEMPLATE_ID: 'tmpl-claim-update',
  SMS_API_BASE: 'https://sms.example.gov.cn',
  SMS_API_KEY: 'real-key',
  NATIONAL_API_BASE: 'https://national.example.gov.cn/open',
  NATIONAL_APP_ID: 'bureau-320400',
  NATIONAL_APP_SECRET: 'Nat-9fK2qLx7Vw3Rz8Tb5Yc1',
}

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig({ HUXIN_DATA_DIR: tmp(), ...env })
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('configuration', () => {
  it('starts with defaults on a fresh machine: port 3000, 127.0.0.1, PGlite', () => {
    const config = loadConfig({ HUXIN_DATA_DIR: tmp() })
    expect(config).toMatchObject({ env: 'development', host: '127.0.0.1', port: 3000, databaseUrl: undefined })
    expect(config.devAffordances).toBe(true)
  })

  it('limits filings per worker to 10 an hour and 30 a day unless configured (docs/security.md)', () => {
    expect(loadConfig({ HUXIN_DATA_DIR: tmp() }).filing).toEqual({ maxPerHour: 10, maxPerDay: 30 })
    expect(loadConfig({ HUXIN_DATA_DIR: tmp(), HUXIN_FILING_MAX_PER_HOUR: '4', HUXIN_FILING_MAX_PER_DAY: '12' }).filing).toEqual({
      maxPerHour: 4,
      maxPerDay: 12,
    })
  })

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ HUXIN_ENV: 'staging' }, 'HUXIN_ENV'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ HUXIN_PII_KEY: 'too-short' }, 'HUXIN_PII_KEY'],
    [{ HUXIN_JWT_SECRET: 'short' }, 'HUXIN_JWT_SECRET'],
    [{ HUXIN_FILING_MAX_PER_HOUR: '0' }, 'HUXIN_FILING_MAX_PER_HOUR'],
    [{ HUXIN_FILING_MAX_PER_DAY: 'many' }, 'HUXIN_FILING_MAX_PER_DAY'],
  ])('refuses %j, naming %s', (env, variable) => {
    const error = errorOf(env)
    expect(error.variable).toBe(variable)
    expect(error.message).toContain(variable)
  })

  it('requires every secret and outside-system setting in production', () => {
    const production = PRODUCTION
    for (const variable of Object.keys(production).filter((k) => k !== 'HUXIN_ENV')) {
      const { [variable]: _left, ...rest } = production
      expect(errorOf(rest).variable).toBe(variable)
    }
    const config = loadConfig({ ...production, HUXIN_DATA_DIR: tmp() })
    expect(config.devAffordances).toBe(false)
    expect(config.wechat.baseUrl).toBe('https://api.weixin.qq.com')
  })

  it('refuses the development simulators\' credentials in production', () => {
    expect(loadConfig({ ...PRODUCTION, HUXIN_DATA_DIR: tmp() }).env).toBe('production')
    const simulator: [string, string][] = [
      ['WECHAT_APP_ID', DEV_SIMULATOR_CREDENTIALS.wechatAppId],
      ['WECHAT_APP_SECRET', DEV_SIMULATOR_CREDENTIALS.wechatAppSecret],
      ['WECHAT_CLAIM_UPDATE_TEMPLATE_ID', DEV_SIMULATOR_CREDENTIALS.wechatClaimUpdateTemplateId],
      ['SMS_API_KEY', DEV_SIMULATOR_CREDENTIALS.smsApiKey],
      ['NATIONAL_APP_ID', DEV_SIMULATOR_CREDENTIALS.nationalAppId],
      ['NATIONAL_APP_SECRET', DEV_SIMULATOR_CREDENTIALS.nationalAppSecret],
    ]
    for (const [variable, value] of simulator) {
      const error = errorOf({ ...PRODUCTION, [variable]: value })
      expect(error.variable).toBe(variable)
      expect(error.message).toContain('simulator')
      // Outside production the same value is the default and fine.
      expect(() => loadConfig({ HUXIN_DATA_DIR: tmp(), [variable]: value })).not.toThrow()
    }
  })

  it.each([
    ['HUXIN_JWT_SECRET', 'x'.repeat(40)],
    ['HUXIN_JWT_SECRET', 'abcd'.repeat(12)],
    ['HUXIN_JWT_SECRET', '0'.repeat(31) + '1'],
    ['NATIONAL_APP_SECRET', 'aaaaaaaaaaaaaaaaaaaaaaaa'],
    ['HUXIN_PII_KEY', 'ab'.repeat(32)],
    ['HUXIN_PII_KEY', '0001'.repeat(16)],
  ])('refuses a low-entropy %s in production (%s)', (variable, value) => {
    const error = errorOf({ ...PRODUCTION, [variable]: value })
    expect(error.variable).toBe(variable)
    expect(error.message).toContain('predictable')
    expect(estimatedEntropyBits('x'.repeat(40))).toBe(0)
  })

  it('trusts no proxy by default and validates HUXIN_TRUSTED_PROXIES', () => {
    expect(loadConfig({ HUXIN_DATA_DIR: tmp() }).trustedProxies).toBe(false)
    expect(loadConfig({ ...PRODUCTION, HUXIN_DATA_DIR: tmp() }).trustedProxies).toBe(false)
    expect(trustedProxies({ HUXIN_TRUSTED_PROXIES: 'none' })).toBe(false)
    expect(trustedProxies({ HUXIN_TRUSTED_PROXIES: '2' })).toBe(2)
    expect(trustedProxies({ HUXIN_TRUSTED_PROXIES: '10.0.0.1, 172.16.0.0/12,fd00::/8 ,loopback' })).toEqual([
      '10.0.0.1',
      '172.16.0.0/12',
      'fd00::/8',
      'loopback',
    ])
    for (const bad of ['0', '11', 'proxy.example.com', '10.0.0.0/33', '10.0.0.1/8/1', 'fd00::/129', '10.0.0.256', '*', 'true']) {
      const error = errorOf({ HUXIN_TRUSTED_PROXIES: bad })
      expect(error.variable).toBe('HUXIN_TRUSTED_PROXIES')
    }
  })

  it('points the adapters at the development simulators on its own port by default', () => {
    const config = loadConfig({ HUXIN_DATA_DIR: tmp(), PORT: '4100' })
    expect(config.wechat.baseUrl).toBe('http://127.0.0.1:4100/__sim/wechat')
    expect(config.sms.baseUrl).toBe('http://127.0.0.1:4100/__sim/sms')
    expect(config.national.baseUrl).toBe('http://127.0.0.1:4100/__sim/national')
    expect(config.national.syncInProcess).toBe(true)
    expect(errorOf({ WECHAT_API_BASE: 'ftp://x' }).variable).toBe('WECHAT_API_BASE')
    expect(errorOf({ NATIONAL_SYNC: 'maybe' }).variable).toBe('NATIONAL_SYNC')
    expect(errorOf({ NATIONAL_MAX_ATTEMPTS: '0' }).variable).toBe('NATIONAL_MAX_ATTEMPTS')
    expect(errorOf({ NATIONAL_APP_SECRET: 'short' }).variable).toBe('NATIONAL_APP_SECRET')
  })

  it('generates development secrets once and keeps them in the data directory', () => {
    const dataDir = tmp()
    const first = loadConfig({ HUXIN_DATA_DIR: dataDir })
    const file = path.join(dataDir, 'dev-secrets.json')
    expect(existsSync(file)).toBe(true)
    const second = loadConfig({ HUXIN_DATA_DIR: dataDir })
    expect(second.jwtSecret).toBe(first.jwtSecret)
    expect(second.piiKey.equals(first.piiKey)).toBe(true)
    expect(readFileSync(file, 'utf8')).toContain(first.jwtSecret)
    expect(loadConfig({ HUXIN_DATA_DIR: tmp() }).jwtSecret).not.toBe(first.jwtSecret)
  })
})

describe('HUXIN_WORKER_MIGRATION_WAIT_S', () => {
  const load = (value?: string) => loadConfig({ HUXIN_DATA_DIR: tmp(), ...(value === undefined ? {} : { HUXIN_WORKER_MIGRATION_WAIT_S: value }) })

  it('defaults to ten minutes and takes 0 (exit at once) up to a day', () => {
    expect(load().workerMigrationWaitS).toBe(600)
    expect(load('0').workerMigrationWaitS).toBe(0)
    expect(load('86400').workerMigrationWaitS).toBe(86_400)
  })

  it('stops start-up on a bad value, naming the variable', () => {
    for (const bad of ['-1', '86401', '10m', '1.5']) expect(() => load(bad), bad).toThrow(/HUXIN_WORKER_MIGRATION_WAIT_S/)
  })
})
