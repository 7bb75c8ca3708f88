/**
 * H5 offline (issue 14): the service worker keeps the app's shell, so a worker who opened the app
 * once can reopen it with no network and still reach the claim wizard (whose draft is on the
 * phone). In Chromium at 360×740 against the real server process; the worker is served with the
 * right scope and headers, and the page's CSP stays strict (no inline script).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { expectNoSeriousAxeViolations } from '../helpers/axe'
import { browserAvailable, launchChromium } from '../helpers/browser'
import { ensureH5Built, startServer, type ServerProcess } from '../helpers/server-process'

describe.skipIf(!browserAvailable)('the H5 offline shell', () => {
  let server: ServerProcess
  let browser: Browser

  beforeAll(async () => {
    ensureH5Built()
    server = await startServer()
    browser = await launchChromium()
    // The H5 build when sources changed: minutes on two busy cores.
  }, 600_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('serves /sw.js uncached with its scope, under the strict CSP', async () => {
    const response = await fetch(`${server.url}/sw.js`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/javascript/)
    expect(response.headers.get('cache-control')).toBe('no-cache')
    expect(response.headers.get('service-worker-allowed')).toBe('/')
    const page = await fetch(`${server.url}/`)
    const csp = page.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline\'; script')
    expect(/script-src[^;]*unsafe-inline/.test(csp)).toBe(false)
    // No inline script in the page the worker caches.
    const html = await page.text()
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
  })

  it('reopens the app with no network through the service worker', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(`${server.url}/`)
    await page.waitForSelector('#step-1')
    // The worker installs after the first screen and takes the page over.
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready
      if (!navigator.serviceWorker.controller) {
        await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }))
      }
      return registration.scope
    })
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${server.url}/sw.js`)
    await page.fill('#claimant-name input', '离线的工人')
    await page.close()

    // No network at all: the app reopens, with the draft typed before.
    await context.setOffline(true)
    const again = await context.newPage()
    await again.goto(`${server.url}/`)
    await again.waitForSelector('#step-1')
    expect(await again.inputValue('#claimant-name input')).toBe('离线的工人')
    await expectNoSeriousAxeViolations(again, 'the wizard reopened offline')
    expect(errors).toEqual([])
    await context.close()
  })
})
