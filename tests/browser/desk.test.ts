/**
 * The inspector's desk in Chromium (issue 14), as an inspector uses it at 1280×800 with 300 open
 * claims: the dense table (≥ 20 claims in the first screen), counts, search by name and by phone,
 * sorting, the whole queue reachable, opening a claim and coming back to the same filters, rows and
 * scroll; the confidentiality banner, co-workers and priority on the claim page; the accept dialog
 * and the sign-in form within the screen at 1280×800 and 360×740; the accounts page's confirmations
 * and the TOTP QR dialog. axe on every page. Screenshots for docs/desk.md.
 */
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { Claim, TokenPair } from '@huxin/shared'
import { expectNoSeriousAxeViolations } from '../helpers/axe'
import { BROWSER_SKIP_REASON, browserAvailable, launchChromium } from '../helpers/browser'
import { ensureH5Built, REPO_ROOT, startServer, tempDataDir, type ServerProcess } from '../helpers/server-process'
import { totpAt, totpStep } from '../../server/src/modules/auth/index'

const INSPECTOR = { username: 'wu.yaoguan', password: 'Yaoguan-Desk-2026' }
const ADMIN = { username: 'desk.admin', password: 'Bureau-Desk-2026' }
const SECRET_WORKER = { name: '欧阳晓梅', phone: '13912345678' }
const OPEN_CLAIMS = 300
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

/** Rows of the desk's table whose whole box lies inside the viewport. */
async function rowsInFirstScreen(page: Page): Promise<number> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.desk-row')).filter((row) => {
      const box = row.getBoundingClientRect()
      return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight
    }).length,
  )
}

/** Whether the element's box lies wholly inside the viewport (reachable without scrolling). */
async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const box = el.getBoundingClientRect()
    return box.height > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth
  })
}

/** How far the desk is scrolled: Taro's H5 page element scrolls, or the document. */
const scrollY = (page: Page) =>
  page.evaluate(() => {
    const taroPage = document.querySelector('#desk-table')?.closest('.taro_page')
    return (taroPage?.scrollTop ?? 0) + (document.scrollingElement ?? document.documentElement).scrollTop
  })
const amounts = (page: Page) =>
  page.locator('.desk-row td:nth-child(5)').evaluateAll((cells) => cells.map((c) => Number((c.textContent ?? '').replace(/[^\d.]/g, ''))))

/** Whether the numbers are in order. */
const sorted = (values: number[], order: 'asc' | 'desc') => values.every((v, i) => i === 0 || (order === 'asc' ? (values[i - 1] ?? v) <= v : (values[i - 1] ?? v) >= v))

/** Loads pages (加载更多, or the list's end) until at least `n` rows show. */
async function loadAtLeast(page: Page, n: number) {
  await expect
    .poll(
      async () => {
        const count = await page.locator('.desk-row').count()
        if (count < n && (await page.locator('#triage-more').count()) > 0) await page.click('#triage-more').catch(() => {})
        return count
      },
      { timeout: 60_000 },
    )
    .toBeGreaterThanOrEqual(n)
}

async function signIn(page: Page, url: string, account: { username: string; password: string }, totp?: string) {
  await page.goto(`${url}/#/inspector/login/index`)
  await page.fill('#staff-username input', account.username)
  await page.fill('#staff-password input', account.password)
  if (totp) await page.fill('#staff-totp input', totp)
  await page.click('#staff-login')
}

describe.skipIf(!browserAvailable)("the inspector's desk in Chromium", () => {
  let server: ServerProcess
  let browser: Browser
  let adminSecret = ''
  let secretClaim: Claim

  beforeAll(async () => {
    ensureH5Built()
    mkdirSync(SHOTS, { recursive: true })
    const dataDir = tempDataDir()
    createAccount(dataDir, ['--username', INSPECTOR.username, '--password', INSPECTOR.password, '--role', 'inspector', '--town', 'yaoguan'])
    const enrolment = createAccount(dataDir, ['--username', ADMIN.username, '--password', ADMIN.password, '--role', 'admin'])
    adminSecret = /[?&]secret=([A-Z2-7]+)/.exec(enrolment)?.[1] ?? ''
    server = await startServer({ dataDir })
    browser = await launchChromium()

    // 300 open claims entered by the inspector through the API (hotline intake), four at a time.
    const login = await fetch(`${server.url}/api/v1/auth/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(INSPECTOR),
    })
    const { accessToken } = (await login.json()) as TokenPair
    const file = async (i: number): Promise<Claim> => {
      const secret = i === 137
      const body = {
        claimant: secret ? SECRET_WORKER : { name: `工人${String(i).padStart(3, '0')}`, phone: `1370000${String(i).padStart(4, '0')}` },
        employer: { name: `遥观第${(i % 40) + 1}建筑劳务有限公司` },
        project: { name: `遥观项目${i}` },
        industry: i % 3 === 0 ? 'manufacturing' : 'construction',
        town: 'yaoguan',
        periodFrom: '2026-05',
        periodTo: '2026-08',
        amountOwedFen: 100_000 + ((i * 7919) % 300) * 10_000,
        workersCount: secret ? 3 : 1 + (i % 4),
        coWorkers: secret ? [{ name: '欧阳建' }, { name: '欧阳平', phone: '13800001111' }] : [],
        description: `第${i}号投诉：工资一直没有发放。`,
        confidential: secret || i % 5 === 0,
        consent: { privacyVersion: '2026-11', sensitiveInfo: false },
        channel: 'hotline',
        workerConsent: { how: 'verbal', note: '电话中口头同意代为登记' },
      }
      const response = await fetch(`${server.url}/api/v1/claims`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}`, 'idempotency-key': randomUUID() },
        body: JSON.stringify(body),
      })
      if (response.status !== 201) throw new Error(`filing ${i} failed: ${response.status} ${await response.text()}`)
      return (await response.json()) as Claim
    }
    for (let start = 0; start < OPEN_CLAIMS; start += 4) {
      const batch = await Promise.all([0, 1, 2, 3].filter((k) => start + k < OPEN_CLAIMS).map((k) => file(start + k)))
      const found = batch.find((c) => c.claimant.name === SECRET_WORKER.name)
      if (found) secretClaim = found
    }
  }, 600_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('signs in on one screen, at a desk and on a phone', async () => {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 360, height: 740 },
    ]) {
      const context = await browser.newContext({ viewport, locale: 'zh-CN' })
      const page = await context.newPage()
      await page.goto(`${server.url}/#/inspector/login/index`)
      await page.locator('#staff-login').waitFor()
      expect(await inViewport(page, '#staff-login'), `登录 at ${viewport.width}×${viewport.height}`).toBe(true)
      expect(await inViewport(page, '#staff-totp'), `动态口令 at ${viewport.width}×${viewport.height}`).toBe(true)
      await expectNoSeriousAxeViolations(page, `staff sign-in at ${viewport.width}×${viewport.height}`)
      await context.close()
    }
  }, 120_000)

  it('shows 300 claims as a dense table, searchable, sortable, and keeps its place across a claim', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
    const page = await context.newPage()
    await signIn(page, server.url, INSPECTOR)
    await page.locator('.desk-row').first().waitFor({ timeout: 30_000 })
    await expect.poll(() => page.locator('#count-awaiting').textContent()).toContain(String(OPEN_CLAIMS))
    expect(await page.locator('#count-received').textContent()).toContain(String(OPEN_CLAIMS))
    expect(await rowsInFirstScreen(page)).toBeGreaterThanOrEqual(20)
    // Priority in words, never points; the confidentiality mark in the queue.
    const levels = await page.locator('.desk-priority').allTextContents()
    expect(levels.length).toBeGreaterThan(0)
    for (const level of levels) expect(['高', '中', '低']).toContain(level)
    expect(await page.locator('#desk-table').textContent()).not.toMatch(/优先级 \d/)
    expect(await page.locator('.desk-confidential').count()).toBeGreaterThan(0)
    await page.screenshot({ path: path.join(SHOTS, 'desk-1280x800.png') })
    await expectNoSeriousAxeViolations(page, 'triage desk (1280×800)')

    // The whole queue in a few steps: 100 a page, then the list's end loads the next.
    await page.selectOption('#desk-page-size', '100')
    await loadAtLeast(page, OPEN_CLAIMS)
    expect(await page.locator('.desk-row').count()).toBe(OPEN_CLAIMS)
    await expect.poll(() => page.locator('#triage-shown').textContent()).toContain('已全部显示')
    const references = await page.locator('.desk-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-reference')))
    expect(new Set(references).size).toBe(OPEN_CLAIMS)

    // Sorting on the server: by amount, largest first, then smallest first.
    // The seeded amounts are 1,000 … 30,900 yuan, each once (7919 is prime to 300).
    await page.click('.desk-sort[data-sort="amount"]')
    await expect.poll(async () => (await amounts(page))[0]).toBe(30_900)
    await expect.poll(async () => sorted(await amounts(page), 'desc')).toBe(true)
    expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain('欠薪金额')
    await page.click('.desk-sort[data-sort="amount"]')
    await expect.poll(() => page.locator('th[aria-sort="ascending"]').count()).toBe(1)
    await expect.poll(async () => (await amounts(page))[0]).toBe(1_000)
    await expect.poll(async () => sorted(await amounts(page), 'asc')).toBe(true)

    // Search: by the claimant's name, by the full phone (typed with spaces), then cleared.
    await page.fill('#desk-search', SECRET_WORKER.name)
    await page.press('#desk-search', 'Enter')
    await expect.poll(() => page.locator('.desk-row').count()).toBe(1)
    expect(await page.locator('.desk-row').getAttribute('data-reference')).toBe(secretClaim.reference)
    await page.fill('#desk-search', '139 1234 5678')
    await page.click('#desk-search-go')
    await expect.poll(() => page.locator('#desk-search').inputValue()).toBe('139 1234 5678')
    await expect.poll(() => page.locator('.desk-row').getAttribute('data-reference')).toBe(secretClaim.reference)
    expect(await page.locator('.desk-row').count()).toBe(1)
    await page.fill('#desk-search', '第7建筑劳务')
    await page.press('#desk-search', 'Enter')
    await expect.poll(() => page.locator('.desk-row').count()).toBeGreaterThan(1)
    for (const name of await page.locator('.desk-row .desk-col-employer').allTextContents()) expect(name).toContain('第7建筑劳务')
    await page.click('#desk-search-clear')

    // Filters and scroll survive a claim: deadline order, 100 a page, two pages, far down the list.
    await page.selectOption('#desk-sort-by', 'deadline:asc')
    await expect.poll(() => page.locator('th[aria-sort="ascending"]').textContent()).toContain('受理期限')
    await loadAtLeast(page, 200)
    const target = page.locator('.desk-row').nth(150)
    await target.scrollIntoViewIfNeeded()
    const reference = (await target.getAttribute('data-reference')) ?? ''
    await page.waitForTimeout(300) // let the page's scroll handler record the position
    const before = await scrollY(page)
    expect(before).toBeGreaterThan(1000)
    const shown = await page.locator('.desk-row').count()
    await target.locator('.desk-open').click()
    await expect.poll(() => page.locator('#claim-reference:visible').textContent()).toBe(reference)
    await page.click('#claim-back')
    await expect.poll(() => page.locator('.desk-row:visible').count()).toBe(shown)
    expect(await page.locator('#desk-sort-by').inputValue()).toBe('deadline:asc')
    expect(await page.locator('#desk-page-size').inputValue()).toBe('100')
    await expect.poll(async () => Math.abs((await scrollY(page)) - before)).toBeLessThan(60)
    expect(await page.locator(`.desk-row[data-reference="${reference}"]`).isVisible()).toBe(true)

    await context.close()
  }, 300_000)

  it('tells the inspector the worker asked for confidentiality, with co-workers, industry and priority; the accept dialog fits', async () => {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 360, height: 740 },
    ]) {
      const context = await browser.newContext({ viewport, locale: 'zh-CN' })
      const page = await context.newPage()
      await signIn(page, server.url, INSPECTOR)
      await page.locator('#count-awaiting').waitFor({ timeout: 30_000 })
      if (viewport.width < 1024) {
        // The phone keeps its cards: priority in words, the confidentiality mark, search.
        await page.locator('.triage-item').first().waitFor()
        expect(await page.locator('#desk-table').count()).toBe(0)
        expect(await page.locator('.triage-priority').first().textContent()).toMatch(/^优先级 [高中低]$/)
        await page.fill('#desk-search', SECRET_WORKER.phone.slice(-4))
        await page.press('#desk-search', 'Enter')
        await expect.poll(() => page.locator(`.triage-item[data-reference="${secretClaim.reference}"]`).count()).toBe(1)
        expect(await page.locator(`.triage-item[data-reference="${secretClaim.reference}"] .triage-confidential`).textContent()).toBe('投诉人要求保密')
        await expectNoSeriousAxeViolations(page, 'triage cards (360×740)')
      }
      await page.goto(`${server.url}/#/inspector/claim/index?id=${secretClaim.id}`)
      await expect.poll(() => page.locator('#claim-confidential').textContent(), { timeout: 30_000 }).toBe(
        '投诉人要求保密：不得向用人单位透露其姓名、电话',
      )
      expect(await page.locator('.claim-coworker').allTextContents()).toEqual(['欧阳建', expect.stringMatching(/^欧阳平 138\*+1111$/)])
      expect(await page.locator('#claim-industry').textContent()).toContain('建筑业')
      expect(await page.locator('#claim-period').textContent()).toContain('2026年5月 至 2026年8月')
      expect(await page.locator('#claim-contact').textContent()).toContain('139****5678')
      await expect.poll(() => page.locator('#claim-priority').textContent()).toMatch(/^[高中低]$/)
      if (viewport.width === 1280) {
        await page.screenshot({ path: path.join(SHOTS, 'desk-claim-1280x800.png') })
        await expectNoSeriousAxeViolations(page, 'claim page (1280×800)')
      }
      await page.click('#action-accept')
      await page.locator('#transition-dialog').waitFor()
      expect(await inViewport(page, '#transition-confirm'), `确定 at ${viewport.width}×${viewport.height}`).toBe(true)
      expect(await inViewport(page, '#transition-cancel'), `取消 at ${viewport.width}×${viewport.height}`).toBe(true)
      await page.click('#transition-cancel')
      await expect.poll(() => page.locator('#transition-dialog').count()).toBe(0)
      await context.close()
    }
  }, 180_000)

  it('asks before disabling, enabling or resetting a second factor; shows a new enrolment once as a QR code', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
    const page = await context.newPage()
    await signIn(page, server.url, ADMIN, totpAt(adminSecret, totpStep(Date.now())))
    await page.locator('#go-accounts').click()
    const own = page.locator(`.account-row[data-username="${ADMIN.username}"]`)
    await own.waitFor()
    // No 停用 on one's own row; last sign-in as a Shanghai date.
    expect(await own.locator('.account-disable').count()).toBe(0)
    const shanghaiToday = new Date(Date.now() + 8 * 3_600_000)
    expect(await own.locator('.account-last-login').textContent()).toContain(
      `${shanghaiToday.getUTCFullYear()}年${shanghaiToday.getUTCMonth() + 1}月${shanghaiToday.getUTCDate()}日`,
    )
    await expectNoSeriousAxeViolations(page, 'accounts')

    const row = page.locator(`.account-row[data-username="${INSPECTOR.username}"]`)
    await row.locator('.account-disable').click()
    await page.locator('#confirm-dialog').waitFor()
    expect(await page.locator('#confirm-text').textContent()).toContain(INSPECTOR.username)
    await expectNoSeriousAxeViolations(page, 'accounts: confirm dialog')
    await page.click('#confirm-cancel')
    await expect.poll(() => page.locator('#confirm-dialog').count()).toBe(0)
    expect(await row.textContent()).not.toContain('已停用')
    await row.locator('.account-disable').click()
    await page.click('#confirm-ok')
    await expect.poll(() => row.textContent()).toContain('已停用')
    await row.locator('.account-enable').click()
    await page.click('#confirm-ok')
    await expect.poll(() => row.textContent()).not.toContain('已停用')

    // A new supervisor: the enrolment as a QR code in a dialog, with the secret as text.
    await page.fill('#new-username input', 'he.supervisor')
    await page.fill('#new-password input', 'Supervisor-Desk-01')
    await page.selectOption('#new-role', 'supervisor')
    await page.click('#account-create')
    await page.locator('#totp-dialog').waitFor()
    expect(await page.locator('#totp-qr').getAttribute('src')).toMatch(/^data:image\/gif;base64,/)
    expect(await page.locator('#totp-qr').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(100)
    const secret = ((await page.locator('#totp-secret').textContent()) ?? '').replace(/\s/g, '')
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/)
    expect(await page.locator('#totp-uri').textContent()).toContain(`secret=${secret}`)
    await expectNoSeriousAxeViolations(page, 'accounts: TOTP dialog')
    await page.click('#totp-done')
    await expect.poll(() => page.locator('#totp-dialog').count()).toBe(0)
    expect(await page.content()).not.toContain(secret)

    // Resetting the second factor asks first, then shows the new one once.
    const supervisor = page.locator('.account-row[data-username="he.supervisor"]')
    await supervisor.locator('.account-totp').click()
    await page.locator('#confirm-dialog').waitFor()
    await page.click('#confirm-ok')
    await page.locator('#totp-dialog').waitFor()
    const renewed = ((await page.locator('#totp-secret').textContent()) ?? '').replace(/\s/g, '')
    expect(renewed).toMatch(/^[A-Z2-7]{16,}$/)
    expect(renewed).not.toBe(secret)
    await page.click('#totp-done')
    await context.close()
  }, 180_000)
})

if (!browserAvailable) {
  describe("the inspector's desk in Chromium", () => {
    it.skip(BROWSER_SKIP_REASON, () => {})
  })
}
