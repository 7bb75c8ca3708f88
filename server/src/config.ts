/**
 * The one module that reads the environment. Everything else receives a typed `Config`.
 * A bad or missing value stops start-up with a message naming the variable.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { checkProductionSecrets, ConfigError, DEV_SIMULATOR_CREDENTIALS, integer, trustedProxies, type Env } from './config-checks'
import { loadOrCreateDevSecrets } from './config-dev-secrets'
import { projectsConfig, type ProjectsConfig } from './config-projects'
import { storageConfig, type StorageConfig } from './config-storage'
import { retentionConfig, type RetentionConfig } from './config-retention'
import { metricsConfig, type MetricsConfig } from './config-metrics'

export { ConfigError, DEV_SIMULATOR_CREDENTIALS, estimatedEntropyBits, trustedProxies } from './config-checks'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

export type HuxinEnv = 'development' | 'test' | 'production'
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'

export interface Config {
  env: HuxinEnv
  host: string
  port: number
  logLevel: LogLevel
  /** Directory of PGlite's data, development secrets and (later) evidence files. */
  dataDir: string
  /** When set, node-postgres against a real server; otherwise embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined
  /** Connections of this process's PostgreSQL pool (DATABASE_POOL_SIZE; docs/deploy.md, max_connections). */
  databasePoolSize: number
  /** Where the production H5 build of the mini-program is served from. */
  h5Dir: string
  migrationsDir: string
  /** Secrets; in development generated once and kept in `dataDir/dev-secrets.json`. */
  jwtSecret: string
  /** 32-byte master key for PII encryption and keyed hashes. */
  piiKey: Buffer
  /**
   * Who may set X-Forwarded-For (HUXIN_TRUSTED_PROXIES): false = nobody (the socket's address is
   * the client's), a list of addresses/CIDRs (proxy-addr semantics, as Fastify's `trustProxy`
   * takes them), or a number of proxy hops in front of the server.
   */
  trustedProxies: false | string[] | number
  /** Whether development affordances (simulators under /__sim) are served. */
  devAffordances: boolean
  /** `npm start` loads the demo help points into a database without any (HUXIN_DEMO_DATA). */
  demoData: boolean
  /** WeChat server API (api.weixin.qq.com in production; the simulator in development). */
  wechat: { baseUrl: string; appId: string; appSecret: string; claimUpdateTemplateId: string }
  /** SMS gateway. */
  sms: { baseUrl: string; apiKey: string; signName: string; templateCode: string; updateTemplateCode: string }
  /** Whether this process drains the notification outbox (`npm start`; off for a pure API node). */
  notificationsWorker: boolean
  /** `npm run worker` started before the API migrated waits this long for the migrations, then exits (HUXIN_WORKER_MIGRATION_WAIT_S). */
  workerMigrationWaitS: number
  /** National wage-arrears platform and the sync engine (docs/national-platform.md). */
  national: NationalConfig
  /** Socket timeouts and load shedding (docs/security.md). */
  http: HttpLimitsConfig
  /** Hosts the H5 app may load images from besides itself (the map's tiles), for the CSP. */
  contentSecurity: { imageHosts: string[] }
  /**
   * Most claims one worker may file in any hour and any 24 hours (HUXIN_FILING_MAX_PER_HOUR,
   * HUXIN_FILING_MAX_PER_DAY; docs/security.md). Replays of a filing do not count.
   */
  filing: { maxPerHour: number; maxPerDay: number }
  /** The bureau's documents (docs/documents.md): its name and the prefix of its numbers (前缀〔年〕N号). */
  documents: { bureauName: string; numberPrefix: string }
  projects: ProjectsConfig // construction projects: deposit deadlines, the sign's H5 address
  storage: StorageConfig // evidence and documents: the data directory or an S3-compatible store (docs/storage.md)
  retention: RetentionConfig // personal data of finished claims: HUXIN_RETENTION_DAYS (docs/operations.md)
  metrics: MetricsConfig // where /metrics is served and who may scrape it (docs/operations.md)
  version: string
}

export interface HttpLimitsConfig {
  /** A client must send a request's headers within this (slowloris). */
  headersTimeoutMs: number
  /** ... and the whole request, body included, within this. */
  requestTimeoutMs: number
  /** A kept-alive socket with no request in flight is closed after this. */
  keepAliveTimeoutMs: number
  /** A socket with no traffic either way is closed after this (above the SSE heartbeat, 20 s). */
  idleTimeoutMs: number
  /** How often Node checks the headers and request deadlines of open sockets. */
  connectionsCheckIntervalMs: number
  /** Requests are shed with 503 while the event loop's mean delay exceeds this (0: never). */
  shedEventLoopDelayMs: number
  /** The Retry-After (seconds) of a shed request. */
  shedRetryAfterS: number
}

export interface NationalConfig {
  baseUrl: string
  appId: string
  appSecret: string
  /** Whether `npm start` runs the sync loop in-process (NATIONAL_SYNC=off to leave it to `npm run worker`). */
  syncInProcess: boolean
  /** Concurrent send loops, rows claimed per loop round, and the per-request deadline. */
  concurrency: number
  batchSize: number
  /** Messages per request to the platform's batch endpoint; 1 = one request per message. */
  sendBatchSize: number
  sendTimeoutMs: number
  /** Attempts before a message is parked as failed; backoff base and cap (full jitter). */
  maxAttempts: number
  backoffBaseMs: number
  backoffCapMs: number
  /** How often dispatched clues are pulled (the webhook brings them sooner). */
  pullIntervalMs: number
  /** The development simulator's clue generator (per minute; 0 = on demand only) and port of `npm run sim:national`. */
  simCluesPerMinute: number
  simPort: number
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${raw}")`)
  }
  return raw as T
}

function port(env: Env, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw) || Number(raw) > 65_535) {
    throw new ConfigError(name, `must be a port number 0–65535 (got "${raw}")`)
  }
  return Number(raw)
}

function databaseUrl(env: Env): string | undefined {
  const raw = env.DATABASE_URL
  if (raw === undefined || raw === '') return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigError('DATABASE_URL', 'is not a URL (expected postgres://user@host:port/db)')
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', `must start with postgres:// (got "${url.protocol}//")`)
  }
  return raw
}

function httpUrl(env: Env, name: string): string | undefined {
  const raw = env[name]
  if (raw === undefined || raw === '') return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigError(name, `is not a URL (got "${raw}")`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, 'must be an http:// or https:// URL')
  }
  return raw.replace(/\/+$/, '')
}

function required<T>(value: T | undefined, name: string, production: boolean, devDefault: T): T {
  if (value !== undefined) return value
  if (production) throw new ConfigError(name, 'is required when HUXIN_ENV=production')
  return devDefault
}

function httpLimits(env: Env, huxinEnv: HuxinEnv): HttpLimitsConfig {
  const headersTimeoutMs = integer(env, 'HUXIN_HEADERS_TIMEOUT_MS', 10_000, 100, 600_000)
  const requestTimeoutMs = integer(env, 'HUXIN_REQUEST_TIMEOUT_MS', 120_000, 100, 3_600_000)
  // Node refuses to create a server whose headers deadline is after its request deadline.
  if (requestTimeoutMs < headersTimeoutMs) {
    throw new ConfigError('HUXIN_REQUEST_TIMEOUT_MS', `must be at least HUXIN_HEADERS_TIMEOUT_MS (${headersTimeoutMs})`)
  }
  return {
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: integer(env, 'HUXIN_KEEPALIVE_TIMEOUT_MS', 5_000, 100, 600_000),
    idleTimeoutMs: integer(env, 'HUXIN_IDLE_TIMEOUT_MS', 30_000, 100, 3_600_000),
    // A deadline is noticed at most this late; a quarter of the shortest keeps it close.
    connectionsCheckIntervalMs: Math.max(50, Math.min(1_000, Math.floor(headersTimeoutMs / 4))),
    // Off by default under test: a busy CI machine must not turn a slow test into a 503.
    shedEventLoopDelayMs: integer(env, 'HUXIN_SHED_EVENT_LOOP_DELAY_MS', huxinEnv === 'test' ? 0 : 1_000, 0, 60_000),
    shedRetryAfterS: integer(env, 'HUXIN_SHED_RETRY_AFTER_S', 10, 1, 3_600),
  }
}

/**
 * The hosts of the H5 map's tiles, from the same build-time variables the mini-program's Taro
 * configuration reads (miniprogram/config/index.ts `mapTiles`), plus HUXIN_CSP_IMG_HOSTS.
 */
function imageHosts(env: Env): string[] {
  const hosts = new Set<string>()
  const tileUrl = env.HUXIN_MAP_TILE_URL?.trim()
  if (tileUrl && tileUrl !== 'none') {
    let url: URL
    try {
      url = new URL(tileUrl.replace(/\{[a-z]\}/g, 'a'))
    } catch {
      throw new ConfigError('HUXIN_MAP_TILE_URL', `is not a tile URL template (got "${tileUrl}")`)
    }
    // {s} subdomains: allow every subdomain of the template's parent domain.
    hosts.add(tileUrl.includes('{s}') ? `${url.protocol}//*.${url.host.split('.').slice(1).join('.')}` : url.origin)
  } else if (!tileUrl && env.HUXIN_TIANDITU_KEY?.trim()) {
    hosts.add('https://*.tianditu.gov.cn')
  } else if (!tileUrl) {
    hosts.add('https://tile.openstreetmap.org')
  }
  for (const raw of (env.HUXIN_CSP_IMG_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean)) {
    if (!/^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d+)?$/i.test(raw)) {
      throw new ConfigError('HUXIN_CSP_IMG_HOSTS', `must be a comma-separated list of origins such as https://tiles.example.cn (got "${raw}")`)
    }
    hosts.add(raw)
  }
  return [...hosts]
}

/** A short printable text, e.g. a name printed on documents (no control characters, no 〔〕). */
function text(env: Env, name: string, fallback: string, maxLength: number): string {
  const raw = env[name]?.trim()
  if (raw === undefined || raw === '') return fallback
  // eslint-disable-next-line no-control-regex
  if (raw.length > maxLength || /[\u0000-\u001f〔〕]/.test(raw)) {
    throw new ConfigError(name, `must be at most ${maxLength} printable characters without 〔〕 (got "${raw}")`)
  }
  return raw
}

function secret(env: Env, name: string, minBytes: number): string | undefined {
  const raw = env[name]
  if (raw === undefined || raw === '') return undefined
  if (Buffer.byteLength(raw) < minBytes) {
    throw new ConfigError(name, `must be at least ${minBytes} characters long`)
  }
  return raw
}

function piiKey(raw: string | undefined, name: string): Buffer | undefined {
  if (raw === undefined || raw === '') return undefined
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64')
  if (key.length !== 32) {
    throw new ConfigError(name, 'must be 32 bytes, as 64 hex digits or base64')
  }
  return key
}

export function loadConfig(env: Env = process.env): Config {
  const huxinEnv = oneOf(env, 'HUXIN_ENV', ['development', 'test', 'production'], 'development')
  const production = huxinEnv === 'production'
  const dataDir = path.resolve(env.HUXIN_DATA_DIR || path.join(REPO_ROOT, 'data'))

  let jwtSecret = secret(env, 'HUXIN_JWT_SECRET', 32)
  let key = piiKey(env.HUXIN_PII_KEY, 'HUXIN_PII_KEY')
  if (production) {
    if (jwtSecret === undefined) throw new ConfigError('HUXIN_JWT_SECRET', 'is required when HUXIN_ENV=production')
    if (key === undefined) throw new ConfigError('HUXIN_PII_KEY', 'is required when HUXIN_ENV=production')
  } else if (jwtSecret === undefined || key === undefined) {
    const dev = loadOrCreateDevSecrets(dataDir)
    jwtSecret ??= dev.jwtSecret
    key ??= piiKey(dev.piiKey, `${dataDir}/dev-secrets.json piiKey`)
  }
  if (key === undefined) throw new ConfigError('HUXIN_PII_KEY', 'could not be loaded')

  const listenPort = port(env, 'PORT', 3000)
  // In development the simulators are served by this same server under /__sim, and the adapters
  // reach them over HTTP exactly as they would the real services.
  const self = `http://127.0.0.1:${listenPort}`
  const wechat = {
    baseUrl: required(httpUrl(env, 'WECHAT_API_BASE'), 'WECHAT_API_BASE', production, `${self}/__sim/wechat`),
    appId: required(env.WECHAT_APP_ID || undefined, 'WECHAT_APP_ID', production, DEV_SIMULATOR_CREDENTIALS.wechatAppId),
    appSecret: required(env.WECHAT_APP_SECRET || undefined, 'WECHAT_APP_SECRET', production, DEV_SIMULATOR_CREDENTIALS.wechatAppSecret),
    // The subscription-message template of claim updates, chosen in the mini-program's admin
    // console (WECHAT.md); the mini-program asks the worker to subscribe to the same id.
    claimUpdateTemplateId: required(
      env.WECHAT_CLAIM_UPDATE_TEMPLATE_ID || undefined,
      'WECHAT_CLAIM_UPDATE_TEMPLATE_ID',
      production,
      DEV_SIMULATOR_CREDENTIALS.wechatClaimUpdateTemplateId,
    ),
  }
  const sms = {
    baseUrl: required(httpUrl(env, 'SMS_API_BASE'), 'SMS_API_BASE', production, `${self}/__sim/sms`),
    apiKey: required(env.SMS_API_KEY || undefined, 'SMS_API_KEY', production, DEV_SIMULATOR_CREDENTIALS.smsApiKey),
    signName: env.SMS_SIGN_NAME || '护薪',
    templateCode: env.SMS_TEMPLATE_CODE || 'SMS_100000001',
    updateTemplateCode: env.SMS_UPDATE_TEMPLATE_CODE || 'SMS_100000002',
  }

  const national: NationalConfig = {
    baseUrl: required(httpUrl(env, 'NATIONAL_API_BASE'), 'NATIONAL_API_BASE', production, `${self}/__sim/national`),
    appId: required(env.NATIONAL_APP_ID || undefined, 'NATIONAL_APP_ID', production, DEV_SIMULATOR_CREDENTIALS.nationalAppId),
    appSecret: required(secret(env, 'NATIONAL_APP_SECRET', 16), 'NATIONAL_APP_SECRET', production, DEV_SIMULATOR_CREDENTIALS.nationalAppSecret),
    syncInProcess: oneOf(env, 'NATIONAL_SYNC', ['on', 'off'], 'on') === 'on',
    concurrency: integer(env, 'NATIONAL_SYNC_CONCURRENCY', 4, 1, 256),
    batchSize: integer(env, 'NATIONAL_SYNC_BATCH', 100, 1, 5_000),
    sendBatchSize: integer(env, 'NATIONAL_SEND_BATCH', 25, 1, 500),
    sendTimeoutMs: integer(env, 'NATIONAL_SEND_TIMEOUT_MS', 10_000, 100, 600_000),
    maxAttempts: integer(env, 'NATIONAL_MAX_ATTEMPTS', 20, 1, 1_000),
    backoffBaseMs: integer(env, 'NATIONAL_BACKOFF_BASE_MS', 1_000, 1, 3_600_000),
    backoffCapMs: integer(env, 'NATIONAL_BACKOFF_CAP_MS', 300_000, 1, 86_400_000),
    pullIntervalMs: integer(env, 'NATIONAL_PULL_INTERVAL_MS', 60_000, 100, 86_400_000),
    simCluesPerMinute: integer(env, 'NATIONAL_SIM_CLUES_PER_MINUTE', 0, 0, 60_000),
    simPort: port(env, 'NATIONAL_SIM_PORT', 3400),
  }

  if (production) {
    checkProductionSecrets(
      {
        HUXIN_JWT_SECRET: jwtSecret,
        WECHAT_APP_ID: wechat.appId,
        WECHAT_APP_SECRET: wechat.appSecret,
        WECHAT_CLAIM_UPDATE_TEMPLATE_ID: wechat.claimUpdateTemplateId,
        SMS_API_KEY: sms.apiKey,
        NATIONAL_APP_ID: national.appId,
        NATIONAL_APP_SECRET: national.appSecret,
      },
      key,
    )
  }

  return {
    env: huxinEnv,
    host: env.HOST || '127.0.0.1',
    port: listenPort,
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], huxinEnv === 'test' ? 'silent' : 'info'),
    dataDir,
    databaseUrl: databaseUrl(env),
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 500),
    h5Dir: path.resolve(env.HUXIN_H5_DIR || path.join(REPO_ROOT, 'miniprogram', 'dist', 'h5')),
    migrationsDir: path.join(REPO_ROOT, 'migrations'),
    jwtSecret,
    piiKey: key,
    trustedProxies: trustedProxies(env),
    devAffordances: !production,
    demoData: oneOf(env, 'HUXIN_DEMO_DATA', ['0', '1'], production ? '0' : '1') === '1',
    wechat,
    sms,
    notificationsWorker: oneOf(env, 'HUXIN_NOTIFICATIONS_WORKER', ['on', 'off'], 'on') === 'on',
    workerMigrationWaitS: integer(env, 'HUXIN_WORKER_MIGRATION_WAIT_S', 600, 0, 86_400),
    national,
    http: httpLimits(env, huxinEnv),
    contentSecurity: { imageHosts: imageHosts(env) },
    filing: {
      maxPerHour: integer(env, 'HUXIN_FILING_MAX_PER_HOUR', 10, 1, 1_000_000_000),
      maxPerDay: integer(env, 'HUXIN_FILING_MAX_PER_DAY', 30, 1, 1_000_000_000),
    },
    documents: {
      bureauName: text(env, 'HUXIN_BUREAU_NAME', '常州经济开发区社会保障局', 60),
      numberPrefix: text(env, 'HUXIN_DOCUMENT_PREFIX', '常经开人社监', 30),
    },
    projects: projectsConfig(env, self),
    storage: storageConfig(env, dataDir),
    retention: retentionConfig(env),
    metrics: metricsConfig(env),
    version: readVersion(),
  }
}

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version?: string }
  return pkg.version ?? '0.0.0'
}

/** The configuration of a process entry point (server, worker, CLI): a bad value ends the process with its message. */
export function loadConfigOrExit(env: Env = process.env): Config {
  try {
    return loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(1)
    }
    throw error
  }
}
