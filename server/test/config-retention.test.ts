import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config'
import { DEFAULT_RETENTION_DAYS, DEFAULT_SWEEP_GRACE_HOURS } from '../src/config-retention'
import { TEST_ENV } from './helpers/app'

describe('HUXIN_RETENTION_DAYS', () => {
  const load = (value?: string) => loadConfig({ ...TEST_ENV, HUXIN_DATA_DIR: '/nonexistent-huxin', ...(value === undefined ? {} : { HUXIN_RETENTION_DAYS: value }) })

  it('defaults to three years and takes a number of days', () => {
    expect(DEFAULT_RETENTION_DAYS).toBe(1_095)
    expect(load().retention.days).toBe(1_095)
    expect(load('').retention.days).toBe(1_095)
    expect(load('730').retention.days).toBe(730)
  })

  it('stops start-up on a bad value, naming the variable', () => {
    for (const bad of ['0', '179', '36501', '3y', '-5', '1e3', '365.5']) {
      expect(() => load(bad), bad).toThrow(ConfigError)
      expect(() => load(bad), bad).toThrow(/HUXIN_RETENTION_DAYS/)
    }
  })
})

describe('HUXIN_STORAGE_SWEEP_GRACE_H', () => {
  const load = (value?: string) =>
    loadConfig({ ...TEST_ENV, HUXIN_DATA_DIR: '/nonexistent-huxin', ...(value === undefined ? {} : { HUXIN_STORAGE_SWEEP_GRACE_H: value }) })

  it('defaults to a day and takes a number of hours', () => {
    expect(DEFAULT_SWEEP_GRACE_HOURS).toBe(24)
    expect(load().retention.sweepGraceHours).toBe(24)
    expect(load('').retention.sweepGraceHours).toBe(24)
    expect(load('1').retention.sweepGraceHours).toBe(1)
    expect(load('168').retention.sweepGraceHours).toBe(168)
  })

  it('stops start-up on a bad value, naming the variable', () => {
    for (const bad of ['0', '8761', '1.5', '24h', '-1']) {
      expect(() => load(bad), bad).toThrow(ConfigError)
      expect(() => load(bad), bad).toThrow(/HUXIN_STORAGE_SWEEP_GRACE_H/)
    }
  })
})
