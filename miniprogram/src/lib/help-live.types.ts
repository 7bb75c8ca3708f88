/**
 * Live help-point changes: a staff status change reaches every open map page within 5 s.
 * One implementation per platform (STYLE.md):
 * - `help-live.h5.ts`: an EventSource on `GET /api/v1/help-points/stream` (event `help-point`),
 *   reopened after errors; falls back to polling where the browser has no EventSource.
 * - `help-live.weapp.ts`: WeChat has no EventSource: `GET /api/v1/help-points/changes` every 4 s
 *   while the page is shown (the page unsubscribes on hide).
 */
import type { HelpPointEvent } from '../api/help-points-types'

export interface HelpLiveHandlers {
  /** One change, possibly a repeat: apply it idempotently (lib/help-points applyStatusChange). */
  onChange(change: HelpPointEvent): void
  /** Changes may have been missed (reconnected after a gap): reload what is shown. */
  onResync(): void
}

/** Starts listening; the returned function stops it. */
export type SubscribeHelpPointChanges = (handlers: HelpLiveHandlers) => () => void

/** Polling period of the fallback; well within the 5 s promise. */
export const POLL_INTERVAL_MS = 4_000
