/**
 * The worker's journey as a keyboard and screen-reader user would take it, in Chromium at 360×740
 * against the real server process (issue 14): every page has a level-1 heading and no serious or
 * critical axe-core violation (wizard steps, with errors shown too, sign-in, success, 我的投诉,
 * claim detail, 找帮助 map and detail); text boxes have linked labels; the wizard's buttons are
 * real buttons reached with Tab and pressed with Enter; an error is announced (role="alert"),
 * marks its field aria-invalid, moves the focus to it and goes away once fixed. And the phone
 * number is never lost: the sign-in form is pre-filled from step 1, the consent carries over, the
 * claim is sent by itself once signed in, and the verified number fills the next claim.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { ClaimDetail } from '@huxin/shared'
import { expectNoSeriousAxeViolations } from '../helpers/axe'
import { BROWSER_SKIP_REASON, browserAvailable, launchChromium } from '../helpers/browser'
import { makePng } from '../helpers/png'
import { ensureH5Built, startServer, type ServerProcess } from '../helpers/server-process'
import { readSmsCode, storedSession } from '../helpers/worker'

const PHONE = '13900003001'

async function activeId(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.id ?? '')
}

/** Presses Tab until the element with that id has the focus (at most `limit` times). */
async function tabTo(page: Page, id: string, limit = 25): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if ((await activeId(page)) === id) return
    await page.keyboard.press('Tab')
  }
  expect(await activeId(page)).toBe(id)
}

/** Level-1 headings on screen (Taro's H5 router keeps the pages below hidden in the document). */
async function headings(page: Page): Promise<number> {
  return page.$$eval('[role="heading"][aria-level="1"], h1', (els) => els.filter((el) => el.checkVisibility({ opacityProperty: true, visibilityProperty: true })).length)
}

/** The text of the label linked to a control (its `labels`, or aria-label). */
async function labelOf(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (el) => {
    const labels = (el as HTMLInputElement).labels
    return (labels && labels.length > 0 ? labels[0]?.textContent : el.getAttribute('aria-label')) ?? ''
  })
}

describe.skipIf(!browserAvailable)('the worker pages are accessible (Chromium, axe-core)', () => {
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

  it('walks the wizard by keyboard, signs in with the phone carried over and finds the claim sent once', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' })
    const page = await context.newPage()
    await page.goto(server.url)
    await page.waitForSelector('#step-1')
    await expect.poll(() => headings(page)).toBe(1)
    expect(await page.locator('#confidential-offer').textContent()).toContain('可以要求保密')
    expect(await labelOf(page, '#claimant-name input')).toContain('姓名')
    expect(await labelOf(page, '#claimant-phone input')).toContain('手机号')
    await expectNoSeriousAxeViolations(page, 'wizard step 1')

    // 下一步 is a real button: reached with Tab, pressed with Enter. The empty step is refused:
    // the message is announced, the first field in error is marked and gets the focus.
    await page.focus('#claimant-name input')
    await tabTo(page, 'wizard-next')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('#form-notice').getAttribute('role')).toBe('alert')
    await expect.poll(() => activeId(page)).toBe('claimant-name-input')
    expect(await page.getAttribute('#claimant-name input', 'aria-invalid')).toBe('true')
    expect(await page.getAttribute('#claimant-name input', 'aria-describedby')).toContain('claimant-name-error')
    expect(await page.locator('#claimant-phone-error').textContent()).toBe('请填写手机号，工作人员要打这个号码联系您')
    await expectNoSeriousAxeViolations(page, 'wizard step 1 with errors')

    // Plain words for a wrong number; the one banner goes once every field is fixed.
    await page.keyboard.type('赵春生')
    await page.fill('#claimant-phone input', '1390000')
    await page.click('#wizard-next')
    await expect.poll(() => page.locator('#claimant-phone-error').textContent()).toBe('这个号码不对，请再看看：手机号是 1 开头的 11 位数字')
    await expect.poll(() => activeId(page)).toBe('claimant-phone-input')
    await page.fill('#claimant-phone input', PHONE)
    await expect.poll(() => page.locator('#form-notice').count()).toBe(0)
    await page.keyboard.press('Tab')
    await tabTo(page, 'wizard-next')
    await page.keyboard.press('Enter')

    await page.waitForSelector('#step-2')
    await page.click('#wizard-next')
    await expect.poll(() => activeId(page)).toBe('employer-name-input')
    await expectNoSeriousAxeViolations(page, 'wizard step 2 with errors')
    await page.fill('#employer-name input', '常州某某装饰工程有限公司')
    await page.selectOption('#industry', 'construction')
    await page.selectOption('#town', 'henglin')
    await page.click('#wizard-next')

    await page.waitForSelector('#step-3')
    await page.fill('#period-from', '2026-04')
    await page.fill('#period-to', '2026-05')
    await page.fill('#amount-yuan input', '6800')
    await page.click('#co-worker-add')
    await page.fill('#co-worker-0-name input', '钱大勇')
    expect(await labelOf(page, '#co-worker-0-name input')).toContain('工友 1')
    await expectNoSeriousAxeViolations(page, 'wizard step 3')
    await page.click('#wizard-next')

    await page.waitForSelector('#step-4')
    await page.fill('#description textarea', '四五月份在横林镇装修，工钱没结。')
    const chooser = page.waitForEvent('filechooser')
    await page.click('#photo-album')
    await (await chooser).setFiles({ name: 'iou.png', mimeType: 'image/png', buffer: makePng() })
    await expect.poll(() => page.locator('.photo-item').count()).toBe(1)
    expect(await page.getAttribute('.photo-item img', 'alt')).toBe('证据照片 1')
    await expectNoSeriousAxeViolations(page, 'wizard step 4 with a photo')
    await page.click('#wizard-next')

    await page.waitForSelector('#step-5')
    await expectNoSeriousAxeViolations(page, 'wizard step 5')
    // The consent tick box from the keyboard: Space.
    await page.focus('#consent')
    await page.keyboard.press('Space')
    expect(await page.getAttribute('#consent', 'aria-checked')).toBe('true')
    // 修改 is a button too.
    await page.focus('#edit-step-1')
    await page.keyboard.press('Enter')
    await page.waitForSelector('#step-1')
    expect(await page.inputValue('#claimant-phone input')).toBe(PHONE)
    for (let step = 1; step < 5; step++) await page.click('#wizard-next')
    await page.waitForSelector('#step-5')

    const posts: string[] = []
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/claims') {
        posts.push(request.headers()['idempotency-key'] ?? '')
      }
    })
    await page.focus('#submit')
    await page.keyboard.press('Enter')

    // Sign-in: the phone from step 1 and the consent from step 5 are already there.
    await page.waitForSelector('#login-submit')
    await expect.poll(() => headings(page)).toBe(1)
    expect(await page.inputValue('#login-phone input')).toBe(PHONE)
    expect(await page.getAttribute('#privacy-consent', 'aria-checked')).toBe('true')
    expect(await labelOf(page, '#login-code input')).toContain('验证码')
    await expectNoSeriousAxeViolations(page, 'sign-in')
    const since = Date.now()
    await page.click('#sms-send')
    await page.fill('#login-code input', await readSmsCode(server.url, PHONE, since))
    await page.focus('#login-submit')
    await page.keyboard.press('Enter')

    // Back on the wizard the claim goes by itself, once.
    await page.waitForSelector('#claim-success', { timeout: 30_000 })
    expect(posts).toHaveLength(1)
    await expect.poll(() => headings(page)).toBe(1)
    await expectNoSeriousAxeViolations(page, 'claim filed')
    const { accessToken } = await storedSession(page)
    const list = (await (await fetch(`${server.url}/api/v1/claims`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as {
      items: ClaimDetail[]
    }
    expect(list.items).toHaveLength(1)
    expect(list.items[0]?.claimant.phoneMasked).toBe('139****3001')

    // 我的投诉 and the claim's page.
    await page.click('#go-mine')
    await page.waitForSelector('.claim-item')
    await expect.poll(() => headings(page)).toBe(1)
    await expectNoSeriousAxeViolations(page, '我的投诉')
    await page.click('.claim-item')
    await expect.poll(() => page.locator('#detail-status').textContent()).toBe('已提交，等待受理')
    await expect.poll(() => page.locator('.evidence-thumb img').getAttribute('alt'), { timeout: 20_000 }).toBeTruthy()
    await expectNoSeriousAxeViolations(page, 'claim detail')

    // The next claim starts with the verified number as its contact number.
    await page.goto(server.url)
    await page.click('#file-another')
    await page.waitForSelector('#step-1')
    await expect.poll(() => page.inputValue('#claimant-phone input')).toBe(PHONE)
    expect(await page.locator('#claimant-phone-hint').textContent()).toContain('登录时验证过的号码')
    await context.close()
  })

  it('找帮助: the map page and a help point have a heading and no serious axe violation', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' })
    const page = await context.newPage()
    // No tile server here: tiles are refused, as on a phone without map tiles.
    await page.route(/tile|tianditu/, (route) => route.abort())
    await page.goto(`${server.url}/#/pages/help/map/index?town=henglin`)
    await page.waitForSelector('#help-list .help-item', { timeout: 30_000 })
    await expect.poll(() => headings(page)).toBe(1)
    await expectNoSeriousAxeViolations(page, '找帮助 map')
    await page.click('#help-list .help-item')
    await page.waitForSelector('#help-detail', { timeout: 30_000 })
    await expect.poll(() => headings(page)).toBe(1)
    await expectNoSeriousAxeViolations(page, '找帮助 detail')
    await context.close()
  })
})

if (!browserAvailable) {
  describe('the worker pages are accessible (Chromium, axe-core)', () => {
    it.skip(BROWSER_SKIP_REASON, () => {})
  })
}
