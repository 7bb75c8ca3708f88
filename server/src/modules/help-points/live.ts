import type { ServerResponse } from 'node:http'
import fp from 'fastify-plugin'
import type { HelpPointEvent } from '@huxin/shared'
import { HELP_POINTS_CHANNEL, type HelpPointListRow } from './repository/index'

export interface HelpPointsLive {
  /** Adds an open SSE response; it receives every change until it closes or the app closes. */
  addStream(res: ServerResponse): void
  /** Open SSE streams in this process. */
  streamCount(): number
  /** Runs `listener` on every change (from any process); returns the unsubscribe function. */
  subscribe(listener: (event: HelpPointEvent) => void): () => void
  /** The channels without a location (12333), cached until the next change or 30 s. */
  remoteRows(): Promise<HelpPointListRow[]>
}

declare module 'fastify' {
  interface FastifyInstance {
    helpPointsLive: HelpPointsLive
  }
}

const SSE_HEARTBEAT_MS = 20_000
const REMOTE_CACHE_MS = 30_000

/**
 * The live map: every change to a help point is NOTIFYed inside its transaction
 * (repository/changes.ts, `recordChanges`); each server process LISTENs on one dedicated
 * connection and fans the change out to its own Server-Sent-Events clients. Streams are ended
 * before the server closes, so graceful shutdown is not held up by them.
 */
export default fp(
  async (app) => {
    const streams = new Set<ServerResponse>()
    const listeners = new Set<(event: HelpPointEvent) => void>()
    let remoteCache: { rows: HelpPointListRow[]; until: number } | undefined
    let stopListening: (() => Promise<void>) | undefined
    let heartbeat: NodeJS.Timeout | undefined

    const broadcast = (event: HelpPointEvent) => {
      remoteCache = undefined
      const frame = `event: help-point\ndata: ${JSON.stringify(event)}\n\n`
      for (const res of streams) res.write(frame)
      for (const listener of listeners) listener(event)
    }

    const onNotification = (payload: string) => {
      try {
        broadcast(JSON.parse(payload) as HelpPointEvent)
      } catch (err) {
        app.log.warn({ err }, 'help-point notification not understood')
      }
    }

    const live: HelpPointsLive = {
      addStream(res) {
        streams.add(res)
        res.once('close', () => streams.delete(res))
      },
      streamCount: () => streams.size,
      subscribe(listener) {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
      async remoteRows() {
        if (remoteCache && remoteCache.until > Date.now()) return remoteCache.rows
        const { rows } = await app.repos.helpPoints.remote()
        remoteCache = { rows, until: Date.now() + REMOTE_CACHE_MS }
        return rows
      },
    }
    app.decorate('helpPointsLive', live)

    app.addHook('onReady', async () => {
      try {
        stopListening = await app.database.listen(HELP_POINTS_CHANNEL, onNotification)
      } catch (err) {
        // Without the database the map still works by polling /help-points/changes.
        app.log.warn({ err }, 'help-point changes: LISTEN failed; live updates only by polling')
      }
      heartbeat = setInterval(() => {
        for (const res of streams) res.write(': heartbeat\n\n')
      }, SSE_HEARTBEAT_MS)
      heartbeat.unref()
    })
    app.addHook('preClose', async () => {
      clearInterval(heartbeat)
      for (const res of streams) res.end()
      streams.clear()
    })
    app.addHook('onClose', async () => {
      await stopListening?.()
    })
  },
  { name: 'help-points-live', dependencies: ['database'] },
)
