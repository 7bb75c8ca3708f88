import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config'

const tmp = () => mkdtempSync(path.join(tmpdir(), 'huxin-config-'))

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

  it('limits filings per worker to 10 an hour and 30 a day unless configured (docs/security-filing.md)', () => {
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
    const production: Record<string, string> = {
      HUXIN_ENV: 'production',
      HUXIN_JWT_SECRET: 'x'.repeat(40),
      HUXIN_PII_KEY: 'ab'.repeat(32),
      WECHAT_API_BASE: 'https://api.weixin.qq.com',
      WECHAT_APP_ID: 'wx1234567890abcdef',
      WECHAT_APP_SECRET: 'real-secret',
      WECHAT_CLAIM_UPDATE_TEMPLATE_ID: 'tmpl-claim-update',
      SMS_API_BASE: 'https://sms.example.gov.cn',
      SMS_API_KEY: 'real-key',
      NATIONAL_API_BASE: 'https://national.example.gov.cn/open',
      NATIONAL_APP_ID: 'bureau-320400',
      NATIONAL_APP_SECRET: 'real-national-secret-0123',
    }
    for (const variable of Object.keys(production).filter((k) => k !== 'HUXIN_ENV')) {
      const { [variable]: _left, ...rest } = production
      expect(errorOf(rest).variable).toBe(variable)
    }
    const config = loadConfig({ ...production, HUXIN_DATA_DIR: tmp() })
    expect(config.devAffordances).toBe(false)
    expect(config.wechat.baseUrl).toBe('https://api.weixin.qq.com')
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
