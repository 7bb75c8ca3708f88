/**
 * Polling of `GET /api/v1/help-points/changes?since=` (the weapp, and browsers without
 * EventSource). The first `since` is a minute back on the phone's clock, which can be wrong; after
 * that the server's `next` is used, so the phone's clock no longer matters. Overlapping answers are
 * fine: changes are applied idempotently.
 */
import { api } from '../api'
import { parseChange } from './help-points'
import { POLL_INTERVAL_MS, type HelpLiveHandlers } from './help-live.types'

export function pollHelpPointChanges(handlers: HelpLiveHandlers, intervalMs = POLL_INTERVAL_MS): () => void {
  let since = new Date(Date.now() - 60_000).toISOString()
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let failed = false

  async function tick() {
    try {
      const answer = await api.helpPointChanges(since)
      if (stopped) return
      since = answer.next
      if (failed) {
        // Offline for a while: more may have changed than the answer holds.
        failed = false
        handlers.onResync()
      }
      for (const item of answer.items) {
        const change = parseChange(item)
        if (change) handlers.onChange(change)
      }
    } catch {
      failed = true
    } finally {
      if (!stopped) timer = setTimeout(() => void tick(), intervalMs)
    }
  }

  timer = setTimeout(() => void tick(), intervalMs)
  return () => {
    stopped = true
    if (timer !== undefined) clearTimeout(timer)
  }
}
