/**
 * What the simulators of outside systems share: the failure switches (STYLE.md, convention 6) and
 * request logs that keep query strings out — WeChat's protocol puts the AppSecret and access
 * tokens in the query, and the read-back routes take phone numbers there.
 */
import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import Type, { type Static } from 'typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

export const FaultsBody = Type.Object(
  {
    errorRate: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Share of requests answered with the service’s busy error' })),
    latencyMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 120_000, description: 'Delay before every answer' })),
    dropConnection: Type.Optional(Type.Boolean({ description: 'Close the connection without answering' })),
    dropResponse: Type.Optional(
      Type.Boolean({ description: 'Do the work (send, record), then close the connection instead of answering: a retry duplicates it' }),
    ),
  },
  { additionalProperties: false },
)
export type FaultsBody = Static<typeof FaultsBody>

export interface Faults {
  errorRate: number
  latencyMs: number
  dropConnection: boolean
  dropResponse: boolean
}

export const noFaults = (): Faults => ({ errorRate: 0, latencyMs: 0, dropConnection: false, dropResponse: false })

export const faultsFrom = (body: FaultsBody): Faults => ({
  errorRate: body.errorRate ?? 0,
  latencyMs: body.latencyMs ?? 0,
  dropConnection: body.dropConnection ?? false,
  dropResponse: body.dropResponse ?? false,
})

/** The request line without its query string. */
const REDACTED_REQUEST_LOG = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: request.url.includes('?') ? `${request.url.split('?')[0] ?? ''}?[redacted]` : request.url,
    remoteAddress: request.ip,
  }),
}

/** Request logs of every route registered in `app` (and its children) leave the query out. */
export function redactQueriesInLogs(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    route.logSerializers = { ...route.logSerializers, ...REDACTED_REQUEST_LOG }
  })
}

function dropConnection(request: FastifyRequest, reply: FastifyReply) {
  reply.hijack()
  request.raw.socket.destroy()
}

/**
 * Applies the switches to a protocol route: waits `latencyMs`, then drops the connection, or lets
 * `busy(reply)` answer for a share `errorRate` of requests; with `dropResponse` the route does its
 * work and the answer is lost, the case that makes a caller's retry a duplicate. Closing the
 * server cuts the waits short, so a long latency never holds a shutdown.
 */
export function applyFaults(app: FastifyInstance, faults: () => Faults, busy: (reply: FastifyReply) => FastifyReply) {
  const closing = new AbortController()
  app.addHook('preClose', (done) => {
    closing.abort()
    done()
  })
  app.addHook('onRequest', async (request, reply) => {
    const { latencyMs, errorRate, dropConnection: drop } = faults()
    if (latencyMs > 0) {
      try {
        await sleep(latencyMs, undefined, { signal: closing.signal })
      } catch {
        dropConnection(request, reply)
        return reply
      }
      // The caller gave up waiting; there is no one left to answer.
      if (request.raw.socket.destroyed) {
        reply.hijack()
        return reply
      }
    }
    if (drop) {
      dropConnection(request, reply)
      return reply
    }
    if (errorRate > 0 && Math.random() < errorRate) return busy(reply)
  })
  app.addHook('onSend', async (request, _reply, payload) => {
    if (faults().dropResponse) request.raw.socket.destroy()
    return payload
  })
}

/** WeChat-style request ids (`rid: 6650a1b2-1c2d3e4f-5a6b7c8d`) for error messages. */
export const requestId = () => {
  const hex = randomBytes(12).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 16)}-${hex.slice(16, 24)}`
}
