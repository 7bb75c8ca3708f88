/**
 * The figures dashboard in Chromium against the real server process (issue 15): an inspector of
 * 潞城街道 sees every figure of the year with its definition, the charts per town and per month
 * with their tables, changes the period, the town and the charted figure, is told when a town is
 * outside their reach, and downloads the CSV and the xlsx, whose totals are the page's figures.
 */
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { Claim, TokenPair } from '@huxin/shared'
import { expectNoSeriousAxeViolations } from '../helpers/axe'
import { browserAvailable, launchChromium } from '../helpers/browser'
import { ensureH5Built, REPO_ROOT, startServer, tempDataDir, type ServerProcess } from '../helpers/server-process'

const INSPECTOR = { username: 'wu.lucheng', password: 'Lucheng-Insp-2026' }

describe.skipIf(!browserAvailable)('the figures dashboard in Chromium', () => {
  let server: ServerProcess
  let browser: Browser
  let token = ''

  const api = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`)
    return JSON.parse(text) as unknown
  }

  beforeAll(async () => {
    ensureH5Built()
    const dataDir = tempDataDir()
    const created = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'server/src/cli/user-create.ts'), '--username', INSPECTOR.username, '--password', INSPECTOR.password, '--role', 'inspector', '--town', 'lucheng'],
      { cwd: REPO_ROOT, env: { ...process.env, HUXIN_DATA_DIR: dataDir, DATABASE_URL: '' }, encoding: 'utf8' },
    )
    if (created.status !== 0) throw new Error(`user:create failed: ${created.stderr}`)
    server = await startServer({ dataDir })
    browser = await launchChromium()
    const login = await fetch(`${server.url}/api/v1/auth/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(INSPECTOR),
    })
    token = ((await login.json()) as TokenPair).accessToken
    // Two hotline claims in 潞城街道, accepted; 1,000 yuan of wages paid; a social-insurance order
    // of 2,500.50 yuan and 4 workers newly registered.
    const year = new Date().getFullYear()
    for (const [i, name] of ['看板甲公司', '看板乙公司'].entries()) {
      const claim = (await api(
        'POST',
        '/api/v1/claims',
        {
          claimant: { name: '王建国', phone: `1391234000${i}` },
          employer: { name },
          industry: 'construction',
          town: 'lucheng',
          periodFrom: `${year}-01`,
          periodTo: `${year}-01`,
          amountOwedFen: 500_000,
          workersCount: 3,
          coWorkers: [],
          description: '工地拖欠工资，多次讨要未果。',
          confidential: false,
          consent: { privacyVersion: '2026-11', sensitiveInfo: false },
          channel: 'hotline',
          workerConsent: { how: 'verbal', note: '电话中同意代为登记' },
        },
        { 'idempotency-key': randomUUID() },
      )) as Claim
      await api('POST', `/api/v1/claims/${claim.id}/transitions`, { action: 'accept' })
      if (i === 0) {
        const at = new Date(Date.now() - 60_000).toISOString()
        await api('POST', `/api/v1/claims/${claim.id}/recoveries`, { kind: 'wages', amountFen: 100_000, paidAt: at })
        await api('POST', `/api/v1/claims/${claim.id}/outcomes`, { kind: 'social_insurance_order', amountFen: 250_050, decidedAt: at })
        await api('POST', `/api/v1/claims/${claim.id}/outcomes`, { kind: 'social_insurance_registration', workers: 4, decidedAt: at })
      }
    }
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  const figure = (page: Page, key: string) => page.locator(`.figure-card[data-key="${key}"] .figure-value`).textContent()

  it('shows every figure with its definition, charts with tables, pickers and downloads', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true })
    const page = await context.newPage()
    await page.goto(`${server.url}/#/inspector/login/index`)
    await page.fill('#staff-username input', INSPECTOR.username)
    await page.fill('#staff-password input', INSPECTOR.password)
    await page.click('#staff-login')
    await page.waitForURL(/inspector\/triage/)
    await page.goto(`${server.url}/#/inspector/dashboard/index`)

    await expect.poll(() => figure(page, 'complaintsAccepted'), { timeout: 15_000 }).toBe('2')
    expect(await figure(page, 'workersInvolved')).toBe('6 人')
    expect(await figure(page, 'wagesRecoveredFen')).toBe('1,000.00 元')
    expect(await figure(page, 'socialInsuranceOrderedFen')).toBe('2,500.50 元')
    expect(await figure(page, 'socialInsuranceRegistrations')).toBe('4 人')
    expect(await figure(page, 'groupCases')).toBe('0')
    expect(await page.locator('.figure-card[data-key="socialInsuranceOrderedFen"] .figure-definition').textContent()).toContain('责令补缴')
    expect(await page.locator('.figure-card').count()).toBeGreaterThanOrEqual(20)

    // The charts (SVG) and their tables: the inspector's one town, the twelve months.
    await page.locator('#chart-towns svg').waitFor()
    await page.locator('#chart-months svg').waitFor()
    expect(await page.locator('#chart-towns').getAttribute('aria-label')).toContain('潞城街道')
    expect(await page.locator('#table-towns [role="row"]').allTextContents()).toEqual(['街镇受理投诉举报案件', '潞城街道2'])
    expect(await page.locator('#table-months [role="row"]').count()).toBe(13)
    await page.selectOption('#stats-figure', 'wagesRecoveredFen')
    await expect.poll(() => page.locator('#table-towns [role="row"]').nth(1).textContent()).toBe('潞城街道1,000.00 元')
    await expect.poll(() => page.locator('#chart-towns').getAttribute('data-figure')).toBe('wagesRecoveredFen')
    await expectNoSeriousAxeViolations(page, 'dashboard')

    // Downloads: the same figures.
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#stats-csv')])
    const csv = await readFile((await csvDownload.path())!, 'utf8')
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    const lines = csv.slice(1).trim().split('\r\n')
    const header = lines[0]!.split(',')
    const total = lines.at(-1)!.split(',')
    const cell = (h: string) => total[header.indexOf(h)]
    expect(total[0]).toBe('合计')
    expect(cell('受理投诉举报案件')).toBe('2')
    expect(cell('追讨工资（含经济补偿金）（元）')).toBe('1000.00')
    expect(cell('责令补缴社会保险费（元）')).toBe('2500.50')
    expect(cell('新增参保登记（人）')).toBe('4')
    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.click('#stats-xlsx')])
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile((await xlsxDownload.path())!)
    const sheet = workbook.worksheets[0]!
    const xlsxHeader = (sheet.getRow(1).values as unknown[]).slice(1)
    const xlsxTotal = (sheet.getRow(sheet.rowCount).values as unknown[]).slice(1)
    expect(xlsxTotal[0]).toBe('合计')
    expect(xlsxTotal[xlsxHeader.indexOf('责令补缴社会保险费（元）')]).toBe(2500.5)

    // Another period (a month that is not this one): nothing accepted then.
    const otherMonth = new Date().getMonth() === 0 ? 'm2' : 'm1'
    await page.selectOption('#stats-part', otherMonth)
    await expect.poll(() => figure(page, 'complaintsAccepted')).toBe('0')
    expect(await page.locator('#table-months [role="row"]').count()).toBe(2)
    await page.selectOption('#stats-part', 'year')
    await expect.poll(() => figure(page, 'complaintsAccepted')).toBe('2')
    // A town outside the inspector's reach: told so, announced.
    await page.selectOption('#stats-town', 'dingyan')
    await expect.poll(() => page.locator('#stats-error[role="alert"]').textContent()).toBeTruthy()
    await page.selectOption('#stats-town', 'lucheng')
    await expect.poll(() => figure(page, 'socialInsuranceRegistrations')).toBe('4 人')
    await expectNoSeriousAxeViolations(page, 'dashboard, one town')
    await context.close()
  })
})
