/**
 * Case work end to end in Chromium against the real server process (issue: inspector casework,
 * Done when): a worker files a claim in H5; an inspector of that town, created with
 * `npm run user:create`, signs in to the inspector subpackage, finds it in the queue, accepts it,
 * records a partial and then a full wage recovery; the worker sees both amounts and confirms
 * receiving each. A claim filed with a work site, a photo and a PDF shows on the inspectors' map
 * and in its list; from its marker the inspector reaches the claim's page, where the photo is a
 * loaded thumbnail that opens full size and the PDF opens in a new tab.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import type { Attachment, Claim, ClaimList, TokenPair } from '@huxin/shared'
import { expectNoSeriousAxeViolations } from '../helpers/axe'
import { BROWSER_SKIP_REASON, browserAvailable, launchChromium } from '../helpers/browser'
import { ensureH5Built, REPO_ROOT, startServer, tempDataDir, type ServerProcess } from '../helpers/server-process'
import { makePng } from '../helpers/png'
import { readSmsCode, signInByPhone, storedSession } from '../helpers/worker'
import { totpAt, totpStep } from '../../server/src/modules/auth/index'

const PHONE = '13900003001'
const MAP_PHONE = '13900003002'
const INSPECTOR = { username: 'zhou.henglin', password: 'Henglin-Insp-2026' }
const ADMIN = { username: 'qian.admin', password: 'Bureau-Admin-2026' }

function createAccount(dataDir: string, args: string[]): string {
  const created = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'server/src/cli/user-create.ts'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, HUXIN_DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
  })
  if (created.status !== 0) throw new Error(`user:create failed: ${created.stderr}`)
  return created.stdout
}

describe.skipIf(!browserAvailable)('case work in Chromium: file, accept, recover, confirm', () => {
  let server: ServerProcess
  let browser: Browser
  let adminSecret = ''

  beforeAll(async () => {
    ensureH5Built()
    const dataDir = tempDataDir()
    // The first staff accounts come from the CLI, on the data directory before the server opens it.
    createAccount(dataDir, ['--username', INSPECTOR.username, '--password', INSPECTOR.password, '--role', 'inspector', '--town', 'henglin'])
    const enrolment = createAccount(dataDir, ['--username', ADMIN.username, '--password', ADMIN.password, '--role', 'admin'])
    adminSecret = /[?&]secret=([A-Z2-7]+)/.exec(enrolment)?.[1] ?? ''
    server = await startServer({ dataDir })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('takes a claim from the queue to a full recovery the worker confirms', async () => {
    // The worker files on a phone.
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' })
    const worker = await phone.newPage()
    await signInByPhone(worker, server.url, PHONE)
    await worker.fill('#claimant-name input', '陈立新')
    await worker.fill('#claimant-phone input', PHONE)
    await worker.click('#wizard-next')
    await worker.fill('#employer-name input', '常州某某机械配件厂')
    await worker.selectOption('#industry', 'manufacturing')
    await worker.selectOption('#town', { label: '横林镇' })
    await worker.click('#wizard-next')
    await worker.fill('#period-from', '2026-06')
    await worker.fill('#period-to', '2026-08')
    await worker.fill('#amount-yuan input', '18000')
    await worker.click('#wizard-next')
    await worker.fill('#description textarea', '六月到八月的工资一直没发。')
    await worker.click('#wizard-next')
    await worker.check('#consent')
    await worker.click('#submit')
    await worker.waitForSelector('#claim-success', { timeout: 60_000 })
    const reference = (await worker.locator('.claim-reference').textContent())?.trim() ?? ''
    expect(reference).toMatch(/^JK-\d{8}-\d{4}$/)
    const { accessToken } = await storedSession(worker)
    const mine = (await (await fetch(`${server.url}/api/v1/claims`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as ClaimList
    const claimId = mine.items[0]?.id ?? ''

    // The inspector works at a desk.
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    const inspector = await desk.newPage()
    await inspector.goto(`${server.url}/#/inspector/login/index`)
    await inspector.fill('#staff-username input', INSPECTOR.username)
    await inspector.fill('#staff-password input', 'wrong-password-1')
    await inspector.click('#staff-login')
    await expect.poll(() => inspector.locator('#staff-login-error').textContent()).toBeTruthy()
    await inspector.fill('#staff-password input', INSPECTOR.password)
    await inspector.click('#staff-login')
    // At 1280 px the queue is the desk's table (tests/browser/desk.test.ts).
    const item = inspector.locator(`.desk-row[data-reference="${reference}"]`)
    await item.waitFor({ timeout: 30_000 })
    expect(await item.locator('.desk-col-deadline').textContent()).toMatch(/工作日|今天到期/)
    await item.locator('.desk-open').click()
    await expect.poll(() => inspector.locator('#claim-reference').textContent()).toBe(reference)
    expect(await inspector.locator('#claim-status').textContent()).toBe('已提交，等待受理')

    await inspector.click('#claim-assign-me')
    await expect.poll(() => inspector.locator('#claim-assign-me').count()).toBe(0)
    await inspector.click('#action-accept')
    await inspector.fill('#transition-note textarea', '材料齐全，予以立案。')
    await inspector.click('#transition-confirm')
    await expect.poll(() => inspector.locator('#claim-status').textContent()).toBe('已受理')
    await expect.poll(() => inspector.locator('#transition-dialog').count()).toBe(0)
    // The timeline in words, never raw event types.
    await expect.poll(() => inspector.locator('.staff-event-label').allTextContents()).toEqual(expect.arrayContaining(['劳动者提交投诉', '受理（立案）']))

    // A partial recovery, then the rest.
    await inspector.selectOption('#recovery-kind', 'wages')
    await inspector.fill('#recovery-amount input', '8000')
    await inspector.click('#recovery-submit')
    await inspector.click('#recovery-confirm-save')
    await expect.poll(() => inspector.locator('#money-recovered').textContent()).toBe('8,000.00 元')
    expect(await inspector.locator('#money-outstanding').textContent()).toBe('10,000.00 元')
    await inspector.fill('#recovery-amount input', '10000')
    await inspector.click('#recovery-submit')
    await inspector.click('#recovery-confirm-save')
    await expect.poll(() => inspector.locator('#money-recovered').textContent()).toBe('18,000.00 元')
    expect(await inspector.locator('#money-outstanding').textContent()).toBe('0.00 元')
    await expect.poll(() => inspector.locator('.recovery-item').count()).toBe(2)

    // The worker sees both amounts and confirms each.
    await worker.goto(`${server.url}/#/pages/claims/detail/index?id=${claimId}`)
    await expect.poll(() => worker.locator('#detail-status').textContent()).toBe('已受理')
    await expect.poll(() => worker.locator('.recovery-text').allTextContents()).toEqual([
      expect.stringContaining('工资 8,000.00 元'),
      expect.stringContaining('工资 10,000.00 元'),
    ])
    expect(await worker.locator('#money-recovered').textContent()).toBe('18,000.00 元')
    expect(await worker.locator('#money-outstanding').textContent()).toBe('0.00 元')
    expect(await worker.locator('.timeline-label').allTextContents()).toContain('已受理（立案）')
    for (let i = 0; i < 2; i++) {
      await worker.locator('.recovery-confirm').first().click()
      await worker.click('#recovery-received')
      await expect.poll(() => worker.locator('.recovery-done').count()).toBe(i + 1)
    }
    expect(await worker.locator('.recovery-confirm').count()).toBe(0)

    // And the inspector sees the confirmations.
    await inspector.reload()
    await expect.poll(() => inspector.locator('.recovery-confirmed').count(), { timeout: 15_000 }).toBe(2)

    // The year's figures for the town include this case.
    await inspector.goto(`${server.url}/#/inspector/dashboard/index`)
    await inspector.selectOption('#stats-town', 'henglin')
    const figure = (key: string) => inspector.locator(`.figure-card[data-key="${key}"] .figure-value`).textContent()
    await expect.poll(() => figure('complaintsAccepted'), { timeout: 15_000 }).toBe('1')
    await expect.poll(() => figure('wagesRecoveredFen')).toBe('18,000.00 元')
    // The month-by-month table beside the chart: a header and twelve months.
    expect(await inspector.locator('#table-months [role="row"]').count()).toBe(13)

    await phone.close()
    await desk.close()
  }, 120_000)

  it('shows a claim filed with a site on the map and its list; its page shows the photo and opens the PDF', async () => {
    // A worker files through the API (the wizard asks no site) with a site in 横林镇, then adds a
    // photo and a PDF.
    const since = Date.now()
    const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server.url}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
    expect((await post('/api/v1/auth/sms/request', { phone: MAP_PHONE })).status).toBe(202)
    const code = await readSmsCode(server.url, MAP_PHONE, since)
    const tokens = (await (await post('/api/v1/auth/sms/verify', { phone: MAP_PHONE, code })).json()) as TokenPair
    const auth = { authorization: `Bearer ${tokens.accessToken}` }
    const site = { lat: 31.7402, lng: 120.1462, address: '横林镇某厂房工地' }
    const filed = await post(
      '/api/v1/claims',
      {
        claimant: { name: '吴国强', phone: MAP_PHONE },
        employer: { name: '常州某某钢构工程有限公司' },
        project: { name: '横林镇某厂房' },
        industry: 'construction',
        site,
        town: 'henglin',
        periodFrom: '2026-07',
        periodTo: '2026-09',
        amountOwedFen: 2_600_000,
        workersCount: 2,
        description: '七月到九月的工钱没有结。',
        confidential: false,
        consent: { privacyVersion: '2026-11', sensitiveInfo: false },
      },
      { ...auth, 'idempotency-key': `map-${Date.now()}` },
    )
    expect(filed.status).toBe(201)
    const claim = (await filed.json()) as Claim
    for (const [bytes, name, type] of [
      [makePng(64, 40), 'iou.png', 'image/png'],
      [Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'), 'contract.pdf', 'application/pdf'],
    ] as const) {
      const form = new FormData()
      form.append('file', new Blob([new Uint8Array(bytes)], { type }), name)
      const uploaded = await fetch(`${server.url}/api/v1/claims/${claim.id}/attachments`, { method: 'POST', headers: auth, body: form })
      expect(uploaded.status).toBe(201)
      expect(((await uploaded.json()) as Attachment).mime).toBe(type)
    }

    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    // No tile server, as inside a government network without one: markers and the list must work.
    await desk.route(/tile\.openstreetmap\.org|tianditu\.gov\.cn/, (route) => route.abort())
    const inspector = await desk.newPage()
    await inspector.goto(`${server.url}/#/inspector/login/index`)
    await inspector.fill('#staff-username input', INSPECTOR.username)
    await inspector.fill('#staff-password input', INSPECTOR.password)
    await inspector.click('#staff-login')
    await inspector.locator('#go-map').click()

    // The marker and the list row, coloured as waiting for acceptance.
    const marker = inspector.locator(`#claim-map .claim-marker-dot[data-claim-id="${claim.id}"]`)
    await marker.waitFor({ timeout: 30_000 })
    expect(await marker.getAttribute('data-tone')).toBe('waiting')
    const row = inspector.locator(`.map-item[data-reference="${claim.reference}"]`)
    await row.waitFor()
    expect(await row.getAttribute('aria-label')).toContain('常州某某钢构工程有限公司')
    expect(await row.getAttribute('aria-label')).toContain('横林镇某厂房工地')
    await expect.poll(() => inspector.locator('#map-summary').textContent()).toContain('视野内')
    // Nothing of the claimant on the page.
    expect(await inspector.locator('body').textContent()).not.toContain('吴国强')

    // Marker → popup → the claim's page.
    await marker.click()
    await inspector.locator('.claim-popup-open').click()
    await expect.poll(() => inspector.locator('#claim-reference').textContent(), { timeout: 15_000 }).toBe(claim.reference)

    // The photo, fetched with the staff token, is a real picture (decoded: naturalWidth > 0).
    const thumb = inspector.locator('#evidence .evidence-thumb img')
    await expect.poll(() => thumb.getAttribute('src'), { timeout: 20_000 }).toMatch(/^blob:/)
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)), { timeout: 10_000 }).toBe(64)
    await expectNoSeriousAxeViolations(inspector, 'claim page with evidence')
    await inspector.locator('#evidence .evidence-thumb').click()
    await inspector.locator('#evidence-viewer').waitFor()
    await expectNoSeriousAxeViolations(inspector, 'evidence viewer')
    expect(await inspector.locator('#evidence-viewer img').evaluate((img: HTMLImageElement) => img.naturalHeight)).toBe(40)
    await inspector.locator('#evidence-viewer-close').click()
    await expect.poll(() => inspector.locator('#evidence-viewer').count()).toBe(0)

    // The PDF opens in a new tab from a blob: URL.
    const [tab] = await Promise.all([desk.waitForEvent('page'), inspector.locator('#evidence .evidence-file-open').click()])
    await expect.poll(() => tab.url(), { timeout: 15_000 }).toMatch(/^blob:/)

    // The list is a way in too: back to the map (Taro keeps the page), then the row's button.
    await inspector.goBack()
    await inspector.locator(`.map-item[data-reference="${claim.reference}"] .map-item-open:visible`).click()
    await expect.poll(() => inspector.locator('#claim-reference').textContent(), { timeout: 15_000 }).toBe(claim.reference)

    await desk.close()
  }, 120_000)

  it('lets an admin, with the second factor, create an inspector and watch the national sync', async () => {
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    const admin = await desk.newPage()
    await admin.goto(`${server.url}/#/inspector/login/index`)
    await admin.fill('#staff-username input', ADMIN.username)
    await admin.fill('#staff-password input', ADMIN.password)
    await admin.click('#staff-login')
    await expect.poll(() => admin.locator('#staff-login-error').textContent()).toBeTruthy()
    await admin.fill('#staff-totp input', totpAt(adminSecret, totpStep(Date.now())))
    await admin.click('#staff-login')
    await admin.locator('#go-accounts').click()
    await admin.locator(`.account-row[data-username="${ADMIN.username}"]`).waitFor()
    await admin.fill('#new-username input', 'sun.dingyan')
    await admin.fill('#new-password input', 'weak')
    await admin.click('.town-toggle[data-town="dingyan"]')
    await admin.click('#account-create')
    await expect.poll(() => admin.locator('#account-error').textContent()).toContain('密码')
    await admin.fill('#new-password input', 'Dingyan-Insp-2026')
    await admin.click('#account-create')
    await admin.locator('.account-row[data-username="sun.dingyan"]').waitFor()
    expect(await admin.locator('.account-row[data-username="sun.dingyan"]').textContent()).toContain('丁堰街道')
    // The new inspector can sign in.
    const login = await fetch(`${server.url}/api/v1/auth/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'sun.dingyan', password: 'Dingyan-Insp-2026' }),
    })
    expect(login.status).toBe(200)

    await admin.goto(`${server.url}/#/inspector/sync/index`)
    await expect.poll(() => admin.locator('#sync-failed').textContent(), { timeout: 15_000 }).toBe('0')
    await admin.click('#sync-reconcile')
    await expect.poll(() => admin.locator('#reconcile-result').textContent(), { timeout: 30_000 }).toContain('不一致')

    await desk.close()
  }, 120_000)
})

if (!browserAvailable) {
  describe('case work in Chromium', () => {
    it.skip(BROWSER_SKIP_REASON, () => {})
  })
}
