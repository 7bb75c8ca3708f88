import { describe, expect, it } from 'vitest'
import { buildApp } from '../src/app'
import type { Config } from '../src/config'
import { useTestApp } from './helpers/app'
import { DATABASE_KINDS } from './helpers/database'

describe.each(DATABASE_KINDS)('client addresses behind proxies on %s', (kind) => {
  const t = useTestApp(kind)

  /** The app on the test's database with other settings, plus a route that echoes `request.ip`. */
  async function appWith(changes: Partial<Config>) {
    const app = await buildApp({ config: { ...t.config, ...changes }, database: t.database.handle, logger: false })
    app.get('/__test/ip', async (request) => ({ ip: request.ip }))
    await app.ready()
    return app
  }
  const ipOf = async (app: Awaited<ReturnType<typeof appWith>>, remoteAddress: string, forwardedFor?: string) =>
    (
      await app.inject({ method: 'GET', url: '/__test/ip', remoteAddress, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} })
    ).json<{ ip: string }>().ip

  it('ignores X-Forwarded-For in production unless proxies are configured: rotating it does not escape the per-address SMS limit', async () => {
    // Production settings as far as addresses go (HUXIN_TRUSTED_PROXIES unset).
    const app = await appWith({ env: 'production', trustedProxies: false })
    try {
      let phone = 13_700_000_000
      const statuses: number[] = []
      for (let i = 0; i < 32; i++) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/sms/request',
          remoteAddress: '203.0.113.50',
          headers: { 'x-forwarded-for': `10.9.${i}.${i}` },
          payload: { phone: String(++phone) },
        })
        statuses.push(response.statusCode)
      }
      // 30 per address and hour (auth service), whatever the header says.
      expect(statuses.slice(0, 30).every((s) => s === 202)).toBe(true)
      expect(statuses.slice(30)).toEqual([429, 429])
      expect(await ipOf(app, '203.0.113.50', '198.51.100.1')).toBe('203.0.113.50')
    } finally {
      await app.close()
    }
  })

  it('believes X-Forwarded-For only from the configured proxies (addresses and CIDRs)', async () => {
    const app = await appWith({ trustedProxies: ['10.0.0.0/8', '192.0.2.1'] })
    try {
      expect(await ipOf(app, '10.1.2.3', '198.51.100.7')).toBe('198.51.100.7')
      // A client that puts an address first, then goes through our proxy: the proxy's entry counts.
      expect(await ipOf(app, '10.1.2.3', '6.6.6.6, 198.51.100.7')).toBe('198.51.100.7')
      // Two trusted hops (an inner proxy at 192.0.2.1 appended by the outer one at 10.1.2.3).
      expect(await ipOf(app, '10.1.2.3', '198.51.100.8, 192.0.2.1')).toBe('198.51.100.8')
      // Anyone else's header is ignored.
      expect(await ipOf(app, '203.0.113.9', '198.51.100.7')).toBe('203.0.113.9')
    } finally {
      await app.close()
    }
  })

  it('with a hop count, takes the address that many proxies in front of the server saw', async () => {
    const app = await appWith({ trustedProxies: 1 })
    try {
      expect(await ipOf(app, '10.1.2.3', '6.6.6.6, 198.51.100.7')).toBe('198.51.100.7')
      expect(await ipOf(app, '10.1.2.3')).toBe('10.1.2.3')
    } finally {
      await app.close()
    }
  })

  it('on a real socket: the header is ignored without configuration, believed from a loopback proxy with it', async () => {
    for (const [trustedProxies, expected] of [
      [false, '127.0.0.1'],
      [['loopback'], '198.51.100.99'],
    ] as const) {
      const app = await appWith({ trustedProxies: trustedProxies === false ? false : [...trustedProxies] })
      try {
        const address = await app.listen({ host: '127.0.0.1', port: 0 })
        const response = await fetch(`${address}/__test/ip`, { headers: { 'x-forwarded-for': '198.51.100.99' } })
        expect(((await response.json()) as { ip: string }).ip).toBe(expected)
      } finally {
        await app.close()
      }
    }
  })
})
