/**
 * The inspector's screens in Chromium, as a desk and as a phone: the claim page's desk layout at
 * 1280×800 (two columns, the actions and the money in the first screen, desk type, 44 px targets)
 * and its single column at 360×740; 冲正 offered only to those the server allows; one period
 * format; 我负责的 searched by the claimant's name and phone; and axe-core with no exclusion on the
 * claim page (with its dialogs), the dashboard, the claims map and the national sync page.
 * Screenshots for docs/desk.md.
 */
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { Claim, ClaimDetail, TokenPair } from '@huxin/shared'
import { expectNoSeriousAxeViolations } from '../helpers/axe'
import { BROWSER_SKIP_REASON, browserAvailable, launchChromium } from '../helpers/browser'
import { ensureH5Built, REPO_ROOT, startServer, tempDataDir, type ServerProcess } from '../helpers/server-process'
import { totpAt, totpStep } from '../../server/src/modules/auth/index'

const RECORDER = { username: 'qian.yaoguan', password: 'Yaoguan-Screens-2026' }
const COLLEAGUE = { username: 'li.yaoguan', password: 'Yaoguan-Screens-2027' }
const ADMIN = { username: 'screens.admin', password: 'Bureau-Screens-2026' }
const CLAIMANT = { name: '褚桂芳', phone: '13912348765' }
const SHOTS = path.join(REPO_ROOT, 'docs', 'screenshots')

function createAccount(dataDir: string, args: string[]): string {
  const created = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'server/src/cli/user-create.ts'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, HUXIN_DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
  })
  if (created.status !== 0) throw new Error(`user:create failed: ${created.stderr}`)
  return created.stdout
}

async function signIn(page: Page, url: string, account: { username: string; password: string }, totp?: string) {
  await page.goto(`${url}/#/inspector/login/index`)
  await page.fill('#staff-username input', account.username)
  await page.fill('#staff-password input', account.password)
  if (totp) await page.fill('#staff-totp input', totp)
  await page.click('#staff-login')
  await page.waitForURL(/triage/, { timeout: 30_000 })
}

/** Whether the element's box lies wholly inside the viewport (reachable without scrolling). */
const inViewport = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el) => {
    const box = el.getBoundingClientRect()
    return box.height > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth
  })

/** Visible buttons, links and form controls smaller than 44 px high (WCAG 2.5.5 target size). */
const smallTargets = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('button, select, input:not([type=hidden]), textarea, a[href]'))
      .filter((el) => {
        const box = el.getBoundingClientRect()
        return box.width > 0 && box.height > 0 && box.height < 44
      })
      .map((el) => `${el.tagName.toLowerCase()}#${el.id} ${Math.round(el.getBoundingClientRect().height)}px "${(el.textContent ?? '').trim().slice(0, 20)}"`),
  )

/** Computed font size, in CSS px, of the first element matching. */
const fontSize = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))

describe.skipIf(!browserAvailable)("the inspector's screens in Chromium", () => {
  let server: ServerProcess
  let browser: Browser
  let adminSecret = ''
  let claim: Claim
  let recorderToken = ''

  const api = async <T>(method: string, url: string, token: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${server.url}${url}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`)
    return (await response.json()) as T
  }

  beforeAll(async () => {
    ensureH5Built()
    mkdirSync(SHOTS, { recursive: true })
    const dataDir = tempDataDir()
    createAccount(dataDir, ['--username', RECORDER.username, '--password', RECORDER.password, '--role', 'inspector', '--town', 'yaoguan'])
    createAccount(dataDir, ['--username', COLLEAGUE.username, '--password', COLLEAGUE.password, '--role', 'inspector', '--town', 'yaoguan'])
    const enrolment = createAccount(dataDir, ['--username', ADMIN.username, '--password', ADMIN.password, '--role', 'admin'])
    adminSecret = /[?&]secret=([A-Z2-7]+)/.exec(enrolment)?.[1] ?? ''
    server = await startServer({ dataDir })
    browser = await launchChromium()

    const login = await fetch(`${server.url}/api/v1/auth/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(RECORDER) })
    recorderToken = ((await login.json()) as TokenPair).accessToken
    // A confidential hotline claim with co-workers and a site, taken, accepted and partly paid.
    claim = await api<Claim>('POST', '/api/v1/claims', recorderToken, {
      claimant: CLAIMANT,
      employer: { name: '遥观精工机械有限公司' },
      project: { name: '遥观镇南区厂房扩建' },
      industry: 'manufacturing',
      town: 'yaoguan',
      site: { lat: 31.7436, lng: 120.0992, address: '遥观镇南区工业路 8 号' },
      periodFrom: '2026-05',
      periodTo: '2026-08',
      amountOwedFen: 1_250_000,
      workersCount: 3,
      coWorkers: [{ name: '褚建国' }, { name: '褚建民', phone: '13800002222' }],
      description: '五月到八月的工资一直没有发，老板说等工程款到了再发。',
      confidential: true,
      consent: { privacyVersion: '2026-11', sensitiveInfo: false },
      channel: 'hotline',
      workerConsent: { how: 'verbal', note: '电话中口头同意代为登记' },
    })
    const me = JSON.parse(Buffer.from(recorderToken.split('.')[1] ?? '', 'base64url').toString()) as { sub: string }
    await api('POST', `/api/v1/claims/${claim.id}/assign`, recorderToken, { inspectorId: me.sub })
    await api('POST', `/api/v1/claims/${claim.id}/transitions`, recorderToken, { action: 'accept', note: '予以立案。' })
    const yesterday = new Date(Date.now() - 86_400_000).toISOString()
    await api('POST', `/api/v1/claims/${claim.id}/recoveries`, recorderToken, { kind: 'wages', amountFen: 500_000, paidAt: yesterday, payer: 'employer' })
    await api('POST', `/api/v1/claims/${claim.id}/recoveries`, recorderToken, { kind: 'wages', amountFen: 300_050, paidAt: yesterday, payer: 'employer', workerName: '褚建国' })
  }, 600_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('lays the claim page out as a desk at 1280×800: two columns, the work in the first screen, desk type, 44 px targets, axe-clean', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
    const page = await context.newPage()
    await signIn(page, server.url, RECORDER)
    await page.goto(`${server.url}/#/inspector/claim/index?id=${claim.id}`)
    await expect.poll(() => page.locator('#claim-status').textContent(), { timeout: 30_000 }).toBe('已受理')
    await page.locator('.recovery-item').first().waitFor()
    await expect.poll(() => page.locator('#claim-priority').count()).toBe(1)

    // Two columns side by side: the case on the left, the work on the right.
    const facts = await page.locator('.claim-column--facts').boundingBox()
    const work = await page.locator('.claim-column--work').boundingBox()
    expect(facts && work && facts.x + facts.width <= work.x && Math.abs(facts.y - work.y) < 2).toBe(true)
    expect(await page.locator('.claim-column--facts #claim-confidential').count()).toBe(1)
    expect(await page.locator('.claim-column--facts #claim-coworkers').count()).toBe(1)
    expect(await page.locator('.claim-column--work #recoveries').count()).toBe(1)
    expect(await page.locator('.claim-column--work #claim-timeline').count()).toBe(1)
    expect(await page.locator('.claim-column--work #documents').count()).toBe(1)

    // In the first screen: the banner, the head with every case action, the money and its entries.
    for (const selector of ['#claim-back', '#claim-confidential', '#claim-deadlines', '#claim-coworkers', '#money-outstanding', '.recovery-reverse']) {
      expect(await inViewport(page, selector), `${selector} in the first screen`).toBe(true)
    }
    const actions = await page.locator('.claim-head .action-button').evaluateAll((buttons) => buttons.map((b) => b.id))
    expect(actions.length).toBeGreaterThan(0)
    for (const id of actions) expect(await inViewport(page, `#${id}`), `#${id} in the first screen`).toBe(true)
    // The form to record money is within the next screen, not at the end of a long page.
    const submitTop = await page.locator('#recovery-submit').evaluate((el) => el.getBoundingClientRect().top)
    expect(submitTop).toBeLessThan(2 * 800)

    // Desk type, like the table: 13–16 px text, nothing under 12 px; controls at least 44 px high.
    for (const selector of ['#claim-period', '.staff-event', '.recovery-item', '#claim-content .fact']) {
      const size = await fontSize(page, selector)
      expect(size, selector).toBeGreaterThanOrEqual(12)
      expect(size, selector).toBeLessThanOrEqual(16)
    }
    expect(await smallTargets(page)).toEqual([])

    // One period format on the page.
    expect(await page.locator('#claim-period').textContent()).toContain('2026年5月 至 2026年8月')
    expect(await page.locator('#claim-content').textContent()).toContain('欠薪期间：2026年5月 至 2026年8月')
    expect(await page.locator('.inspector-claim').textContent()).not.toMatch(/2026-0[58]/)

    await page.screenshot({ path: path.join(SHOTS, 'claim-1280x800.png') })
    await expectNoSeriousAxeViolations(page, 'claim page (1280×800)')

    // The dialogs: an action's, with its error; the reversal's. Both fit the screen and pass axe.
    await page.click(`#${actions[0]}`)
    await page.locator('#transition-dialog').waitFor()
    expect(await inViewport(page, '#transition-confirm')).toBe(true)
    expect(await inViewport(page, '#transition-cancel')).toBe(true)
    await expectNoSeriousAxeViolations(page, 'claim page: action dialog')
    await page.click('#transition-cancel')
    await page.locator('.recovery-reverse').first().click()
    await page.locator('#reversal-dialog').waitFor()
    await page.click('#reversal-confirm')
    await expect.poll(() => page.locator('#reversal-reason-error').textContent()).toContain('冲正原因')
    expect(await inViewport(page, '#reversal-cancel')).toBe(true)
    await expectNoSeriousAxeViolations(page, 'claim page: reversal dialog with its error')
    await page.click('#reversal-cancel')
    await context.close()
  }, 180_000)

  it('keeps the phone layout below 1024 px: one column, axe-clean', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' })
    const page = await context.newPage()
    await signIn(page, server.url, RECORDER)
    await page.goto(`${server.url}/#/inspector/claim/index?id=${claim.id}`)
    await expect.poll(() => page.locator('#claim-status').textContent(), { timeout: 30_000 }).toBe('已受理')
    await page.locator('.recovery-item').first().waitFor()
    expect(await page.locator('.claim-columns').count()).toBe(0)
    expect(await page.locator('.claim-wide').count()).toBe(0)
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await page.screenshot({ path: path.join(SHOTS, 'claim-360x740.png') })
    await expectNoSeriousAxeViolations(page, 'claim page (360×740)')
    await context.close()
  }, 120_000)

  it('offers 冲正 only to the recorder within a day (and a supervisor); the server still refuses the others', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
    const page = await context.newPage()
    await signIn(page, server.url, COLLEAGUE)
    await page.goto(`${server.url}/#/inspector/claim/index?id=${claim.id}`)
    await expect.poll(() => page.locator('.recovery-item').count(), { timeout: 30_000 }).toBe(2)
    expect(await page.locator('.recovery-reverse').count()).toBe(0)
    const token = await page.evaluate(() => {
      for (const storage of [localStorage, sessionStorage]) {
        for (let i = 0; i < storage.length; i++) {
          // Taro may keep the session as JSON inside JSON (escaped quotes).
          const match = /accessToken\\?":\\?"([^"\\]+)/.exec(storage.getItem(storage.key(i) ?? '') ?? '')
          if (match) return match[1]
        }
      }
      return ''
    })
    expect(token).not.toBe('')
    const detail = await api<ClaimDetail>('GET', `/api/v1/claims/${claim.id}`, token!)
    const first = detail.recoveries?.[0]
    expect(first?.canReverse).toBe(false)
    const refused = await fetch(`${server.url}/api/v1/claims/${claim.id}/recoveries/${first?.id}/reversal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ reason: '试一下' }),
    })
    expect(refused.status).toBe(403)

    // The recorder sees 冲正 on both entries, and uses it on one.
    await signIn(page, server.url, RECORDER)
    await page.goto(`${server.url}/#/inspector/claim/index?id=${claim.id}`)
    await expect.poll(() => page.locator('.recovery-reverse').count(), { timeout: 30_000 }).toBe(2)
    await page.locator('.recovery-item', { hasText: '3,000.50 元' }).locator('.recovery-reverse').click()
    await page.fill('#reversal-reason textarea', '付款人退回')
    await page.click('#reversal-confirm')
    // Neither the reversed entry nor the reversal offers 冲正 again.
    await expect.poll(() => page.locator('.recovery-reverse').count()).toBe(1)
    expect(await page.locator('.recovery-reversal').count()).toBe(1)
    await expectNoSeriousAxeViolations(page, 'claim page after a reversal')
    await context.close()
  }, 120_000)

  it('finds my claims (我负责的) by the claimant name and phone, as the queue does', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
    const page = await context.newPage()
    await signIn(page, server.url, RECORDER)
    await page.click('#tab-mine')
    for (const q of [CLAIMANT.name, CLAIMANT.phone.slice(-4), '139 1234 8765']) {
      await page.fill('#desk-search', q)
      await page.press('#desk-search', 'Enter')
      await expect.poll(() => page.locator('.desk-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-reference')))).toEqual([claim.reference])
    }
    await page.fill('#desk-search', '没有这个人')
    await page.press('#desk-search', 'Enter')
    await expect.poll(() => page.locator('#triage-empty').count()).toBe(1)
    await expectNoSeriousAxeViolations(page, '我负责的 with a search')
    await context.close()
  }, 120_000)

  it('checks the dashboard, the claims map and the national sync with axe, no exclusion', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
    const page = await context.newPage()
    await signIn(page, server.url, ADMIN, totpAt(adminSecret, totpStep(Date.now())))

    await page.click('#go-dashboard')
    await page.locator('.figure-card').first().waitFor({ timeout: 30_000 })
    await expectNoSeriousAxeViolations(page, 'dashboard')
    expect(await smallTargets(page)).toEqual([])

    await page.goto(`${server.url}/#/inspector/map/index`)
    await page.locator('.map-item').first().waitFor({ timeout: 30_000 })
    expect(await page.locator('.map-item').first().getAttribute('data-reference')).toBe(claim.reference)
    await expectNoSeriousAxeViolations(page, 'claims map')

    await page.goto(`${server.url}/#/inspector/sync/index`)
    await expect.poll(() => page.locator('#sync-failed').textContent(), { timeout: 15_000 }).toBe('0')
    await page.click('#sync-reconcile')
    await expect.poll(() => page.locator('#reconcile-result').textContent(), { timeout: 30_000 }).toContain('不一致')
    await expectNoSeriousAxeViolations(page, 'national sync')
    expect(await smallTargets(page)).toEqual([])
    await context.close()
  }, 180_000)
})

if (!browserAvailable) {
  describe("the inspector's screens in Chromium", () => {
    it.skip(BROWSER_SKIP_REASON, () => {})
  })
}
