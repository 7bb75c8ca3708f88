/**
 * A worker on a weak phone, end to end in Chromium against the real server process: signs in by
 * phone on H5 with the code read from the SMS simulator, files a claim through the wizard with a photo, loses the network mid-submit (the server stored the claim but the answer
 * never arrived; then the phone is offline), retries once online, and ends with exactly one claim in
 * 我的投诉 — and, asked through the API with the worker's token, exactly one claim holding the photo.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { ClaimDetail, ClaimList } from '@huxin/shared'
import { BROWSER_SKIP_REASON, browserAvailable, launchChromium } from '../helpers/browser'
import { ensureH5Built, startServer, type ServerProcess } from '../helpers/server-process'
import { makePng } from '../helpers/png'
import { signInByPhone, readSmsCode, storedSession } from '../helpers/worker'

const PHONE = '13900002001'
const NETWORK_MESSAGE = '网络不好，已保存草稿，请稍后重试'

async function storedDraft(page: Page): Promise<{ idempotencyKey: string; step: number } | undefined> {
  const raw = await page.evaluate(() => localStorage.getItem('huxin:claim-draft:v2'))
  return raw ? (JSON.parse(raw) as { data: { idempotencyKey: string; step: number } }).data : undefined
}

describe.skipIf(!browserAvailable)('H5 worker flow in Chromium', () => {
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

  it('signs in by phone, files a claim with a photo through a dropped network, and sees exactly one claim', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' })
    const page = await context.newPage()

    await signInByPhone(page, server.url, PHONE)

    // Step 1 您的信息
    await page.fill('#claimant-name input', '李德明')
    await page.fill('#claimant-phone input', PHONE)
    await page.click('#wizard-next')
    // Step 2 欠薪单位: "下一步" refuses an empty step and says why
    await page.waitForSelector('#step-2')
    await page.click('#wizard-next')
    await expect.poll(() => page.locator('#employer-name-error').textContent()).toBe('请填写用人单位名称')
    await page.fill('#employer-name input', '常州某某钢构工程有限公司')
    await page.fill('#project-name input', '横林镇某厂房二期')
    await page.selectOption('#industry', 'construction')
    await page.selectOption('#town', { label: '横林镇' })
    await page.click('#wizard-next')
    // Step 3 欠薪情况
    await page.waitForSelector('#step-3')
    await page.fill('#period-from', '2026-05')
    await page.fill('#period-to', '2026-08')
    await page.fill('#amount-yuan input', '23456.7')
    await expect.poll(() => page.locator('#amount-preview').textContent()).toBe('即 23,456.70 元')
    await page.click('#co-worker-add')
    await page.fill('#co-worker-0-name input', '王小二')
    expect(await page.inputValue('#workers-count input')).toBe('2')

    // The draft survives closing the page: same step, same answers.
    await page.reload()
    await page.waitForSelector('#step-3')
    expect(await page.inputValue('#amount-yuan input')).toBe('23456.7')
    expect(await page.inputValue('#co-worker-0-name input')).toBe('王小二')
    await page.click('#wizard-next')

    // Step 4 说明和证据, with a photo from the "album" (Taro's hidden file input)
    await page.waitForSelector('#step-4')
    await page.fill('#description textarea', '五月到八月在厂房工地干钢结构，工钱一直拖着不给。')
    const chooser = page.waitForEvent('filechooser')
    await page.click('#photo-album')
    await (await chooser).setFiles({ name: 'iou.png', mimeType: 'image/png', buffer: makePng() })
    await expect.poll(() => page.locator('.photo-item').count()).toBe(1)
    await expect.poll(() => page.locator('#photo-count').textContent()).toContain('已选 1 张')
    await page.click('#wizard-next')

    // Step 5 确认提交
    await page.waitForSelector('#step-5')
    const summary = (await page.locator('#claim-summary').textContent()) ?? ''
    expect(summary).toContain('常州某某钢构工程有限公司')
    expect(summary).toContain('23,456.70 元')
    expect(summary).toContain('王小二')
    expect(summary).toContain('1 张')
    await page.check('#consent')

    // The network drops mid-submit: the server stores the claim, its answer never reaches the phone,
    // and the phone is offline from then on.
    const keys: string[] = []
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/claims') {
        keys.push(request.headers()['idempotency-key'] ?? '')
      }
    })
    const lostAnswers: number[] = []
    await page.route('**/api/v1/claims', async (route) => {
      if (route.request().method() !== 'POST' || lostAnswers.length > 0) return route.continue()
      try {
        lostAnswers.push((await route.fetch()).status())
      } finally {
        await context.setOffline(true)
        await route.abort('internetdisconnected')
      }
    })
    await page.click('#submit')
    await expect.poll(() => page.locator('#form-notice').textContent(), { timeout: 30_000 }).toBe(NETWORK_MESSAGE)
    expect(lostAnswers).toEqual([201])
    const draft = await storedDraft(page)
    expect(draft?.step).toBe(5)
    expect(draft?.idempotencyKey).toBe(keys[0])
    expect(await page.locator('.claim-reference').count()).toBe(0)

    // Still offline: 重试 fails the same way and keeps the draft.
    await page.click('#retry')
    await expect.poll(() => page.locator('#retry').getAttribute('aria-disabled'), { timeout: 30_000 }).toBe('false')
    await expect.poll(() => page.locator('#form-notice').textContent()).toBe(NETWORK_MESSAGE)
    expect((await storedDraft(page))?.idempotencyKey).toBe(draft?.idempotencyKey)

    // Back online: 重试 reuses the key, gets the stored claim back, and sends the photo.
    await page.unroute('**/api/v1/claims')
    await context.setOffline(false)
    await page.click('#retry')
    await page.waitForSelector('#claim-success', { timeout: 60_000 })
    const reference = (await page.locator('.claim-reference').textContent())?.trim()
    expect(reference).toMatch(/^JK-\d{8}-\d{4}$/)
    await expect.poll(() => page.locator('#photos-sent').textContent()).toContain('已上传 1 张')
    expect(keys.length).toBeGreaterThanOrEqual(2)
    expect(new Set(keys)).toEqual(new Set([draft?.idempotencyKey]))
    expect(await storedDraft(page)).toBeUndefined()
    const last = await page.evaluate(() => localStorage.getItem('huxin:last-claim:v1'))
    expect(last).toContain(reference ?? 'no reference')

    // 我的投诉 shows exactly that one claim.
    await page.click('#go-mine')
    await page.waitForSelector('.claim-item')
    await expect.poll(() => page.locator('.claim-item').count()).toBe(1)
    expect((await page.locator('.claim-item-reference').textContent())?.trim()).toBe(reference)
    expect(await page.locator('.claim-item-amount').textContent()).toBe('23,456.70 元')
    expect(await page.locator('.claim-item-status').textContent()).toBe('已提交，等待受理')

    // The API agrees: one claim for this worker, holding the photo.
    const { accessToken } = await storedSession(page)
    const auth = { authorization: `Bearer ${accessToken}` }
    const list = (await (await fetch(`${server.url}/api/v1/claims`, { headers: auth })).json()) as ClaimList
    expect(list.items).toHaveLength(1)
    const claim = list.items[0]
    expect(claim?.reference).toBe(reference)
    const detail = (await (await fetch(`${server.url}/api/v1/claims/${claim?.id}`, { headers: auth })).json()) as ClaimDetail
    expect(detail.attachments).toHaveLength(1)
    expect(detail.attachments?.[0]?.mime).toBe('image/png')
    expect(detail).toMatchObject({ amountOwedFen: 2_345_670, workersCount: 2, periodFrom: '2026-05', periodTo: '2026-08' })

    // Its detail page shows the status, the timeline and the photo fetched with the token.
    await page.click('.claim-item')
    await expect.poll(() => page.locator('#detail-status').textContent()).toBe('已提交，等待受理')
    await expect.poll(() => page.locator('.timeline-label').allTextContents()).toContain('已提交')
    await expect.poll(() => page.locator('.evidence-thumb img').getAttribute('src'), { timeout: 20_000 }).toMatch(/^blob:/)

    await context.close()
  })

  it('sends a worker who is not signed in to sign in and back to the same draft, which is then sent once; a dead access token is refreshed', async () => {
    const phone = '13900002002'
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' })
    const page = await context.newPage()
    await page.goto(server.url)
    await page.waitForSelector('#step-1')
    await page.fill('#claimant-name input', '周小芳')
    await page.fill('#claimant-phone input', phone)
    await page.click('#wizard-next')
    await page.fill('#employer-name input', '常州某某服装厂')
    await page.selectOption('#industry', 'manufacturing')
    await page.selectOption('#town', 'dingyan')
    await page.click('#wizard-next')
    await page.fill('#period-from', '2026-07')
    await page.fill('#period-to', '2026-07')
    await page.fill('#amount-yuan input', '4200')
    await page.click('#wizard-next')
    await page.fill('#description textarea', '七月的工资没发。')
    // The photo is kept on the phone (IndexedDB): a reload keeps it (issue 14).
    const chooser = page.waitForEvent('filechooser')
    await page.click('#photo-album')
    await (await chooser).setFiles({ name: 'payslip.png', mimeType: 'image/png', buffer: makePng(24, 24) })
    await expect.poll(() => page.locator('.photo-item').count()).toBe(1)
    await page.reload()
    await page.waitForSelector('#step-4')
    await expect.poll(() => page.locator('.photo-item').count()).toBe(1)
    expect(await page.locator('#photos-notice').count()).toBe(0)
    expect(await page.inputValue('#description textarea')).toBe('七月的工资没发。')
    await page.click('#wizard-next')
    await page.check('#consent')
    const posts: string[] = []
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/claims') {
        posts.push(request.headers()['idempotency-key'] ?? '')
      }
    })
    const key = (await storedDraft(page))?.idempotencyKey
    expect(key).toBeTruthy()
    await page.click('#submit')

    // The sign-in page opens on top of the wizard, with the phone typed on step 1 and the privacy
    // consent given on step 5 already there…
    await page.waitForSelector('#login-submit')
    expect(page.url()).toContain('returnTo=')
    expect(await page.inputValue('#login-phone input')).toBe(phone)
    expect(await page.getAttribute('#privacy-consent', 'aria-checked')).toBe('true')
    const since = Date.now()
    await page.click('#sms-send')
    await page.fill('#login-code input', await readSmsCode(server.url, phone, since))
    await page.click('#login-submit')

    // …and goes back to it, which sends the claim by itself: no second 提交投诉, one POST, the
    // draft's own idempotency key.
    await page.waitForSelector('#claim-success', { timeout: 30_000 })
    expect(posts).toEqual([key])
    const reference = (await page.locator('.claim-reference').textContent())?.trim()

    // The access token dies (as after 15 minutes): the next call refreshes once and carries on.
    const before = await storedSession(page)
    await page.evaluate(() => {
      const raw = localStorage.getItem('huxin:session:v1') ?? '{}'
      const stored = JSON.parse(raw) as { data: { accessToken: string } }
      stored.data.accessToken = 'not-a-valid-token'
      localStorage.setItem('huxin:session:v1', JSON.stringify(stored))
    })
    await page.reload()
    const refreshes: number[] = []
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/v1/auth/refresh') refreshes.push(response.status())
    })
    await page.goto(`${server.url}/#/pages/claims/mine/index`)
    await page.waitForSelector('.claim-item', { timeout: 30_000 })
    expect((await page.locator('.claim-item-reference').allTextContents()).map((t) => t.trim())).toEqual([reference])
    expect(refreshes).toEqual([200])
    const after = await storedSession(page)
    expect(after.refreshToken).not.toBe(before.refreshToken)
    expect(after.accessToken).not.toBe('not-a-valid-token')

    await context.close()
  })
})

if (!browserAvailable) {
  describe('H5 worker flow in Chromium', () => {
    it.skip(BROWSER_SKIP_REASON, () => {})
  })
}
