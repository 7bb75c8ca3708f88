/**
 * The pull side of the sync engine: pages through the clues dispatched to the bureau from the
 * saved cursor, receiving each into the inbox. The push (webhook) brings the same clues sooner;
 * the pull is the safety net, and a clue brought by both is received once.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { NationalPort } from './adapter'
import type { EngineLog, SyncEngineOptions } from './engine-options'
import { InvalidClueError, type ReceivedClue } from './inbox'
import type { DispatchedClue } from './protocol'
import type { NationalSyncRepository } from './repository/index'

export interface PullerDeps {
  repository: NationalSyncRepository
  port: NationalPort
  log: EngineLog
  receive(clue: DispatchedClue, via: 'pull' | 'webhook'): Promise<ReceivedClue>
}

export function createPuller(deps: PullerDeps, options: SyncEngineOptions) {
  const { repository, port, log } = deps

  /** Pulls every page there is; returns how many clues came. */
  async function pullOnce(): Promise<number> {
    let cursor = await repository.readState<string>('pullCursor')
    let total = 0
    for (;;) {
      const page = await port.pullDispatched(cursor, options.pullLimit ?? 100)
      for (const clue of page.items) {
        try {
          await deps.receive(clue, 'pull')
        } catch (error) {
          // One bad clue must not hold up the rest; it stays unacknowledged, which reconciliation shows.
          if (error instanceof InvalidClueError) log.warn({ field: error.field }, 'dispatched clue refused')
          else throw error
        }
      }
      total += page.items.length
      // Saved only once the page is stored: a crash before this repeats the page, which is harmless.
      cursor = page.nextCursor
      await repository.writeState('pullCursor', cursor)
      if (!page.hasMore || page.items.length === 0) break
    }
    await repository.writeState('lastPullAt', new Date().toISOString())
    return total
  }

  async function pullLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await pullOnce()
      } catch (error) {
        log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'national pull failed')
      }
      try {
        await sleep(options.pullIntervalMs, undefined, { signal })
      } catch {
        return
      }
    }
  }

  return { pullOnce, pullLoop }
}
