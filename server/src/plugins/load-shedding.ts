import underPressure, { type FastifyUnderPressureOptions } from '@fastify/under-pressure'
import fp from 'fastify-plugin'

type PressureHandler = NonNullable<FastifyUnderPressureOptions['pressureHandler']>

export interface LoadSheddingOptions {
  /** Mean event-loop delay (ms) above which requests are refused; 0 turns shedding off. */
  maxEventLoopDelayMs: number
  retryAfterS: number
}

/**
 * The probes answer even when the process is busy: a liveness probe that failed under load would
 * have an orchestrator restart a healthy process and drop every request in flight, and a
 * readiness probe is cheap (docs/security.md, Load shedding).
 */
const NEVER_SHED = new Set(['/healthz', '/readyz'])

/**
 * Load shedding: while the event loop lags, new requests get 503 with Retry-After at once
 * instead of queueing behind the backlog (each queued request only makes the lag longer).
 */
export default fp<LoadSheddingOptions>(
  async (app, { maxEventLoopDelayMs, retryAfterS }) => {
    if (maxEventLoopDelayMs <= 0) return
    await app.register(underPressure, {
      maxEventLoopDelay: maxEventLoopDelayMs,
      sampleInterval: 500,
      retryAfter: retryAfterS,
      pressureHandler: shed,
    })

    // under-pressure lets the request through when the handler returns nothing, and sends what it
    // returns otherwise (its types say void): the body of API.md's error shape.
    function shed(...[request, reply]: Parameters<PressureHandler>): ReturnType<PressureHandler> {
      if (NEVER_SHED.has(request.routeOptions.url ?? '')) return undefined
      reply.status(503).header('retry-after', String(retryAfterS))
      const body: unknown = { error: { code: 'OVERLOADED', message: '服务器繁忙，请稍后再试' } }
      return body as ReturnType<PressureHandler>
    }
  },
  { name: 'load-shedding' },
)
