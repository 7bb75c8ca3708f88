/**
 * A worker signs in by phone and files a claim through the wizard in the H5 app served by the real
 * server process, in Chromium; the claim the page reports is the one the API returns, and it
 * survives a restart of the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import type { Claim, TokenPair } from '@huxin/shared'
import { BROWSER_SKIP_REASON, browserAvailable, launchChromium } from '../helpers/browser'
import { ensureH5Built, startServer, type ServerProcess } from '../helpers/server-process'
import { signInByPhone } from '../helpers/worker'

const PHONE = '13812341234'

describe.skipIf(!browserAvailable)('H5 claim form in Chromium', () => {
  let server: ServerProcess
  let browser: Browser

  beforeAll(async () => {
    ensureH5Built()
    server = await startServer()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('files a claim, shows its reference, and the API returns the same claim, also after a restart', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' })
    const page = await context.newPage()
    await signInByPhone(page, server.url, PHONE)

    await page.fill('#claimant-name input', '王建国')
    await page.fill('#claimant-phone input', PHONE)
    await page.click('#wizard-next')
    await page.waitForSelector('#step-2')
    await page.fill('#employer-name input', '常州某某建筑劳务有限公司')
    await page.fill('#project-name input', '遥观镇某小区三期')
    await page.selectOption('#industry', 'construction')
    await page.selectOption('#town', { label: '横林镇' })
    await page.click('#wizard-next')
    await page.waitForSelector('#step-3')
    await page.fill('#period-from', '2026-03')
    await page.fill('#period-to', '2026-06')
    await page.fill('#amount-yuan input', '12345.67')
    await page.fill('#workers-count input', '2')
    await page.click('#wizard-next')
    await page.waitForSelector('#step-4')
    await page.fill('#description textarea', '三月到六月的工资一直没发，老板说等工程款到了再说。')
    await page.click('#wizard-next')
    await page.waitForSelector('#step-5')
    await page.check('#consent')

    const created = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/claims' && r.request().method() === 'POST',
    )
    await page.click('#submit')
    const response = await created
    expect(response.status()).toBe(201)
    const posted = (await response.json()) as Claim

    await page.waitForSelector('#claim-success')
    const reference = (await page.locator('.claim-reference').textContent())?.trim()
    expect(reference).toMatch(/^JK-\d{8}-\d{4}$/)
    expect(reference).toBe(posted.reference)
    await expect.poll(() => page.locator('#accept-due').textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/)

    // The worker's own tokens, as the app keeps them (Taro wraps storage values as {"data": …}).
    const session = await page.evaluate(() => localStorage.getItem('huxin:session:v1'))
    const { accessToken, refreshToken } = (JSON.parse(session ?? '{}') as { data: TokenPair }).data
    const fetched = (await (
      await fetch(`${server.url}/api/v1/claims/${posted.id}`, { headers: { authorization: `Bearer ${accessToken}` } })
    ).json()) as Claim
    expect(fetched).toMatchObject({
      reference,
      status: 'submitted',
      town: 'henglin',
      industry: 'construction',
      amountOwedFen: 1_234_567,
      workersCount: 2,
      periodFrom: '2026-03',
      periodTo: '2026-06',
      claimant: { name: '王建国', phoneMasked: '138****1234' },
      employer: { name: '常州某某建筑劳务有限公司' },
      project: { name: '遥观镇某小区三期' },
    })
    await context.close()

    // The claim survives a graceful restart (PGlite flushed, lock released, reopened). The refresh
    // token is kept in the database, so it still trades for an access token afterwards.
    expect(await server.stop()).toBe(0)
    server = await startServer({ dataDir: server.dataDir, port: server.port })
    const refreshed = await fetch(`${server.url}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    })
    expect(refreshed.status).toBe(200)
    const tokens = (await refreshed.json()) as TokenPair
    const again = await fetch(`${server.url}/api/v1/claims/${posted.id}`, {
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    })
    expect(again.status).toBe(200)
    expect(((await again.json()) as Claim).reference).toBe(reference)
  })
})

if (!browserAvailable) {
  describe('H5 claim form in Chromium', () => {
    it.skip(BROWSER_SKIP_REASON, () => {})
  })
}
