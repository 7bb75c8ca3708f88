import fp from 'fastify-plugin'
import { HttpError } from '../../lib/http-errors'
import { createScrapeGuard } from './access'
import { createMetrics, type Metrics } from './registry'
import { createMetricsRepository } from './repository'

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's Prometheus registry and its recorders (docs/operations.md). */
    metrics: Metrics
  }
}

/**
 * `/metrics` (API.md, Operations) and the request metrics of every route registered after this
 * plugin. Refused (403) unless the socket's peer is loopback or in HUXIN_METRICS_ALLOW and no proxy
 * forwarded the request (access.ts). HUXIN_METRICS_PORT adds a listener of its own (server.ts).
 */
export default fp(
  async (app) => {
    // Node's own metrics observe every GC and sample the event loop per registry: not in the
    // test suite, which builds hundreds of apps in a few processes.
    const metrics = createMetrics({ defaultMetrics: app.config.env !== 'test' })
    const repository = createMetricsRepository(app.db)
    metrics.setSources({
      engine: app.database.kind,
      poolStats: () => app.database.poolStats(),
      outboxes: () => repository.outboxes(),
      onError: (err) => app.log.warn({ err }, 'metrics: the outboxes could not be read'),
    })
    app.decorate('metrics', metrics)

    app.addHook('onResponse', (request, reply, done) => {
      // The route's pattern, never the URL (ids, query strings): bounded labels and no PII.
      metrics.observeRequest(request.method, request.routeOptions.url ?? '(unmatched)', reply.statusCode, reply.elapsedTime / 1000)
      done()
    })

    const mayScrape = createScrapeGuard(app.config.metrics.allow)
    app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
      if (!mayScrape(request.socket.remoteAddress, request.headers)) {
        throw new HttpError(403, 'METRICS_FORBIDDEN', '指标只对本机或配置的抓取地址开放')
      }
      return reply.type(metrics.contentType).send(await metrics.registry.metrics())
    })
  },
  { name: 'metrics', dependencies: ['config', 'database'] },
)
