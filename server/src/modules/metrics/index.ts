/** The metrics module's public surface: what server.ts and worker.ts need to expose their metrics. */
export { createScrapeGuard, type ScrapeGuard } from './access'
export { startMetricsListener, type MetricsListener } from './listener'
export { createMetrics, type Metrics, type MetricsSources, type OutboxFigures, type SmsOutcome, type SmsPurpose } from './registry'
export { createMetricsRepository } from './repository'
