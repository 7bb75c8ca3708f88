import Fastify from 'fastify'
import helmet from '@fastify/helmet'
import { expect, it } from 'vitest'
import securityHeaders from '../../src/plugins/security-headers'

it('sends what @fastify/helmet sends, worked out once, on routes, 404s and raw replies alike', async () => {
  const ours = Fastify()
  await ours.register(securityHeaders, { production: true, imageHosts: ['https://tiles.example.cn'] })
  ours.get('/x', async () => ({ ok: 1 }))
  ours.get('/raw', (_request, reply) => {
    reply.hijack()
    reply.raw.end('raw')
  })
  // The reference: @fastify/helmet itself, per request, with helmet's defaults.
  const reference = Fastify()
  await reference.register(helmet, { global: true })
  reference.get('/x', async () => ({ ok: 1 }))
  const expected = (await reference.inject({ method: 'GET', url: '/x' })).headers
  for (const url of ['/x', '/nothing-here', '/raw']) {
    const got = (await ours.inject({ method: 'GET', url })).headers
    for (const name of ['cross-origin-opener-policy', 'origin-agent-cluster', 'x-content-type-options', 'x-dns-prefetch-control', 'x-download-options', 'x-permitted-cross-domain-policies', 'x-xss-protection']) {
      expect(got[name], `${url} ${name}`).toBe(expected[name])
    }
    expect(String(got['content-security-policy'])).toContain("frame-ancestors 'none'")
    expect(String(got['content-security-policy'])).toContain('img-src \'self\' data: blob: https://tiles.example.cn')
    expect(got['x-frame-options']).toBe('DENY')
    expect(got['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
  }
  await ours.close()
  await reference.close()
})
