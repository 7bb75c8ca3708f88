/**
 * The daily reconciliation: the platform's view of every clue compared with ours. Claims with
 * messages still on their way are not compared; whatever else differs is reported (and the
 * report kept as the engine's state), never corrected on its own.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { NationalPort } from './adapter'
import type { EngineLog } from './engine-options'
import { mapStatusToProgress, type PlatformClueView } from './protocol'
import type { NationalSyncRepository } from './repository/index'

export interface Mismatch {
  kind: 'missing_on_platform' | 'missing_locally' | 'progress_differs' | 'unknown_locally'
  clueId: string
  claimId: string | null
  local: string | null
  platform: string | null
}

export interface ReconciliationReport {
  checkedAt: string
  platformClues: number
  localClues: number
  /** Claims with messages still on their way: not compared. */
  inFlight: number
  mismatches: Mismatch[]
}

export interface ReconcilerDeps {
  repository: NationalSyncRepository
  port: NationalPort
  log: EngineLog
}

export function createReconciler(deps: ReconcilerDeps) {
  const { repository, port, log } = deps

  /** Compares the platform's view of every clue with ours and stores the report. */
  async function reconcile(): Promise<ReconciliationReport> {
    const platform = new Map<string, PlatformClueView>()
    let cursor: string | undefined
    do {
      const page = await port.listClues({ ...(cursor === undefined ? {} : { cursor }), limit: 1000 })
      for (const item of page.items) platform.set(item.clueId, item)
      cursor = page.nextCursor ?? undefined
    } while (cursor !== undefined)

    const local = await repository.claimsWithClues()
    const received = await repository.receivedClueIds()

    const mismatches: Mismatch[] = []
    const knownClues = new Set<string>()
    let inFlight = 0
    for (const row of local) {
      knownClues.add(row.clueId)
      if (row.inFlight) {
        inFlight++
        continue
      }
      const seen = platform.get(row.clueId)
      if (!seen) {
        mismatches.push({ kind: 'missing_on_platform', clueId: row.clueId, claimId: row.claimId, local: row.status, platform: null })
        continue
      }
      const expected = row.resultSent ? 'CLOSED' : mapStatusToProgress(row.status)
      const actual = seen.progress ?? 'RECEIVED'
      if (expected !== actual) mismatches.push({ kind: 'progress_differs', clueId: row.clueId, claimId: row.claimId, local: expected, platform: actual })
    }
    for (const clueId of received) knownClues.add(clueId)
    for (const clue of platform.values()) {
      if (knownClues.has(clue.clueId)) continue
      mismatches.push({
        kind: clue.origin === 'dispatched' ? 'missing_locally' : 'unknown_locally',
        clueId: clue.clueId,
        claimId: clue.localClaimId,
        local: null,
        platform: clue.progress,
      })
    }
    const report: ReconciliationReport = {
      checkedAt: new Date().toISOString(),
      platformClues: platform.size,
      localClues: knownClues.size,
      inFlight,
      mismatches,
    }
    await repository.writeState('lastReconciliation', report)
    return report
  }

  async function reconcileLoop(signal: AbortSignal, everyMs: number): Promise<void> {
    while (!signal.aborted) {
      try {
        await sleep(everyMs, undefined, { signal })
      } catch {
        return
      }
      try {
        const report = await reconcile()
        if (report.mismatches.length > 0) log.warn({ mismatches: report.mismatches.length }, 'national reconciliation found mismatches')
      } catch (error) {
        log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'national reconciliation failed')
      }
    }
  }

  return { reconcile, reconcileLoop }
}
