import { existsSync } from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import fp from 'fastify-plugin'

/**
 * Serves the production H5 build of the mini-program at `/`. Hashed assets are cached for a
 * year; index.html and the service worker /sw.js never, so a new build reaches phones at once.
 */
export default fp<{ root: string }>(
  async (app, { root }) => {
    if (!existsSync(path.join(root, 'index.html'))) {
      app.log.warn({ root }, 'H5 build not found: run `npm run build:h5` (npm start does it for you)')
      app.get('/', { schema: { hide: true } }, async (_request, reply) =>
        reply
          .status(503)
          .type('text/html; charset=utf-8')
          .send('<!doctype html><meta charset="utf-8"><title>护薪</title><p>H5 应用尚未构建：请运行 <code>npm run build:h5</code>。</p>'),
      )
      return
    }
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      // scripts/ensure-h5.mjs writes .br and .gz beside each asset.
      preCompressed: true,
      setHeaders(res, servedPath) {
        const filePath = servedPath.replace(/\.(br|gz)$/, '')
        if (filePath.endsWith('.html')) res.header('cache-control', 'no-cache')
        else if (path.basename(filePath) === 'sw.js') {
          // The offline shell's service worker (miniprogram/src/h5/sw.js): always checked for a
          // new version; its scope is the whole app.
          res.header('cache-control', 'no-cache')
          res.header('service-worker-allowed', '/')
        }
        else if (/\.[0-9a-f]{8,}\.(js|css)$/.test(filePath) || filePath.includes(`${path.sep}static${path.sep}`)) {
          res.header('cache-control', 'public, max-age=31536000, immutable')
        }
      },
    })
  },
  { name: 'h5-static' },
)
