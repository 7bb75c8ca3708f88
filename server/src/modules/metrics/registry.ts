/**
 * The process's Prometheus metrics (docs/operations.md): one registry per app or worker, so two
 * apps in one process (tests) never share a series. Request metrics are observed through cached
 * children (a label lookup per request would cost more than the observation).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { PoolStats } from '../../db/client'

/** One outbox's state as the repository reads it. */
export interface OutboxFigures {
  outbox: 'national' | 'notifications'
  /** Messages not yet sent (pending, or being sent right now). */
  unsent: number
  /** Age in seconds of the oldest unsent message; 0 when none. */
  oldestUnsentSeconds: number
  /** Messages given up on after their last attempt (parked for an admin); null where not counted. */
  failed: number | null
}

export interface MetricsSources {
  engine: 'postgres' | 'pglite'
  poolStats: () => PoolStats
  outboxes: () => Promise<OutboxFigures[]>
  /** Told when reading the outboxes failed at a scrape (the gauges keep their last values). */
  onError?: (error: unknown) => void
}

export type SmsPurpose = 'code' | 'claim_update'
export type SmsOutcome = 'sent' | 'retryable_error' | 'refused'

export interface Metrics {
  registry: Registry
  /** Prometheus's content type of `registry.metrics()`. */
  contentType: string
  /** One answered HTTP request: `route` is the route's pattern (`/api/v1/claims/:id`), never the URL. */
  observeRequest(method: string, route: string, status: number, seconds: number): void
  smsSent(purpose: SmsPurpose, outcome: SmsOutcome): void
  /** Stored objects no row named, removed by the sweep (docs/storage.md, Sweep). */
  objectsSwept(namespace: 'evidence' | 'documents', count: number, bytes: number): void
  /** Where pool and outbox figures come from; read at each scrape. */
  setSources(sources: MetricsSources): void
}

/** Seconds; filing answers in a few ms on a quiet server, figures and exports take up to seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry()
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry })
  const registers = [registry]
  let sources: MetricsSources | undefined

  const requests = new Counter({
    name: 'huxin_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  })
  const duration = new Histogram({
    name: 'huxin_http_request_duration_seconds',
    help: 'Time from request received to response sent, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  })
  const children = new Map<string, { count: { inc(): void }; time: { observe(v: number): void } }>()

  const sms = new Counter({
    name: 'huxin_sms_sends_total',
    help: 'Text messages handed to the SMS gateway, by purpose and outcome (sent, retryable_error, refused)',
    labelNames: ['purpose', 'outcome'] as const,
    registers,
  })

  const swept = new Counter({
    name: 'huxin_storage_swept_objects_total',
    help: 'Stored objects no row named, removed by the sweep, by namespace',
    labelNames: ['namespace'] as const,
    registers,
  })
  const sweptBytes = new Counter({
    name: 'huxin_storage_swept_bytes_total',
    help: 'Bytes of the stored objects the sweep removed, by namespace',
    labelNames: ['namespace'] as const,
    registers,
  })

  // prom-client reads every metric of a scrape at once, each through its own collect(): each gauge
  // sets itself, the outbox gauges from one shared read of the database per scrape.
  const poolLabels = ['engine'] as const
  const poolGauge = (name: string, help: string, pick: (stats: PoolStats) => number | null) =>
    new Gauge({
      name,
      help,
      labelNames: poolLabels,
      registers,
      collect() {
        const value = sources ? pick(sources.poolStats()) : null
        if (sources && value !== null) this.set({ engine: sources.engine }, value)
      },
    })
  poolGauge('huxin_db_pool_max', 'Most database connections this process opens', (s) => s.max)
  poolGauge('huxin_db_pool_connections', 'Database connections open', (s) => s.total)
  poolGauge('huxin_db_pool_idle', 'Open database connections not in use (node-postgres only)', (s) => s.idle)
  poolGauge('huxin_db_pool_waiting', 'Queries waiting for a free database connection (node-postgres only)', (s) => s.waiting)

  const collectErrors = new Counter({
    name: 'huxin_metrics_collect_errors_total',
    help: 'Scrapes at which the outboxes could not be read (their gauges kept the last values)',
    registers,
  })
  let reading: Promise<OutboxFigures[] | undefined> | undefined
  const readOutboxes = () =>
    (reading ??= (sources?.outboxes() ?? Promise.resolve(undefined))
      .catch((error: unknown) => {
        collectErrors.inc()
        sources?.onError?.(error)
        return undefined
      })
      .finally(() => {
        reading = undefined
      }))
  const outboxGauge = (name: string, help: string, pick: (figures: OutboxFigures) => number | null) =>
    new Gauge({
      name,
      help,
      labelNames: ['outbox'] as const,
      registers,
      async collect() {
        for (const figures of (await readOutboxes()) ?? []) {
          const value = pick(figures)
          if (value !== null) this.set({ outbox: figures.outbox }, value)
        }
      },
    })
  outboxGauge('huxin_outbox_depth', 'Outbox messages not yet sent', (f) => f.unsent)
  outboxGauge('huxin_outbox_lag_seconds', 'Age of the oldest unsent outbox message (0 when none)', (f) => f.oldestUnsentSeconds)
  outboxGauge('huxin_outbox_failed', 'Outbox messages given up on (parked for an admin)', (f) => f.failed)

  return {
    registry,
    contentType: registry.contentType,
    observeRequest(method, route, status, seconds) {
      const key = `${method} ${status} ${route}`
      let child = children.get(key)
      if (!child) {
        const labels = { method, route, status: String(status) }
        child = { count: requests.labels(labels), time: duration.labels(labels) }
        children.set(key, child)
      }
      child.count.inc()
      child.time.observe(seconds)
    },
    smsSent: (purpose, outcome) => sms.inc({ purpose, outcome }),
    objectsSwept(namespace, count, bytes) {
      swept.inc({ namespace }, count)
      sweptBytes.inc({ namespace }, bytes)
    },
    setSources(next) {
      sources = next
    },
  }
}
