/**
 * Housekeeping that keeps the short-lived tables short: idempotency keys (kept at least 24 h,
 * API.md; we keep 7 days), rate-limit events (their longest window is an hour) and spent or
 * expired SMS codes (PIPL Art. 19: kept no longer than needed), the personal data of claims
 * closed longer ago than the retention period (modules/retention), and — in the process that runs
 * the background jobs — the stored objects no row names (docs/storage.md, Sweep).
 */
import type { Database } from './db/client'
import { createUsersRepository } from './modules/auth/index'
import type { BackupFileStore, StoreName } from './modules/backup/index'
import type { IdempotencyRepository } from './modules/claims/index'
import { erasePersonalData, sweepUnreferencedObjects, type SweepDeps, type SweepResult } from './modules/retention/index'

const IDEMPOTENCY_KEY_RETENTION_MS = 7 * 86_400_000
const DAY_MS = 86_400_000

export async function purgeExpired(
  deps: {
    db: Database
    idempotency: IdempotencyRepository
    retention?: { days: number; stores: Record<StoreName, Pick<BackupFileStore, 'remove'>> }
    sweep?: Omit<SweepDeps, 'db' | 'dryRun'>
  },
  now = new Date(),
): Promise<{ sweep?: SweepResult }> {
  const dayAgo = new Date(now.getTime() - DAY_MS)
  const auth = createUsersRepository(deps.db)
  await deps.idempotency.purgeOlderThan(new Date(now.getTime() - IDEMPOTENCY_KEY_RETENTION_MS))
  await auth.purgeRateEvents(dayAgo)
  await auth.purgeSmsCodes(dayAgo)
  // Personal data of claims closed longer ago than HUXIN_RETENTION_DAYS (docs/operations.md, Retention).
  if (deps.retention) {
    await erasePersonalData({ db: deps.db, stores: deps.retention.stores, retentionDays: deps.retention.days }, now)
  }
  // After retention: what it erased is gone already; the sweep finds what no job knew of.
  if (deps.sweep) return { sweep: await sweepUnreferencedObjects({ db: deps.db, ...deps.sweep }, now) }
  return {}
}
