/**
 * Who may scrape `/metrics` (docs/operations.md): the TCP peer of the socket — never
 * X-Forwarded-For, whatever HUXIN_TRUSTED_PROXIES says — must be loopback or in
 * HUXIN_METRICS_ALLOW, and the request must not have passed through a proxy at all. nginx in front
 * adds X-Forwarded-For and connects from loopback: a request it forwards, whatever its client wrote,
 * is refused for carrying the header; Prometheus scrapes each process directly and sends none.
 */
import type { IncomingHttpHeaders } from 'node:http'
import { BlockList, isIP } from 'node:net'

/** Headers a proxy adds; any of them means the request was forwarded, so it is refused. */
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host'] as const

export type ScrapeGuard = (peer: string | undefined, headers: IncomingHttpHeaders) => boolean

export function createScrapeGuard(allow: readonly string[]): ScrapeGuard {
  const allowed = new BlockList()
  allowed.addSubnet('127.0.0.0', 8, 'ipv4')
  allowed.addAddress('::1', 'ipv6')
  for (const entry of allow) {
    const [address = '', bits] = entry.split('/')
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4'
    if (bits === undefined) allowed.addAddress(address, type)
    else allowed.addSubnet(address, Number(bits), type)
  }
  return (peer, headers) => {
    if (!peer) return false
    if (FORWARDING_HEADERS.some((name) => headers[name] !== undefined)) return false
    // An IPv4 client of a dual-stack socket shows as ::ffff:a.b.c.d.
    const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(peer)
    const address = mapped ? mapped[1]! : peer
    const family = isIP(address)
    if (family === 0) return false
    return allowed.check(address, family === 6 ? 'ipv6' : 'ipv4')
  }
}
