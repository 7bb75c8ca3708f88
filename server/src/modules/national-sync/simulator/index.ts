/**
 * A stand-in for the national wage-arrears platform (全国根治欠薪线索反映平台), speaking the protocol
 * of docs/national-platform.md over real HTTP, with its own in-memory store. Mounted under
 * `/__sim/national` in development; `npm run sim:national` runs it on its own.
 *
 * Protocol (platform.ts; every request signed, see signing.ts; every answer signed back):
 * - `GET  /v1/clues/dispatched?cursor=&limit=` — clues dispatched to the bureau, in dispatch order.
 * - `POST /v1/clues/:clueId/ack` · `POST /v1/clues` (register) · `POST /v1/clues/:clueId/progress`
 *   · `POST /v1/clues/:clueId/result` — each carries a `messageId`; a repeat gets the first answer.
 * - `GET  /v1/clues?updatedSince=&cursor=&limit=` — the platform's view, for reconciliation.
 * - `POST /v1/messages/batch` — up to 500 of those messages in one request, one answer each.
 *
 * Control (control.ts; unsigned, for tests and developers), under `/__control`:
 * - `POST /faults` `{ errorRate?, latencyMs?, hang?, duplicateRate?, outOfOrder?, outage? }` replaces
 *   the switches: 503 for a share of requests; a delay before every answer; never answering; doing
 *   the work and then answering 503 (so the caller's retry is a duplicate delivery), and delivering
 *   pulled/pushed clues twice; shuffling pulled pages and pushes; dropping every connection.
 * - `POST /outage` `{ on }` · `POST /dispatch` `{ count?, clues? }` · `POST /generator` `{ perMinute }`
 *   · `POST /webhook` `{ url }` · `POST /reset`.
 * - `GET /messages?localClaimId=` — accepted messages in the order first accepted, with how many
 *   times each was delivered; `GET /clues` — the platform's store; `POST /clues/:clueId/override`
 *   changes the platform's view of a clue (to provoke reconciliation mismatches).
 */
import { randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { redactQueriesInLogs } from '../../../lib/simulator-kit'
import type { DispatchedClue } from '../protocol'
import { createMemoryNonceStore, signMessage } from '../signing'
import type { NationalSimulatorOptions, SimulatorContext } from './context'
import { controlRoutes } from './control'
import { noFaults } from './faults'
import { platformRoutes } from './platform'
import { createPlatformStore, dispatchClues, shuffle } from './store'

export type { NationalSimulatorOptions } from './context'

export const nationalSimulator: FastifyPluginAsyncTypebox<NationalSimulatorOptions> = async (app, options) => {
  const closing = new AbortController()
  let generator: NodeJS.Timeout | undefined

  /** Pushes one clue to the webhook; a push that fails is left to the pull. */
  async function push(clue: DispatchedClue) {
    const url = sim.webhookUrl
    if (url === undefined) return
    const body = JSON.stringify({ messageId: randomUUID(), sentAt: new Date().toISOString(), clues: [clue] })
    const path = new URL(url).pathname + new URL(url).search
    sim.store.pushStats.attempted++
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signMessage({ appId: options.appId, secret: options.appSecret, method: 'POST', path, body }),
        },
        body,
        signal: AbortSignal.any([closing.signal, AbortSignal.timeout(10_000)]),
      })
      await response.text()
      if (response.ok) sim.store.pushStats.delivered++
      else sim.store.pushStats.failed++
    } catch {
      // Pull is the safety net: whatever a push missed, the next pull brings.
      sim.store.pushStats.failed++
    }
  }

  const sim: SimulatorContext = {
    options,
    faults: noFaults(),
    nonces: createMemoryNonceStore(),
    webhookUrl: options.webhookUrl,
    store: createPlatformStore(),
    closing: closing.signal,
    dispatch(overrides) {
      const made = dispatchClues(sim.store, overrides)
      if (sim.webhookUrl !== undefined) {
        // The switches as they are now decide these pushes, whatever they are by the time they go.
        const { faults } = sim
        const order = faults.outOfOrder ? shuffle([...made]) : made
        const deliveries = order.flatMap((clue) => (faults.duplicateRate > 0 && Math.random() < faults.duplicateRate ? [clue, clue] : [clue]))
        void (async () => {
          for (const clue of deliveries) await push(clue)
        })()
      }
      return made
    },
    setGenerator(perMinute) {
      if (generator) clearInterval(generator)
      generator = undefined
      if (perMinute > 0) {
        generator = setInterval(() => sim.dispatch([{}]), Math.max(10, Math.round(60_000 / perMinute)))
        generator.unref()
      }
    },
    reset() {
      sim.faults = noFaults()
      sim.nonces = createMemoryNonceStore()
      sim.store = createPlatformStore()
      sim.webhookUrl = options.webhookUrl
      sim.setGenerator(options.cluesPerMinute ?? 0)
    },
  }
  sim.setGenerator(options.cluesPerMinute ?? 0)

  redactQueriesInLogs(app)
  app.addHook('preClose', (done) => {
    closing.abort()
    if (generator) clearInterval(generator)
    done()
  })

  await app.register(controlRoutes(sim), { prefix: '/__control' })
  await app.register(platformRoutes(sim))
}
