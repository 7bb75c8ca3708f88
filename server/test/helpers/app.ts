import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Writable } from 'node:stream'
import { afterAll, beforeAll } from 'vitest'
import { buildApp, type App } from '../../src/app'
import { loggerOptions } from '../../src/lib/log'
import { DEV_SIMULATOR_CREDENTIALS, loadConfig, type Config } from '../../src/config'
import { startSimulatorServer, type SimulatorServer } from '../../src/simulators'
import type { DatabaseKind } from '../../src/db/client'
import { createTestDatabase, type TestDatabase } from './database'

export const TEST_ENV = {
  HUXIN_ENV: 'test',
  HUXIN_JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
  HUXIN_PII_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
  // Many tests file dozens of claims as one worker; the filing limits' own tests set theirs.
  HUXIN_FILING_MAX_PER_HOUR: '100000',
  HUXIN_FILING_MAX_PER_DAY: '100000',
} as const

export function testConfig(overrides: Record<string, string> = {}): Config {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'huxin-test-'))
  return loadConfig({ ...TEST_ENV, HUXIN_DATA_DIR: dataDir, HUXIN_H5_DIR: path.join(dataDir, 'no-h5'), ...overrides })
}

export interface TestApp {
  app: App
  database: TestDatabase
  config: Config
  /** Every log line the app wrote, for tests that check what never reaches the logs. */
  logs: string[]
  /** The WeChat and SMS simulators, on their own port, which the app's adapters call over HTTP. */
  simulators: SimulatorServer
  close(): Promise<void>
}

export async function buildTestApp(kind: DatabaseKind, env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase(kind)
  const simulators = await startSimulatorServer({
    wechat: { appId: DEV_SIMULATOR_CREDENTIALS.wechatAppId, appSecret: DEV_SIMULATOR_CREDENTIALS.wechatAppSecret },
    sms: { apiKey: DEV_SIMULATOR_CREDENTIALS.smsApiKey },
    national: { appId: DEV_SIMULATOR_CREDENTIALS.nationalAppId, appSecret: DEV_SIMULATOR_CREDENTIALS.nationalAppSecret },
  })
  const config = testConfig({
    WECHAT_API_BASE: simulators.wechatBaseUrl,
    SMS_API_BASE: simulators.smsBaseUrl,
    NATIONAL_API_BASE: simulators.nationalBaseUrl,
    ...env,
  })
  const logs: string[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'))
      done()
    },
  })
  const app = await buildApp({
    config,
    database: database.handle,
    logger: loggerOptions('trace', stream),
  })
  await app.ready()
  return {
    app,
    database,
    config,
    logs,
    simulators,
    async close() {
      await app.close()
      await simulators.close()
      await database.destroy()
    },
  }
}

/**
 * The app of one `describe` block: built before its tests (the returned object is filled in
 * then), closed after them. Call it where the block declares its state.
 */
export function useTestApp(kind: DatabaseKind, env: Record<string, string> = {}): TestApp {
  const t = {} as TestApp
  beforeAll(async () => {
    Object.assign(t, await buildTestApp(kind, env))
  })
  afterAll(async () => {
    await t.close?.()
  })
  return t
}
