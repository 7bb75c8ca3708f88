import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config'

const load = (env: Record<string, string>) => loadConfig({ HUXIN_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'huxin-config-')), ...env })

describe('DATABASE_POOL_SIZE (docs/deploy.md: pool sizes against max_connections)', () => {
  it('is 10 unless set, and takes 1–500', () => {
    expect(load({}).databasePoolSize).toBe(10)
    expect(load({ DATABASE_POOL_SIZE: '40' }).databasePoolSize).toBe(40)
  })

  it('refuses a value that is not a whole number in range, naming the variable', () => {
    for (const bad of ['0', '501', 'ten', '-3', '2.5']) {
      expect(() => load({ DATABASE_POOL_SIZE: bad })).toThrow(ConfigError)
      expect(() => load({ DATABASE_POOL_SIZE: bad })).toThrow(/DATABASE_POOL_SIZE/)
    }
  })
})
