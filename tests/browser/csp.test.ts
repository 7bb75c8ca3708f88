/**
 * The H5 app, the inspector pages and the API explorer under the server's Content-Security-Policy
 * (docs/security.md): Chromium walks the worker's first screen (sign-in, then the claim
 * wizard), the help map with its markers, the inspector sign-in, triage queue and claims map, and
 * Swagger UI at /docs, and reports no CSP violation — neither a `securitypolicyviolation` event
 * nor a console message — while each page works. A page on another origin cannot frame the
 * inspector pages. Map tiles are aborted, as on a phone without tiles; the policy is checked
 * before any request leaves the page, so a tile host the CSP refused would still be reported.
 */
import { spawnSync } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { BROWSER_SKIP_REASON, browserAvailable, launchChromium } from '../helpers/browser'
import { ensureH5Built, freePort, REPO_ROOT, startServer, tempDataDir, type ServerProcess } from '../helpers/server-process'
import { signInByPhone } from '../helpers/worker'

const INSPECTOR = { username: 'csp.inspector', password: 'Csp-Inspector-2026' }

interface Violation {
  directive: string
  blocked: string
  source: string
}

/** Every violation the page reports, kept on window before any script of the app runs. */
function recordViolations() {
  const w = window as unknown as { __cspViolations: Violation[] }
  w.__cspViolations = []
  document.addEventListener('securitypolicyviolation', (event) => {
    w.__cspViolations.push({ directive: event.violatedDirective, blocked: event.blockedURI, source: event.sourceFile })
  })
}

async function violationsOf(page: Page): Promise<Violation[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: Violation[] }).__cspViolations ?? [])
}

// Generous per-test time: on a busy CI machine a page can take a minute; nothing asserted is a duration.
describe.skipIf(!browserAvailable)('the H5 app under the Content-Security-Policy', { timeout: 180_000 }, () => {
  let server: ServerProcess
  let browser: Browser
  let context: BrowserContext
  let framer: Server
  const consoleCsp: string[] = []

  beforeAll(async () => {
    ensureH5Built()
    const dataDir = tempDataDir()
    const created = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'server/src/cli/user-create.ts'), '--username', INSPECTOR.username, '--password', INSPECTOR.password, '--role', 'inspector', '--town', 'yaoguan'],
      { cwd: REPO_ROOT, env: { ...process.env, HUXIN_DATA_DIR: dataDir, DATABASE_URL: '' }, encoding: 'utf8' },
    )
    if (created.status !== 0) throw new Error(`user:create failed: ${created.stderr}`)
    server = await startServer({ dataDir })
    browser = await launchChromium()
    context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' })
    // a busy CI machine: waiting longer changes nothing the test asserts
    context.setDefaultTimeout(90_000)
    await context.addInitScript(recordViolations)
    await context.route(/tile\.openstreetmap\.org|tianditu\.gov\.cn/, (route) => route.abort())
    context.on('console', (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) consoleCsp.push(message.text())
    })
    // another origin (another port) that tries to frame the inspector sign-in
    const port = await freePort()
    framer = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html; charset=utf-8')
      response.end(`<!doctype html><iframe id="victim" src="${server.url}/#/inspector/login/index"></iframe>`)
    })
    await new Promise<void>((resolve) => framer.listen(port, '127.0.0.1', resolve))
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    await new Promise((resolve) => framer?.close(resolve))
  })

  it('sends the policy with the H5 page, the API and /docs', async () => {
    for (const url of ['/', '/healthz', '/docs/json']) {
      const response = await fetch(`${server.url}${url}`)
      const csp = response.headers.get('content-security-policy') ?? ''
      expect(csp, url).toContain("frame-ancestors 'none'")
      expect(csp, url).toMatch(/script-src 'self'(;|$)/)
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff')
      expect(response.headers.get('referrer-policy'), url).toBe('strict-origin-when-cross-origin')
    }
    const index = await (await fetch(`${server.url}/`)).text()
    // no inline script in the built page: every <script> has a src
    expect(index.match(/<script(?![^>]*\ssrc=)[^>]*>/g) ?? []).toEqual([])
  })

  it('the worker signs in and reaches the claim wizard with no violation', async () => {
    const page = await context.newPage()
    await signInByPhone(page, server.url, '13900009001')
    await page.fill('#claimant-name input', '李德明')
    expect(await violationsOf(page)).toEqual([])
    await page.close()
  })

  it('the help map draws its markers with no violation', async () => {
    const page = await context.newPage()
    await page.goto(`${server.url}/#/pages/help/map/index?lat=31.75&lng=120.08`)
    await page.locator('#help-list .help-item').first().waitFor({ timeout: 30_000 })
    await expect.poll(() => page.locator('#help-map .help-marker-dot').count(), { timeout: 30_000 }).toBeGreaterThan(0)
    // Leaflet asked for tiles (aborted by the test), so the tile host passed the policy
    await expect.poll(() => page.locator('#help-map img.leaflet-tile').count(), { timeout: 30_000 }).toBeGreaterThan(0)
    expect(await violationsOf(page)).toEqual([])
    await page.close()
  })

  it('the inspector signs in, sees the triage queue and the claims map with no violation', async () => {
    const page = await context.newPage()
    await page.goto(`${server.url}/#/inspector/login/index`)
    await page.fill('#staff-username input', INSPECTOR.username)
    await page.fill('#staff-password input', INSPECTOR.password)
    await page.click('#staff-login')
    await page.locator('#triage-empty, .triage-item').first().waitFor({ timeout: 30_000 })
    await page.goto(`${server.url}/#/inspector/map/index`)
    await page.locator('.leaflet-container').first().waitFor({ timeout: 30_000 })
    expect(await violationsOf(page)).toEqual([])
    await page.close()
  })

  it('Swagger UI at /docs works under its policy', async () => {
    const page = await context.newPage()
    await page.goto(`${server.url}/docs`)
    await expect.poll(() => page.locator('.swagger-ui .info .title').textContent(), { timeout: 30_000 }).toContain('HuXin')
    await page.locator('.opblock').first().waitFor()
    expect(await violationsOf(page)).toEqual([])
    await page.close()
  })

  it('a page on another origin cannot frame the inspector sign-in', async () => {
    // its own context: the refusal it provokes is expected, not one of the app's violations
    const other = await browser.newContext()
    const page = await other.newPage()
    const address = framer.address()
    if (address === null || typeof address === 'string') throw new Error('framer not listening')
    await page.goto(`http://127.0.0.1:${address.port}/`)
    const frame = await (await page.waitForSelector('#victim')).contentFrame()
    // Chromium replaces a refused frame with its error page: the sign-in form never appears there
    await expect.poll(() => frame?.url() ?? '', { timeout: 30_000 }).toMatch(/^chrome-error:/)
    expect(await frame?.locator('#staff-username').count()).toBe(0)
    await other.close()
  })

  it('no console message reported a refused resource', () => {
    expect(consoleCsp).toEqual([])
  })
})

if (!browserAvailable) console.warn(BROWSER_SKIP_REASON)
