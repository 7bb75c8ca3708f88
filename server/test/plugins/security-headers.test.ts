import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/config'
import securityHeaders from '../../src/plugins/security-headers'
import { testConfig } from '../helpers/app'

async function headersOf(options: { production: boolean; imageHosts: string[] }) {
  const app = Fastify()
  await app.register(securityHeaders, options)
  app.get('/x', async () => ({ ok: true }))
  const response = await app.inject({ method: 'GET', url: '/x' })
  await app.close()
  return response.headers
}

describe('security headers', () => {
  it('sends the CSP, frame refusal, nosniff and referrer policy; HSTS only in production', async () => {
    const development = await headersOf({ production: false, imageHosts: ['https://tile.openstreetmap.org'] })
    const csp = String(development['content-security-policy'])
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("script-src 'self';")
    expect(csp).toContain("img-src 'self' data: blob: https://tile.openstreetmap.org")
    expect(csp).not.toContain('upgrade-insecure-requests')
    expect(development['x-frame-options']).toBe('DENY')
    expect(development['x-content-type-options']).toBe('nosniff')
    expect(development['referrer-policy']).toBe('strict-origin-when-cross-origin')
    expect(development['strict-transport-security']).toBeUndefined()

    const production = await headersOf({ production: true, imageHosts: [] })
    expect(production['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
    expect(String(production['content-security-policy'])).toContain('upgrade-insecure-requests')
  })

  it('takes the tile hosts from the same variables as the H5 build', () => {
    expect(testConfig().contentSecurity.imageHosts).toEqual(['https://tile.openstreetmap.org'])
    expect(testConfig({ HUXIN_TIANDITU_KEY: 'k' }).contentSecurity.imageHosts).toEqual(['https://*.tianditu.gov.cn'])
    expect(testConfig({ HUXIN_MAP_TILE_URL: 'https://{s}.tiles.example.cn/{z}/{x}/{y}.png' }).contentSecurity.imageHosts).toEqual([
      'https://*.tiles.example.cn',
    ])
    expect(testConfig({ HUXIN_MAP_TILE_URL: 'none', HUXIN_CSP_IMG_HOSTS: 'https://a.example.cn, https://*.b.example.cn' }).contentSecurity.imageHosts).toEqual([
      'https://a.example.cn',
      'https://*.b.example.cn',
    ])
    expect(() => testConfig({ HUXIN_CSP_IMG_HOSTS: "https://a.example.cn 'unsafe-inline'" })).toThrow(ConfigError)
  })

  it('validates the connection deadlines', () => {
    const { http } = testConfig()
    expect(http).toMatchObject({ headersTimeoutMs: 10_000, requestTimeoutMs: 120_000, keepAliveTimeoutMs: 5_000, idleTimeoutMs: 30_000, shedEventLoopDelayMs: 0 })
    expect(testConfig({ HUXIN_ENV: 'development' }).http.shedEventLoopDelayMs).toBe(1_000)
    expect(() => testConfig({ HUXIN_HEADERS_TIMEOUT_MS: '5000', HUXIN_REQUEST_TIMEOUT_MS: '1000' })).toThrow(/HUXIN_REQUEST_TIMEOUT_MS/)
    expect(() => testConfig({ HUXIN_IDLE_TIMEOUT_MS: 'soon' })).toThrow(/HUXIN_IDLE_TIMEOUT_MS/)
  })
})
