/**
 * H5: Server-Sent Events on `GET /api/v1/help-points/stream` (see help-live.types.ts). The browser
 * reconnects by itself after a dropped connection; when it gives up (the server answered an error,
 * readyState CLOSED) a new EventSource is opened after a growing pause. After any gap the page
 * reloads its list (onResync), since events sent meanwhile are gone.
 */
import { parseChange } from './help-points'
import { pollHelpPointChanges } from './help-live-poll'
import type { SubscribeHelpPointChanges } from './help-live.types'

const STREAM_PATH = '/api/v1/help-points/stream'
const MAX_RETRY_MS = 30_000

export const subscribeHelpPointChanges: SubscribeHelpPointChanges = (handlers) => {
  if (typeof EventSource === 'undefined') return pollHelpPointChanges(handlers)
  let source: EventSource | undefined
  let retryMs = 1_000
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  let hadGap = false

  const onEvent = (event: MessageEvent<string>) => {
    const change = parseChange(event.data)
    if (change) handlers.onChange(change)
  }

  function open() {
    if (stopped) return
    const es = new EventSource(`${HUXIN_API_BASE.replace(/\/+$/, '')}${STREAM_PATH}`)
    source = es
    es.addEventListener('help-point', onEvent as EventListener)
    es.onopen = () => {
      retryMs = 1_000
      if (hadGap) {
        hadGap = false
        handlers.onResync()
      }
    }
    es.onerror = () => {
      hadGap = true
      if (es.readyState !== EventSource.CLOSED) return // the browser is reconnecting by itself
      es.close()
      if (stopped) return
      retryTimer = setTimeout(open, retryMs)
      retryMs = Math.min(MAX_RETRY_MS, retryMs * 2)
    }
  }

  open()
  return () => {
    stopped = true
    if (retryTimer !== undefined) clearTimeout(retryTimer)
    source?.close()
  }
}
