/**
 * The metrics listener (HUXIN_METRICS_PORT): a plain HTTP server that answers `GET /metrics` and
 * nothing else, bound to HUXIN_METRICS_HOST (127.0.0.1 by default), so the proxy never routes to
 * it. The same address rule as on the API port applies (access.ts). The API server and the worker
 * each start one: Prometheus scrapes every process (docs/operations.md).
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createScrapeGuard } from './access'
import type { Metrics } from './registry'

export interface MetricsListener {
  /** `http://host:port`, the port as bound (0 picks a free one). */
  url: string
  close(): Promise<void>
}

export async function startMetricsListener(
  metrics: Metrics,
  options: { host: string; port: number; allow: readonly string[]; onError?: (error: unknown) => void },
): Promise<MetricsListener> {
  const mayScrape = createScrapeGuard(options.allow)
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0]
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n')
      return
    }
    if (!mayScrape(request.socket.remoteAddress, request.headers)) {
      response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('forbidden\n')
      return
    }
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metrics.contentType }).end(request.method === 'HEAD' ? undefined : text),
      (error: unknown) => {
        options.onError?.(error)
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics unavailable\n')
      },
    )
  })
  // Scrapes are short; a silent socket must not stay.
  server.headersTimeout = 10_000
  server.requestTimeout = 30_000
  server.keepAliveTimeout = 5_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { address, port } = server.address() as AddressInfo
  const host = address.includes(':') ? `[${address}]` : address
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
