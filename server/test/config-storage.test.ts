import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config'
import { storageSummary } from '../src/config-storage'
import { TEST_ENV } from './helpers/app'

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const S3: Record<string, string> = {
  HUXIN_STORAGE: 's3',
  HUXIN_S3_ENDPOINT: 'https://oss-cn-hangzhou.aliyuncs.com',
  HUXIN_S3_BUCKET: 'huxin-evidence',
  HUXIN_S3_REGION: 'oss-cn-hangzhou',
  HUXIN_S3_ACCESS_KEY_ID: 'LTAI5tExampleKeyId',
  HUXIN_S3_SECRET_ACCESS_KEY: SECRET,
}
const load = (env: Record<string, string>) => loadConfig({ ...TEST_ENV, HUXIN_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'huxin-config-')), ...env })

function errorOf(env: Record<string, string>): ConfigError {
  try {
    load(env)
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('object-store configuration', () => {
  it('keeps files in the data directory unless told otherwise', () => {
    const config = load({})
    expect(config.storage).toMatchObject({ kind: 'local', dir: config.dataDir })
  })

  it('reads an S3-compatible store with virtual-hosted addressing by default', () => {
    const { storage } = load(S3)
    expect(storage).toMatchObject({
      kind: 's3',
      s3: { endpoint: 'https://oss-cn-hangzhou.aliyuncs.com', bucket: 'huxin-evidence', region: 'oss-cn-hangzhou', forcePathStyle: false, keyPrefix: '', timeoutMs: 15_000 },
    })
    expect(load({ ...S3, HUXIN_S3_FORCE_PATH_STYLE: 'true', HUXIN_S3_PREFIX: 'huxin/prod/' }).storage).toMatchObject({
      s3: { forcePathStyle: true, keyPrefix: 'huxin/prod/' },
    })
    expect(storageSummary(storage)).toBe('s3 https://oss-cn-hangzhou.aliyuncs.com bucket huxin-evidence')
  })

  it.each([
    [{ HUXIN_STORAGE: 'ftp' }, 'HUXIN_STORAGE'],
    [{ ...S3, HUXIN_S3_BUCKET: '' }, 'HUXIN_S3_BUCKET'],
    [{ ...S3, HUXIN_S3_BUCKET: 'ab' }, 'HUXIN_S3_BUCKET'],
    [{ ...S3, HUXIN_S3_BUCKET: 'Huxin_Evidence' }, 'HUXIN_S3_BUCKET'],
    [{ ...S3, HUXIN_S3_BUCKET: 'x'.repeat(64) }, 'HUXIN_S3_BUCKET'],
    [{ ...S3, HUXIN_S3_ENDPOINT: 'oss-cn-hangzhou.aliyuncs.com' }, 'HUXIN_S3_ENDPOINT'],
    [{ ...S3, HUXIN_S3_ENDPOINT: 'ftp://store.example.cn' }, 'HUXIN_S3_ENDPOINT'],
    [{ ...S3, HUXIN_S3_ENDPOINT: 'https://store.example.cn/huxin-evidence' }, 'HUXIN_S3_ENDPOINT'],
    [{ ...S3, HUXIN_S3_ENDPOINT: `https://key:${SECRET}@store.example.cn` }, 'HUXIN_S3_ENDPOINT'],
    [{ ...S3, HUXIN_S3_REGION: 'Shanghai China' }, 'HUXIN_S3_REGION'],
    [{ ...S3, HUXIN_S3_ACCESS_KEY_ID: '' }, 'HUXIN_S3_ACCESS_KEY_ID'],
    [{ ...S3, HUXIN_S3_SECRET_ACCESS_KEY: '' }, 'HUXIN_S3_SECRET_ACCESS_KEY'],
    [{ ...S3, HUXIN_S3_SECRET_ACCESS_KEY: 'has spaces in it' }, 'HUXIN_S3_SECRET_ACCESS_KEY'],
    [{ ...S3, HUXIN_S3_FORCE_PATH_STYLE: 'maybe' }, 'HUXIN_S3_FORCE_PATH_STYLE'],
    [{ ...S3, HUXIN_S3_PREFIX: '/huxin' }, 'HUXIN_S3_PREFIX'],
    [{ ...S3, HUXIN_S3_TIMEOUT_MS: '5' }, 'HUXIN_S3_TIMEOUT_MS'],
  ])('stops start-up on a bad or missing value, naming it (%#)', (env, variable) => {
    const error = errorOf(env)
    expect(error.variable).toBe(variable)
    expect(error.message).toContain(variable)
    expect(error.message).not.toContain(SECRET)
  })

  it('never prints the secret key, not even a bad one', () => {
    const bad = 'short s3cr3t with spaces'
    expect(errorOf({ ...S3, HUXIN_S3_SECRET_ACCESS_KEY: bad }).message).not.toContain('s3cr3t')
    expect(storageSummary(load(S3).storage)).not.toContain(SECRET)
  })
})
