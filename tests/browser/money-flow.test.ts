/**
 * Money recorded safely, end to end in Chromium against the real server process (issue 14, the
 * money parts): an inspector records recoveries behind a confirmation that shows the amount in
 * figures and in 大写, must give a reason for more than is still owed, and reverses (冲正) an
 * entry; the worker sees 待确认 in the list, confirms one payment and disputes another through
 * the payment check; the inspector sees the dispute. axe-core runs on every page and dialog.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import type { Claim } from '@huxin/shared'
import { expectNoSeriousAxeViolations } from '../helpers/axe'
import { browserAvailable, launchChromium } from '../helpers/browser'
import { ensureH5Built, REPO_ROOT, startServer, tempDataDir, type ServerProcess } from '../helpers/server-process'
import { signInByPhone, storedSession } from '../helpers/worker'

const PHONE = '13900004001'
const INSPECTOR = { username: 'sun.henglin', password: 'Henglin-Money-2026' }

function createAccount(dataDir: string, args: string[]): void {
  const created = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'server/src/cli/user-create.ts'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, HUXIN_DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
  })
  if (created.status !== 0) throw new Error(`user:create failed: ${created.stderr}`)
}

describe.skipIf(!browserAvailable)('money in Chromium: record with 大写, reverse, confirm, dispute', () => {
  let server: ServerProcess
  let browser: Browser

  beforeAll(async () => {
    ensureH5Built()
    const dataDir = tempDataDir()
    createAccount(dataDir, ['--username', INSPECTOR.username, '--password', INSPECTOR.password, '--role', 'inspector', '--town', 'henglin'])
    server = await startServer({ dataDir })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('records, reverses, and lets the worker confirm one payment and dispute another', async () => {
    // The worker signs in on a phone and files (through the API: the wizard is another test's).
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' })
    const worker = await phone.newPage()
    await signInByPhone(worker, server.url, PHONE)
    const { accessToken } = await storedSession(worker)
    const filed = await fetch(`${server.url}/api/v1/claims`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}`, 'idempotency-key': `money-${Date.now()}` },
      body: JSON.stringify({
        claimant: { name: '郑海波', phone: PHONE },
        employer: { name: '常州某某装饰工程有限公司' },
        industry: 'construction',
        town: 'henglin',
        periodFrom: '2026-08',
        periodTo: '2026-10',
        amountOwedFen: 1_250_000,
        workersCount: 1,
        description: '八月到十月的工资没有发。',
        confidential: false,
        consent: { privacyVersion: '2026-11', sensitiveInfo: false },
      }),
    })
    expect(filed.status).toBe(201)
    const claim = (await filed.json()) as Claim

    // The inspector accepts it at a desk.
    const desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
    const inspector = await desk.newPage()
    await inspector.goto(`${server.url}/#/inspector/login/index`)
    await inspector.fill('#staff-username input', INSPECTOR.username)
    await inspector.fill('#staff-password input', INSPECTOR.password)
    await inspector.click('#staff-login')
    await inspector.waitForURL(/triage/, { timeout: 30_000 })
    await inspector.goto(`${server.url}/#/inspector/claim/index?id=${claim.id}`)
    await expect.poll(() => inspector.locator('#claim-reference').textContent(), { timeout: 30_000 }).toBe(claim.reference)
    await inspector.click('#claim-assign-me')
    await expect.poll(() => inspector.locator('#claim-assign-me').count()).toBe(0)
    await inspector.click('#action-accept')
    await inspector.click('#transition-confirm')
    await expect.poll(() => inspector.locator('#claim-status').textContent()).toBe('已受理')
    await expectNoSeriousAxeViolations(inspector, 'inspector claim page (accepted)')

    const record = async (amount: string, figures: string, words: string, reason?: string) => {
      await inspector.selectOption('#recovery-kind', 'wages')
      await inspector.fill('#recovery-amount input', amount)
      await inspector.click('#recovery-submit')
      await inspector.waitForSelector('#recovery-confirm-dialog')
      expect(await inspector.locator('#recovery-confirm-figures').textContent()).toBe(figures)
      expect(await inspector.locator('#recovery-confirm-words').textContent()).toBe(`人民币${words}`)
      if (reason !== undefined) {
        // More than is still owed: saving without a reason is refused, with the error announced.
        await inspector.click('#recovery-confirm-save')
        await expect.poll(() => inspector.locator('#recovery-reason-error').textContent()).toContain('原因')
        expect(await inspector.locator('#recovery-reason-input').getAttribute('aria-invalid')).toBe('true')
        await expectNoSeriousAxeViolations(inspector, 'recovery confirmation with the reason asked')
        await inspector.fill('#recovery-reason textarea', reason)
      }
      await inspector.click('#recovery-confirm-save')
      await expect.poll(() => inspector.locator('#recovery-confirm-dialog').count()).toBe(0)
    }
    await record('5000', '5,000.00 元', '伍仟元整')
    await expectNoSeriousAxeViolations(inspector, 'inspector claim page with a recovery')
    await record('3000.5', '3,000.50 元', '叁仟元零伍角')
    // 20,000 on a claim with 4,499.50 still owed: a typo to be reversed.
    await record('20000', '20,000.00 元', '贰万元整', '劳动者另有加班费')
    await expect.poll(() => inspector.locator('#money-recovered').textContent()).toBe('28,000.50 元')
    expect(await inspector.locator('#money-outstanding').textContent()).toBe('0.00 元')

    // 冲正 the 20,000 entry.
    const typo = inspector.locator('.recovery-item', { hasText: '20,000.00 元' })
    await typo.locator('.recovery-reverse').click()
    await inspector.waitForSelector('#reversal-dialog')
    expect(await inspector.locator('#reversal-dialog').textContent()).toContain('贰万元整')
    await inspector.click('#reversal-confirm')
    await expect.poll(() => inspector.locator('#reversal-reason-error').textContent()).toContain('冲正原因')
    await expectNoSeriousAxeViolations(inspector, 'reversal dialog with its error')
    await inspector.fill('#reversal-reason textarea', '多录了一个零')
    await inspector.click('#reversal-confirm')
    await expect.poll(() => inspector.locator('#reversal-dialog').count()).toBe(0)
    await expect.poll(() => inspector.locator('#money-recovered').textContent()).toBe('8,000.50 元')
    expect(await inspector.locator('#money-outstanding').textContent()).toBe('4,499.50 元')
    expect(await inspector.locator('.recovery-reversed').count()).toBe(1)
    expect(await inspector.locator('.recovery-reversal').textContent()).toContain('-20,000.00 元')
    expect(await inspector.locator('.recovery-reversal .recovery-reason').textContent()).toContain('多录了一个零')

    // The worker: 待确认 in the list.
    await worker.goto(`${server.url}/#/pages/claims/mine/index`)
    const row = worker.locator(`#claim-${claim.id}`)
    await expect.poll(() => row.locator('.claim-item-badge').textContent(), { timeout: 30_000 }).toBe('待确认')
    expect(await row.locator('.claim-item-awaiting').textContent()).toContain('2 笔')
    await expectNoSeriousAxeViolations(worker, '我的投诉 with 待确认')

    // The claim page: the reversed entry marked, the expected finish date and whom to call.
    await worker.goto(`${server.url}/#/pages/claims/detail/index?id=${claim.id}`)
    await expect.poll(() => worker.locator('.recovery-line').count(), { timeout: 30_000 }).toBe(3)
    expect(await worker.locator('#money-recovered').textContent()).toBe('8,000.50 元')
    expect(await worker.locator('.recovery-reversed').textContent()).toContain('多录了一个零')
    expect(await worker.locator('#close-due').textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日/)
    await expect.poll(() => worker.locator('#brigade-phone').textContent()).toMatch(/\d{3,}/)
    await expectNoSeriousAxeViolations(worker, 'worker claim page with payments to check')

    // Confirms the 5,000 after reading it in words.
    await worker.locator('.recovery-line', { hasText: '5,000.00 元' }).locator('.recovery-confirm').click()
    await worker.waitForSelector('#recovery-dialog')
    expect(await worker.locator('#recovery-dialog-figures').textContent()).toBe('5,000.00 元')
    expect(await worker.locator('#recovery-dialog-words').textContent()).toBe('人民币伍仟元整')
    await expectNoSeriousAxeViolations(worker, 'payment check dialog')
    await worker.click('#recovery-received')
    await expect.poll(() => worker.locator('.recovery-done').count()).toBe(1)

    // Disputes the 3,000.50: 没收到, with a note.
    await worker.locator('.recovery-line', { hasText: '3,000.50 元' }).locator('.recovery-confirm').click()
    await worker.click('#recovery-not-received')
    await worker.click('#dispute-submit')
    await expect.poll(() => worker.locator('#dispute-note-error').textContent()).toBeTruthy()
    await expectNoSeriousAxeViolations(worker, 'dispute form with its error')
    await worker.fill('#dispute-note textarea', '银行卡里没有这笔钱')
    await worker.click('#dispute-submit')
    await expect.poll(() => worker.locator('.recovery-disputed').textContent()).toContain('没收到')
    expect(await worker.locator('.recovery-confirm').count()).toBe(0)

    // The list no longer waits on the worker.
    await worker.goto(`${server.url}/#/pages/claims/mine/index`)
    await expect.poll(() => worker.locator(`#claim-${claim.id} .claim-item-status`).count(), { timeout: 30_000 }).toBe(1)
    expect(await worker.locator(`#claim-${claim.id} .claim-item-badge`).count()).toBe(0)

    // The inspector sees the dispute on the ledger and in the timeline.
    await inspector.reload()
    const disputed = inspector.locator('.recovery-disputed')
    await expect.poll(() => disputed.count(), { timeout: 30_000 }).toBe(1)
    expect(await disputed.locator('.recovery-dispute-text').textContent()).toContain('银行卡里没有这笔钱')
    expect(await inspector.locator('.staff-event-label').allTextContents()).toEqual(expect.arrayContaining(['工资到账有异议', '冲正追回款项']))
    expect(await inspector.locator('.recovery-confirmed').count()).toBe(1)
    await expectNoSeriousAxeViolations(inspector, 'inspector claim page with a dispute')

    await phone.close()
    await desk.close()
  }, 240_000)
})
