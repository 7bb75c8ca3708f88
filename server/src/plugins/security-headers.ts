import helmet, { type FastifyHelmetOptions } from '@fastify/helmet'
import Fastify from 'fastify'
import fp from 'fastify-plugin'

export interface SecurityHeadersOptions {
  production: boolean
  /** Origins the H5 app may load images from besides itself: the map's tile servers. */
  imageHosts: string[]
}

/**
 * Security headers on every response — the H5 app, the API and /docs (docs/security.md).
 * The H5 app and Swagger UI load their scripts from this origin only, so no script runs that the
 * server did not serve; nothing may frame a page (the signed-in inspector pages were framed from
 * another origin); HSTS only in production, where the site is served over https.
 */
/**
 * The headers helmet sends with these options, worked out once. @fastify/helmet rebuilds helmet's
 * middlewares (and re-parses the policy) on every request: 40–70 µs, about 7 % of the CPU of a
 * filing under load (tests/bench/claims-post.ts). Helmet's headers do not depend on the request, so
 * a throwaway app answers one request through @fastify/helmet and its headers are kept.
 */
async function helmetHeaders(options: FastifyHelmetOptions): Promise<[string, string][]> {
  const probe = Fastify({ logger: false })
  await probe.register(helmet, options)
  probe.get('/', async () => '')
  const plain = await Fastify({ logger: false })
    .get('/', async () => '')
    .inject({ method: 'GET', url: '/' })
  const response = await probe.inject({ method: 'GET', url: '/' })
  await probe.close()
  return Object.entries(response.headers)
    .filter(([name]) => plain.headers[name] === undefined)
    .map(([name, value]) => [name, String(value)])
}

export default fp<SecurityHeadersOptions>(
  async (app, { production, imageHosts }) => {
    const headers = await helmetHeaders({
      global: true,
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          scriptSrcAttr: ["'none'"],
          // React, Taro and Leaflet set style attributes and inject <style> elements.
          styleSrc: ["'self'", "'unsafe-inline'"],
          // photos chosen for evidence are previewed from blob: URLs; Leaflet and Swagger UI
          // use data: icons; the map's tiles come from the configured tile servers
          imgSrc: ["'self'", 'data:', 'blob:', ...imageHosts],
          fontSrc: ["'self'", 'data:'],
          // the API, its SSE stream and the evidence uploads are same-origin; Taro's H5 upload
          // reads the chosen photo back from its blob: URL before sending it
          connectSrc: ["'self'", 'blob:'],
          mediaSrc: ["'self'", 'blob:'],
          workerSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(production ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      frameguard: { action: 'deny' },
      // Tile servers (OpenStreetMap's policy among them) want to know which site asks; the
      // origin alone is sent, never a path. Hash routes never reach a Referer.
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      hsts: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      // The WeChat mini-program calls the API from outside any browser origin.
      crossOriginResourcePolicy: { policy: 'same-site' },
    })
    // On the raw response, as helmet does: hijacked replies and streams carry them too.
    app.addHook('onRequest', (_request, reply, done) => {
      for (const [name, value] of headers) reply.raw.setHeader(name, value)
      done()
    })
  },
  { name: 'security-headers' },
)
