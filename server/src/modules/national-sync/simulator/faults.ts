/**
 * The simulated platform's failure switches (STYLE.md, convention 6), richer than the other
 * simulators' (lib/simulator-kit.ts): an outage that drops every connection, requests that hang,
 * answers lost after the work was done, and clues delivered twice or out of order.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance } from 'fastify'
import Type from 'typebox'

export interface NationalFaults {
  errorRate: number
  latencyMs: number
  hang: boolean
  duplicateRate: number
  outOfOrder: boolean
  outage: boolean
}

export const noFaults = (): NationalFaults => ({ errorRate: 0, latencyMs: 0, hang: false, duplicateRate: 0, outOfOrder: false, outage: false })

export const FaultsBody = Type.Object(
  {
    errorRate: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    latencyMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 120_000 })),
    hang: Type.Optional(Type.Boolean()),
    duplicateRate: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    outOfOrder: Type.Optional(Type.Boolean()),
    outage: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

export const busyAnswer = { code: 'SERVICE_UNAVAILABLE', message: '平台繁忙，请稍后重试' } as const

/**
 * Applies the switches to every protocol request of `platform` before it is read: the outage and
 * `hang` leave it unanswered, `latencyMs` delays it, `errorRate` answers busy. Closing the server
 * (`closing`) cuts every wait short.
 */
export function applyNationalFaults(platform: FastifyInstance, faults: () => NationalFaults, closing: AbortSignal) {
  platform.addHook('onRequest', async (request, reply) => {
    if (faults().outage) {
      reply.hijack()
      request.raw.socket.destroy()
      return reply
    }
    if (faults().hang) {
      // Never answers: the caller's timeout is what ends it (or the server closing).
      try {
        await sleep(3_600_000, undefined, { signal: closing })
      } catch {
        // closing
      }
      reply.hijack()
      request.raw.socket.destroy()
      return reply
    }
    const { latencyMs } = faults()
    if (latencyMs > 0) {
      try {
        await sleep(latencyMs, undefined, { signal: closing })
      } catch {
        reply.hijack()
        request.raw.socket.destroy()
        return reply
      }
      if (request.raw.socket.destroyed) {
        reply.hijack()
        return reply
      }
    }
    // Read again: the switches may have changed during the wait.
    const { errorRate } = faults()
    if (errorRate > 0 && Math.random() < errorRate) {
      return reply.status(503).send(busyAnswer)
    }
  })
}
