import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useTestApp, type TestApp } from '../../helpers/app'
import { DATABASE_KINDS } from '../../helpers/database'
import { fileAs } from '../../helpers/staff'
import { createMetrics, startMetricsListener } from '../../../src/modules/metrics/index'

/** The value of one series of a Prometheus text exposition, 0 when absent. */
function value(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue
    const wanted = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))
    if (wanted) return Number(line.slice(line.lastIndexOf(' ') + 1))
  }
  return 0
}

async function scrape(t: TestApp, remoteAddress = '127.0.0.1', headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'GET', url: '/metrics', remoteAddress, headers })
}

async function scrapeText(t: TestApp) {
  const response = await scrape(t)
  expect(response.statusCode).toBe(200)
  expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/)
  return response.body
}

describe.each(DATABASE_KINDS)('/metrics (%s)', (kind) => {
  const t = useTestApp(kind, { HUXIN_TRUSTED_PROXIES: 'loopback', HUXIN_METRICS_ALLOW: '10.9.0.0/16' })

  it('counts requests by route pattern and status with their latency, after real requests', async () => {
    const before = await scrapeText(t)
    const claimRoute = { method: 'GET', route: '/api/v1/claims/:id', status: '401' }
    const health = { method: 'GET', route: '/healthz', status: '200' }
    const id = randomUUID()
    for (let i = 0; i < 3; i++) expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200)
    for (let i = 0; i < 2; i++) expect((await t.app.inject({ method: 'GET', url: `/api/v1/claims/${id}?q=13812341234` })).statusCode).toBe(401)
    const { claim } = await fileAs(t)
    const after = await scrapeText(t)

    expect(value(after, 'huxin_http_requests_total', health) - value(before, 'huxin_http_requests_total', health)).toBe(3)
    expect(value(after, 'huxin_http_requests_total', claimRoute) - value(before, 'huxin_http_requests_total', claimRoute)).toBe(2)
    const filed = { method: 'POST', route: '/api/v1/claims', status: '201' }
    expect(value(after, 'huxin_http_requests_total', filed) - value(before, 'huxin_http_requests_total', filed)).toBe(1)
    // The histogram counts the same requests; every observation falls in the +Inf bucket.
    expect(value(after, 'huxin_http_request_duration_seconds_count', health) - value(before, 'huxin_http_request_duration_seconds_count', health)).toBe(3)
    expect(value(after, 'huxin_http_request_duration_seconds_bucket', { ...health, le: '+Inf' })).toBe(value(after, 'huxin_http_request_duration_seconds_count', health))
    expect(value(after, 'huxin_http_request_duration_seconds_sum', health)).toBeGreaterThan(0)
    // The pattern, never the URL: no id, no query string, no phone number.
    expect(after).not.toContain(id)
    expect(after).not.toContain(claim.id)
    expect(after).not.toContain('13812341234')
    // A URL no route serves is counted under one label, whatever it was.
    await t.app.inject({ method: 'GET', url: `/no-such-${id}` })
    expect(value(await scrapeText(t), 'huxin_http_requests_total', { route: '(unmatched)' })).toBeGreaterThan(0)
  })

  it('reports the database pool and the outboxes: a filing leaves a national message unsent', async () => {
    const before = await scrapeText(t)
    await fileAs(t)
    const text = await scrapeText(t)
    const engine = kind === 'postgres' ? 'postgres' : 'pglite'
    if (kind === 'pglite') expect(value(text, 'huxin_db_pool_max', { engine })).toBe(1)
    else expect(value(text, 'huxin_db_pool_max', { engine })).toBe(t.database.handle.poolStats().max)
    expect(value(text, 'huxin_db_pool_connections', { engine })).toBeGreaterThanOrEqual(1)
    if (kind === 'postgres') {
      expect(text).toMatch(/^huxin_db_pool_idle\{engine="postgres"\} \d+$/m)
      expect(text).toMatch(/^huxin_db_pool_waiting\{engine="postgres"\} 0$/m)
    }
    // The test app runs no sync engine: the filing's register message waits in the outbox.
    const national = { outbox: 'national' }
    expect(value(text, 'huxin_outbox_depth', national) - value(before, 'huxin_outbox_depth', national)).toBe(1)
    expect(text).toMatch(/^huxin_outbox_lag_seconds\{outbox="national"\} [0-9.e+-]+$/m)
    expect(value(text, 'huxin_outbox_lag_seconds', national)).toBeGreaterThanOrEqual(0)
    expect(text).toMatch(/^huxin_outbox_failed\{outbox="national"\} 0$/m)
    expect(text).toMatch(/^huxin_outbox_depth\{outbox="notifications"\} \d+$/m)
    expect(text).toMatch(/^huxin_outbox_lag_seconds\{outbox="notifications"\} [0-9.e+-]+$/m)
  })

  it('counts SMS sends by purpose and outcome', async () => {
    const count = (text: string, outcome: string) => value(text, 'huxin_sms_sends_total', { purpose: 'code', outcome })
    const before = await scrapeText(t)
    const phone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/sms/request', payload: { phone: phone() } })).statusCode).toBe(202)
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/sms/request', payload: { phone: phone() } })).statusCode).toBe(202)
    let after = await scrapeText(t)
    expect(count(after, 'sent') - count(before, 'sent')).toBe(2)
    // The gateway's account runs dry: a permanent refusal.
    const control = await fetch(`${t.simulators.smsBaseUrl}/__control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outOfBalance: true }),
    })
    expect(control.ok).toBe(true)
    try {
      const refused = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sms/request', payload: { phone: phone() } })
      expect(refused.statusCode).toBeGreaterThanOrEqual(400)
    } finally {
      await fetch(`${t.simulators.smsBaseUrl}/__control/reset`, { method: 'POST' })
    }
    after = await scrapeText(t)
    expect(count(after, 'refused') - count(before, 'refused')).toBe(1)
    expect(count(after, 'sent') - count(before, 'sent')).toBe(2)
  })

  it('refuses scrapers that are not loopback or allowed, and anything a proxy forwarded, whatever X-Forwarded-For says', async () => {
    const refused = await scrape(t, '203.0.113.7')
    expect(refused.statusCode).toBe(403)
    expect(refused.json()).toMatchObject({ error: { code: 'METRICS_FORBIDDEN' } })
    expect(refused.body).not.toContain('huxin_')
    // A forged header from outside does not help …
    expect((await scrape(t, '203.0.113.7', { 'x-forwarded-for': '127.0.0.1' })).statusCode).toBe(403)
    // … nor through the trusted proxy on loopback (nginx appends the real client; or passes the
    // forged value on), nor with the other forwarding headers.
    expect((await scrape(t, '127.0.0.1', { 'x-forwarded-for': '127.0.0.1' })).statusCode).toBe(403)
    expect((await scrape(t, '127.0.0.1', { 'x-forwarded-for': '127.0.0.1, 203.0.113.7' })).statusCode).toBe(403)
    expect((await scrape(t, '127.0.0.1', { forwarded: 'for=127.0.0.1' })).statusCode).toBe(403)
    expect((await scrape(t, '127.0.0.1', { 'x-real-ip': '127.0.0.1' })).statusCode).toBe(403)
    // An allowed scraper (HUXIN_METRICS_ALLOW) and IPv6/IPv4-mapped loopback get in.
    expect((await scrape(t, '10.9.3.4')).statusCode).toBe(200)
    expect((await scrape(t, '::1')).statusCode).toBe(200)
    expect((await scrape(t, '::ffff:127.0.0.1')).statusCode).toBe(200)
    expect((await scrape(t, '10.8.3.4')).statusCode).toBe(403)
    expect((await scrape(t, '::ffff:10.8.3.4')).statusCode).toBe(403)
  })
})

describe('the metrics listener (HUXIN_METRICS_PORT)', () => {
  it('serves /metrics alone on its own port, on a real socket, and refuses forwarded requests', async () => {
    const metrics = createMetrics()
    metrics.observeRequest('GET', '/healthz', 200, 0.002)
    metrics.smsSent('claim_update', 'retryable_error')
    const listener = await startMetricsListener(metrics, { host: '127.0.0.1', port: 0, allow: [] })
    try {
      const ok = await fetch(`${listener.url}/metrics`)
      expect(ok.status).toBe(200)
      const text = await ok.text()
      expect(value(text, 'huxin_http_requests_total', { route: '/healthz', status: '200' })).toBe(1)
      expect(value(text, 'huxin_sms_sends_total', { purpose: 'claim_update', outcome: 'retryable_error' })).toBe(1)
      // Node's own (event-loop lag, heap, CPU), as the server and the worker report them.
      expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m)
      expect(text).toMatch(/^process_cpu_seconds_total /m)
      expect((await fetch(`${listener.url}/metrics`, { headers: { 'x-forwarded-for': '127.0.0.1' } })).status).toBe(403)
      expect((await fetch(`${listener.url}/api/v1/claims`)).status).toBe(404)
      expect((await fetch(`${listener.url}/metrics`, { method: 'POST' })).status).toBe(404)
    } finally {
      await listener.close()
    }
  })
})
