/**
 * The wizard on a 360×740 phone, in Chromium against the real server process (issue 14): the work
 * site picked on the map (and the phone's position) reaches the claim; photos survive a reload
 * before sending (IndexedDB) and a lost photo is a clear warning on step 5, not "没有照片"; the
 * browser's back button steps back through the wizard. axe on every step shown.
 * HUXIN_SCREENSHOTS=1 also writes docs/screenshots/wizard-step-N.png (and step 1 with its errors).
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { ClaimDetail } from '@huxin/shared'
import { TOWN_CENTRES } from '@huxin/shared/domain/town-centres'
import { expectNoSeriousAxeViolations } from '../helpers/axe'
import { browserAvailable, launchChromium } from '../helpers/browser'
import { makePng } from '../helpers/png'
import { ensureH5Built, REPO_ROOT, startServer, type ServerProcess } from '../helpers/server-process'
import { signInByPhone, storedSession } from '../helpers/worker'

const SHOTS = process.env.HUXIN_SCREENSHOTS === '1' ? path.join(REPO_ROOT, 'docs', 'screenshots') : undefined

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) })
}

async function stepOne(page: Page, phone: string): Promise<void> {
  await page.fill('#claimant-name input', '赵铁柱')
  await page.fill('#claimant-phone input', phone)
  await page.click('#wizard-next')
  await page.waitForSelector('#step-2')
}

async function stepTwo(page: Page): Promise<void> {
  await page.fill('#employer-name input', '常州某某装饰工程有限公司')
  await page.selectOption('#industry', 'construction')
  await page.selectOption('#town', 'henglin')
}

async function stepThree(page: Page): Promise<void> {
  await page.fill('#period-from', '2026-04')
  await page.fill('#period-to', '2026-07')
  await page.fill('#amount-yuan input', '9800')
  await page.click('#wizard-next')
  await page.waitForSelector('#step-4')
}

async function addPhoto(page: Page, name: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser')
  await page.click('#photo-album')
  await (await chooser).setFiles({ name, mimeType: 'image/png', buffer: makePng(20, 20) })
}

describe.skipIf(!browserAvailable)('the claim wizard on a phone (issue 14)', () => {
  let server: ServerProcess
  let browser: Browser
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    ensureH5Built()
    server = await startServer()
    browser = await launchChromium()
    // The H5 build when sources changed: minutes on two busy cores.
  }, 600_000)
  afterAll(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
    await server?.stop()
  })

  async function phone(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', deviceScaleFactor: 1 })
    contexts.push(context)
    return context.newPage()
  }

  it('sends the site picked on the map with the claim, and keeps a photo across a reload', async () => {
    const page = await phone()
    const PHONE = '13900007001'
    await signInByPhone(page, server.url, PHONE)
    await shot(page, 'wizard-step-1')
    if (SHOTS) {
      // The error picture: 下一步 on the empty step — announced, marked, focused.
      await page.fill('#claimant-name input', '')
      await page.click('#wizard-next')
      await page.locator('#form-notice').waitFor()
      await shot(page, 'wizard-step-1-errors')
    }
    await stepOne(page, PHONE)
    await stepTwo(page)

    // 工作地点: open the map (it opens on the town chosen above) and tap its middle.
    expect(await page.textContent('#site-status')).toBe('还没有标出位置')
    await page.click('#site-pick-map')
    const canvas = page.locator('#site-map-canvas')
    await canvas.waitFor()
    const box = await canvas.boundingBox()
    expect(box).not.toBeNull()
    await canvas.click({ position: { x: (box?.width ?? 0) / 2, y: (box?.height ?? 0) / 2 } })
    await expect.poll(() => page.textContent('#site-status')).toBe('已在地图上标出位置')
    await page.fill('#site-address input', '横林镇崔桥路 18 号某某花园工地')
    await expectNoSeriousAxeViolations(page, 'wizard step 2 with the site map')
    await shot(page, 'wizard-step-2')
    await page.click('#wizard-next')
    await page.waitForSelector('#step-3')
    await shot(page, 'wizard-step-3')
    await stepThree(page)
    await page.fill('#description textarea', '四月到七月装修的工钱没给。')
    await addPhoto(page, 'payslip.png')
    await expect.poll(() => page.locator('.photo-item').count()).toBe(1)

    // The page reloads before sending: the photo is still there, read back from IndexedDB.
    await page.reload()
    await page.waitForSelector('#step-4')
    await expect.poll(() => page.locator('.photo-item').count()).toBe(1)
    expect(await page.locator('#photos-notice').count()).toBe(0)
    await expect.poll(() => page.$eval('.photo-item img', (img) => (img as HTMLImageElement).naturalWidth)).toBe(20)
    await shot(page, 'wizard-step-4')
    await page.click('#wizard-next')
    await page.waitForSelector('#step-5')
    const summary = (await page.textContent('#claim-summary')) ?? ''
    expect(summary).toContain('横林镇崔桥路 18 号某某花园工地（已在地图上标出）')
    expect(summary).toContain('证据照片：1 张')
    await page.check('#consent')
    await shot(page, 'wizard-step-5')

    const created = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/claims' && r.request().method() === 'POST')
    await page.click('#submit')
    const posted = (await (await created).json()) as ClaimDetail
    await page.waitForSelector('#claim-success')
    expect(await page.textContent('#photos-sent')).toContain('1 张')

    const { accessToken } = await storedSession(page)
    const detail = (await (
      await fetch(`${server.url}/api/v1/claims/${posted.id}`, { headers: { authorization: `Bearer ${accessToken}` } })
    ).json()) as ClaimDetail
    const centre = TOWN_CENTRES.henglin
    expect(detail.site?.address).toBe('横林镇崔桥路 18 号某某花园工地')
    // The middle of a map that opened on 横林镇 at zoom 15 (about 1 km across).
    expect(Math.abs((detail.site?.lat ?? 0) - centre.lat)).toBeLessThan(0.005)
    expect(Math.abs((detail.site?.lng ?? 0) - centre.lng)).toBeLessThan(0.005)
    expect(detail.attachments?.length).toBe(1)
    // Sent: nothing is left in the phone's photo store.
    const left = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('huxin-photos')
          open.onsuccess = () => {
            const count = open.result.transaction('photos').objectStore('photos').count()
            count.onsuccess = () => resolve(count.result)
          }
        }),
    )
    expect(left).toBe(0)
  })

  it('uses the phone position as the site', async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: 'zh-CN',
      geolocation: { latitude: 31.7402, longitude: 120.1462 },
      permissions: ['geolocation'],
    })
    contexts.push(context)
    const page = await context.newPage()
    const PHONE = '13900007002'
    await signInByPhone(page, server.url, PHONE)
    await stepOne(page, PHONE)
    await stepTwo(page)
    await page.click('#site-here')
    await expect.poll(() => page.textContent('#site-status')).toBe('已在地图上标出位置')
    const draft = await page.evaluate(() => localStorage.getItem('huxin:claim-draft:v2'))
    const stored = (JSON.parse(draft ?? '{}') as { data: { siteLat: number; siteLng: number } }).data
    expect(stored.siteLat).toBeCloseTo(31.7402, 6)
    expect(stored.siteLng).toBeCloseTo(120.1462, 6)
    await page.click('#site-clear')
    await expect.poll(() => page.textContent('#site-status')).toBe('还没有标出位置')
  })

  it('steps back through the wizard with the browser back button instead of leaving it', async () => {
    const page = await phone()
    const PHONE = '13900007004'
    await signInByPhone(page, server.url, PHONE)
    const wizardUrl = page.url()
    await stepOne(page, PHONE)
    await stepTwo(page)
    await page.click('#wizard-next')
    await page.waitForSelector('#step-3')

    await page.goBack()
    await page.waitForSelector('#step-2')
    expect(page.url()).toBe(wizardUrl)
    expect(await page.inputValue('#employer-name input')).toBe('常州某某装饰工程有限公司')
    await page.goBack()
    await page.waitForSelector('#step-1')
    expect(await page.inputValue('#claimant-name input')).toBe('赵铁柱')
    // Forward again, then the page's own 上一步 and the back button agree.
    await page.click('#wizard-next')
    await page.waitForSelector('#step-2')
    await page.click('#wizard-next')
    await page.waitForSelector('#step-3')
    await page.click('#wizard-back')
    await page.waitForSelector('#step-2')
    await page.goBack()
    await page.waitForSelector('#step-1')
    expect(await page.locator('#step-1').isVisible()).toBe(true)
    await expectNoSeriousAxeViolations(page, 'wizard step 1 after stepping back')
  })

  it('warns on step 5 when photos were lost, instead of just 没有照片', async () => {
    const page = await phone()
    const PHONE = '13900007003'
    await signInByPhone(page, server.url, PHONE)
    await stepOne(page, PHONE)
    await stepTwo(page)
    await page.click('#wizard-next')
    await page.waitForSelector('#step-3')
    await stepThree(page)
    await page.fill('#description textarea', '工钱没给。')
    await addPhoto(page, 'a.png')
    await expect.poll(() => page.locator('.photo-item').count()).toBe(1)
    // The browser threw the stored photos away (storage cleared, private mode…).
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const open = indexedDB.open('huxin-photos')
          open.onsuccess = () => {
            const tx = open.result.transaction('photos', 'readwrite')
            tx.objectStore('photos').clear()
            tx.oncomplete = () => resolve()
          }
        }),
    )
    await page.reload()
    await page.waitForSelector('#step-4')
    await expect.poll(() => page.textContent('#photos-notice')).toContain('1 张照片没能保存下来')
    expect(await page.locator('.photo-item').count()).toBe(0)
    await page.click('#wizard-next')
    await page.waitForSelector('#step-5')
    expect(await page.textContent('#photos-lost-warning')).toContain('之前选的 1 张证据照片丢失了')
    expect(await page.getAttribute('#photos-lost-warning', 'role')).toBe('alert')
    expect(await page.textContent('#claim-summary')).toContain('没有照片（另有 1 张之前选的照片丢失了')
    await expectNoSeriousAxeViolations(page, 'wizard step 5 with lost photos')
    // Choosing photos again ends the warning.
    await page.click('#edit-step-4')
    await page.waitForSelector('#step-4')
    await addPhoto(page, 'b.png')
    await expect.poll(() => page.locator('.photo-item').count()).toBe(1)
    await page.click('#wizard-next')
    await page.waitForSelector('#step-5')
    expect(await page.locator('#photos-lost-warning').count()).toBe(0)
  })
})
