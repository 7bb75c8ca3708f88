/**
 * Where evidence files and generated documents are kept (docs/storage.md), read with the rest of
 * the configuration (config.ts): the data directory (the embedded default) or an S3-compatible
 * object store (MinIO, Aliyun OSS, Tencent COS, AWS S3). The secret key is validated here and
 * passed to the S3 client only; it is never logged.
 */
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ConfigError, type Env } from './config-checks'

export interface S3StorageConfig {
  /** The store's address (HUXIN_S3_ENDPOINT); undefined = AWS S3 of `region`. */
  endpoint: string | undefined
  bucket: string
  region: string
  accessKeyId: string
  secretAccessKey: string
  /** `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key` (MinIO, s3rver). */
  forcePathStyle: boolean
  /** Prepended to every key, so one bucket can hold several installations (`huxin/`). */
  keyPrefix: string
  /** Deadline of one request to the store; past it the request fails and the API answers 503. */
  timeoutMs: number
}

export type StorageConfig =
  | { kind: 'local'; dir: string; spoolDir: string }
  | { kind: 's3'; s3: S3StorageConfig; spoolDir: string }

/** S3's bucket naming rules: 3–63 lowercase letters, digits, dots and hyphens, letter or digit at both ends. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase()
  if (raw === undefined || raw === '') return fallback
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true
  if (['0', 'false', 'off', 'no'].includes(raw)) return false
  throw new ConfigError(name, `must be true or false (got "${raw}")`)
}

function requiredValue(env: Env, name: string): string {
  const raw = env[name]?.trim()
  if (raw === undefined || raw === '') throw new ConfigError(name, 'is required when HUXIN_STORAGE=s3')
  return raw
}

function endpoint(env: Env): string | undefined {
  const name = 'HUXIN_S3_ENDPOINT'
  const raw = env[name]?.trim()
  if (raw === undefined || raw === '') return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    // Echoed only when it cannot hold a credential (user:secret@host).
    throw new ConfigError(name, raw.includes('@') ? 'is not a URL' : `is not a URL (got "${raw}")`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(name, 'must be an http:// or https:// URL')
  if (url.username || url.password) throw new ConfigError(name, 'must not hold credentials (use HUXIN_S3_ACCESS_KEY_ID and HUXIN_S3_SECRET_ACCESS_KEY)')
  if (url.pathname.replace(/\/+$/, '') !== '' || url.search) throw new ConfigError(name, 'must be the store’s origin only, without a path (the bucket is HUXIN_S3_BUCKET)')
  return url.origin
}

export function storageConfig(env: Env, dataDir: string): StorageConfig {
  const kind = env.HUXIN_STORAGE?.trim() || 'local'
  if (kind === 'local') return { kind, dir: dataDir, spoolDir: path.join(dataDir, 'tmp', 'uploads') }
  if (kind !== 's3') throw new ConfigError('HUXIN_STORAGE', `must be one of local, s3 (got "${kind}")`)

  const bucket = requiredValue(env, 'HUXIN_S3_BUCKET')
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..')) {
    throw new ConfigError('HUXIN_S3_BUCKET', `must be 3–63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit (got "${bucket}")`)
  }
  const region = env.HUXIN_S3_REGION?.trim() || 'us-east-1'
  if (!/^[a-z0-9-]{2,40}$/.test(region)) throw new ConfigError('HUXIN_S3_REGION', `must be a region name such as cn-east-1 or ap-shanghai (got "${region}")`)
  const accessKeyId = requiredValue(env, 'HUXIN_S3_ACCESS_KEY_ID')
  if (!/^[\x21-\x7e]{3,128}$/.test(accessKeyId)) throw new ConfigError('HUXIN_S3_ACCESS_KEY_ID', 'must be 3–128 printable characters without spaces')
  const secretAccessKey = requiredValue(env, 'HUXIN_S3_SECRET_ACCESS_KEY')
  // The value is never echoed: a message naming the variable is enough.
  if (!/^[\x21-\x7e]{8,256}$/.test(secretAccessKey)) throw new ConfigError('HUXIN_S3_SECRET_ACCESS_KEY', 'must be 8–256 printable characters without spaces')
  const keyPrefix = env.HUXIN_S3_PREFIX?.trim() ?? ''
  if (keyPrefix !== '' && !/^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)*\/$/.test(keyPrefix)) {
    throw new ConfigError('HUXIN_S3_PREFIX', `must be lowercase path segments ending with "/", such as huxin/ (got "${keyPrefix}")`)
  }
  const timeoutRaw = env.HUXIN_S3_TIMEOUT_MS?.trim()
  if (timeoutRaw && (!/^\d+$/.test(timeoutRaw) || Number(timeoutRaw) < 100 || Number(timeoutRaw) > 600_000)) {
    throw new ConfigError('HUXIN_S3_TIMEOUT_MS', `must be an integer 100–600000 (got "${timeoutRaw}")`)
  }
  return {
    kind,
    s3: {
      endpoint: endpoint(env),
      bucket,
      region,
      accessKeyId,
      secretAccessKey,
      forcePathStyle: flag(env, 'HUXIN_S3_FORCE_PATH_STYLE', false),
      keyPrefix,
      timeoutMs: timeoutRaw ? Number(timeoutRaw) : 15_000,
    },
    // Uploads are received on this machine's disk until accepted; nothing stays there.
    spoolDir: path.join(tmpdir(), 'huxin-uploads'),
  }
}

/** Where the files are, for the start-up log: the directory, or the endpoint and bucket (never a credential). */
export function storageSummary(config: StorageConfig): string {
  if (config.kind === 'local') return `directory ${config.dir}`
  const { endpoint, bucket, region, keyPrefix } = config.s3
  return `s3 ${endpoint ?? `AWS ${region}`} bucket ${bucket}${keyPrefix ? ` prefix ${keyPrefix}` : ''}`
}
