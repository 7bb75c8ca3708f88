/**
 * How long personal data of a finished claim is kept (PIPL Art. 19: no longer than its purpose
 * needs; docs/operations.md, Retention), read with the rest of the configuration (config.ts).
 */
import { integer, type Env } from './config-checks'

export interface RetentionConfig {
  /** Days after a claim was closed (left the open statuses) before its personal data is erased (HUXIN_RETENTION_DAYS). */
  days: number
  /**
   * Hours a stored object no row names is kept before the sweep removes it (HUXIN_STORAGE_SWEEP_GRACE_H,
   * docs/storage.md): an upload or a document's issue stores the bytes before its row commits.
   */
  sweepGraceHours: number
}

/**
 * Three years: past the two years within which a wage violation may still be investigated
 * (劳动保障监察条例 Art. 20), the 60 days for administrative reconsideration and the six months
 * for a lawsuit against the bureau's decision, with room for a case reopened on appeal.
 */
export const DEFAULT_RETENTION_DAYS = 1_095

export const DEFAULT_SWEEP_GRACE_HOURS = 24

export function retentionConfig(env: Env): RetentionConfig {
  return {
    // At least 180 days: a decision can still be challenged in court for six months.
    days: integer(env, 'HUXIN_RETENTION_DAYS', DEFAULT_RETENTION_DAYS, 180, 36_500),
    // At least an hour: far above the longest upload or document issue (request deadline 120 s, store 15 s).
    sweepGraceHours: integer(env, 'HUXIN_STORAGE_SWEEP_GRACE_H', DEFAULT_SWEEP_GRACE_HOURS, 1, 8_760),
  }
}
