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

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ HUXIN_ENV: 'staging' }, 'HUXIN_ENV'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ HUXIN_PII_KEY: 'too-short' }, 'HUXIN_PII_KEY'],
    [{ HUXIN_JWT_SECRET: 'short' }, 'HUXIN_JWT_SECRET'],
  ])('refuses %j, naming %s', (env, variable) => {
    const error = errorOf(env)
    expect(error.variable).toBe(variable)
    expect(error.message).toContain(variable)
  })

  it('requires every secret in production', () => {
    expect(errorOf({ HUXIN_ENV: 'production' }).variable).toBe('HUXIN_JWT_SECRET')
    expect(errorOf({ HUXIN_ENV: 'production', HUXIN_JWT_SECRET: 'x'.repeat(40) }).variable).toBe('HUXIN_PII_KEY')
    const config = loadConfig({
      HUXIN_ENV: 'production',
      HUXIN_DATA_DIR: tmp(),
      HUXIN_JWT_SECRET: 'x'.repeat(40),
      HUXIN_PII_KEY: 'ab'.repeat(32),
    })
    expect(config.devAffordances).toBe(false)
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
