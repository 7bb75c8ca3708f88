/* global self, caches */
/*
 * The H5 app's service worker (issue 14: a reopened app works offline on a weak network).
 * Served at /sw.js (scope /) by the server's static handler with `cache-control: no-cache`, so a
 * new build's worker is picked up at once; registered by lib/offline-shell.h5.ts.
 *
 * - The page itself (navigations, /, /index.html): network first, the cached copy when offline,
 *   so a new build reaches phones at once and an old one still opens without a network.
 * - Hashed assets (/js/*.<hash>.js, /css/*.<hash>.css, /static/*, /h5/rem.js): cache first; they
 *   never change under a name. Those index.html names are cached at install, chunks loaded later
 *   (a page opened once) when first fetched.
 * - The API (/api/…), the simulator and anything cross-origin (map tiles): never touched.
 * Caches of older builds are deleted when a new worker takes over.
 */
const VERSION = 'huxin-shell-v1'
const SHELL = `${VERSION}-shell`
const ASSETS = `${VERSION}-assets`

function isAsset(url) {
  return (
    /^\/(js|css)\/.+\.[0-9a-f]{8,}\.(js|css)$/.test(url.pathname) ||
    url.pathname.startsWith('/static/') ||
    url.pathname === '/h5/rem.js'
  )
}

function isShell(request, url) {
  return request.mode === 'navigate' || url.pathname === '/' || url.pathname === '/index.html'
}

/** The assets index.html names (its scripts and styles), to be cached with it. */
function assetsOf(html) {
  const found = new Set()
  for (const match of html.matchAll(/(?:src|href)="(\/[^"]+)"/g)) {
    const url = new URL(match[1], self.location.origin)
    if (isAsset(url)) found.add(url.pathname)
  }
  return [...found]
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const response = await fetch('/index.html', { cache: 'no-cache' })
      if (!response.ok) return
      const html = await response.clone().text()
      const shell = await caches.open(SHELL)
      await shell.put('/index.html', response)
      const assets = await caches.open(ASSETS)
      await assets.addAll(assetsOf(html))
      await self.skipWaiting()
    })(),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name !== SHELL && name !== ASSETS) await caches.delete(name)
      }
      await self.clients.claim()
    })(),
  )
})

async function shellResponse(request) {
  try {
    const response = await fetch(request)
    if (response.ok) {
      const shell = await caches.open(SHELL)
      await shell.put('/index.html', response.clone())
    }
    return response
  } catch (error) {
    const cached = await caches.match('/index.html', { cacheName: SHELL })
    if (cached) return cached
    throw error
  }
}

async function assetResponse(request) {
  const cached = await caches.match(request, { cacheName: ASSETS })
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok) {
    const assets = await caches.open(ASSETS)
    await assets.put(request, response.clone())
  }
  return response
}

self.addEventListener('fetch', (event) => {
  const { request } = event
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return
  if (isShell(request, url)) event.respondWith(shellResponse(request))
  else if (isAsset(url)) event.respondWith(assetResponse(request))
})
