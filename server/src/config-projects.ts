/**
 * The construction projects' settings (docs/projects.md), read with the rest of the configuration
 * (config.ts): the deposit's deadlines in working days and where the H5 app is served for the
 * site sign's QR code.
 */
import { ConfigError, type Env } from './config-checks'

export interface ProjectsConfig {
  /** Working days from the construction permit by which the deposit must be stored (HUXIN_DEPOSIT_DUE_WORKING_DAYS). */
  depositDueWorkingDays: number
  /** Working days after a draw by which the deposit must be topped up (HUXIN_DEPOSIT_TOPUP_WORKING_DAYS). */
  topUpWorkingDays: number
  /** The H5 app's public address, without a trailing slash (HUXIN_H5_BASE_URL). */
  h5BaseUrl: string
}

export const DEFAULT_DEPOSIT_DUE_WORKING_DAYS = 20
export const DEFAULT_TOP_UP_WORKING_DAYS = 10

function workingDays(env: Env, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 250) throw new ConfigError(name, `must be an integer 1–250 (got "${raw}")`)
  return Number(raw)
}

export function projectsConfig(env: Env, self: string): ProjectsConfig {
  const base = env.HUXIN_H5_BASE_URL || self
  let url: URL
  try {
    url = new URL(base)
  } catch {
    throw new ConfigError('HUXIN_H5_BASE_URL', `is not a URL (got "${base}")`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError('HUXIN_H5_BASE_URL', 'must be an http(s) URL')
  return {
    depositDueWorkingDays: workingDays(env, 'HUXIN_DEPOSIT_DUE_WORKING_DAYS', DEFAULT_DEPOSIT_DUE_WORKING_DAYS),
    topUpWorkingDays: workingDays(env, 'HUXIN_DEPOSIT_TOPUP_WORKING_DAYS', DEFAULT_TOP_UP_WORKING_DAYS),
    h5BaseUrl: base.replace(/\/+$/, ''),
  }
}
