/**
 * How long personal data of a finished claim is kept (PIPL Art. 19: no longer than its purpose
 * needs; docs/operations.md, Retention), read with the rest of the configuration (config.ts).
 */
import { ConfigError, type Env } from './config-checks'

export interface RetentionConfig {
  /** Days after a claim was closed (left the open statuses) before its personal data is erased (HUXIN_RETENTION_DAYS). */
  days: number
}

/**
 * Three years: past the two years within which a wage violation may still be investigated
 * (劳动保障监察条例 Art. 20), the 60 days for administrative reconsideration and the six months
 * for a lawsuit against the bureau's decision, with room for a case reopened on appeal.
 */
export const DEFAULT_RETENTION_DAYS = 1_095

export function retentionConfig(env: Env): RetentionConfig {
  const raw = env.HUXIN_RETENTION_DAYS
  if (raw === undefined || raw === '') return { days: DEFAULT_RETENTION_DAYS }
  // At least 180 days: a decision can still be challenged in court for six months.
  if (!/^\d+$/.test(raw) || Number(raw) < 180 || Number(raw) > 36_500) {
    throw new ConfigError('HUXIN_RETENTION_DAYS', `must be a number of days 180–36500 (got "${raw}")`)
  }
  return { days: Number(raw) }
}
