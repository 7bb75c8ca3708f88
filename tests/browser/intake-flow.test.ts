/**
 * Every channel into one queue, in Chromium against the real server process (issue 16, Done when):
 * a hotline call entered by staff on the 登记来件 page, accepted with the decision dialog, its
 * 受理通知书 issued from the documents panel; the worker later signs in by SMS with the same phone,
 * sees the claim and downloads the receipt (pdftotext: number, names, dates). The case goes on to
 * an order to pay and its service. Other decisions: material requested and received, and refusals
 * on two statutory grounds with their notice. A report (anonymous, child labour) and an inspection
 * by hand that goes to the police on its facts, with the transfer document approved by another
 * person; a random draw from the register; the worker app's anonymous report page. axe on each page.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { Claim, DocumentList } from '@huxin/shared'
import { expectNoSeriousAxeViolations } from '../helpers/axe'
import { BROWSER_SKIP_REASON, browserAvailable, launchChromium } from '../helpers/browser'
import { ensureH5Built, REPO_ROOT, startServer, tempDataDir, type ServerProcess } from '../helpers/server-process'
import { signInByPhone, storedSession } from '../helpers/worker'
import { totpAt, totpStep } from '../../server/src/modules/auth/index'

const PHONE = '13900004001'
const INSPECTOR = { username: 'wu.yaoguan', password: 'Yaoguan-Insp-2026' }
const ADMIN = { username: 'zheng.admin', password: 'Bureau-Admin-2026' }

function createAccount(dataDir: string, args: string[]): string {
  const created = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'server/src/cli/user-create.ts'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, HUXIN_DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
  })
  if (created.status !== 0) throw new Error(`user:create failed: ${created.stderr}`)
  return created.stdout
}

/** Today in Shanghai as the documents print it: 2026年12月7日. */
function chineseToday(): string {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).split('-')
  return `${y}年${Number(m)}月${Number(d)}日`
}

async function staffToken(page: Page): Promise<string> {
  const raw = await page.evaluate(() => localStorage.getItem('huxin:staff-session:v1'))
  return (JSON.parse(raw ?? '{}') as { data: { accessToken: string } }).data.accessToken
}

async function signInStaff(page: Page, url: string, account: { username: string; password: string }, totp?: string) {
  await page.goto(`${url}/#/inspector/login/index`)
  await page.fill('#staff-username input', account.username)
  await page.fill('#staff-password input', account.password)
  if (totp) await page.fill('#staff-totp input', totp)
  await page.click('#staff-login')
  await page.waitForSelector('#go-intake', { timeout: 30_000 })
}

const claimIdOf = (page: Page) => new URL(page.url().replace('/#/', '/')).searchParams.get('id') ?? ''

describe.skipIf(!browserAvailable)('every channel into one queue, in Chromium', () => {
  let server: ServerProcess
  let browser: Browser
  let adminSecret = ''
  let desk: Page

  beforeAll(async () => {
    ensureH5Built()
    const dataDir = tempDataDir()
    createAccount(dataDir, ['--username', INSPECTOR.username, '--password', INSPECTOR.password, '--role', 'inspector', '--town', 'yaoguan'])
    const enrolment = createAccount(dataDir, ['--username', ADMIN.username, '--password', ADMIN.password, '--role', 'admin'])
    adminSecret = /[?&]secret=([A-Z2-7]+)/.exec(enrolment)?.[1] ?? ''
    server = await startServer({ dataDir })
    browser = await launchChromium()
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    desk = await context.newPage()
    await signInStaff(desk, server.url, INSPECTOR)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  async function decide(action: 'accept' | 'reject' | 'request-material' | 'material-received', fill?: () => Promise<unknown>) {
    await desk.click(`#decision-${action}`)
    await desk.waitForSelector('#decision-dialog')
    if (fill) await fill()
    await desk.click('#decision-confirm')
    await expect.poll(() => desk.locator('#decision-dialog').count()).toBe(0)
  }

  async function issue(kind: string): Promise<string> {
    await desk.selectOption('#document-kind', kind)
    await desk.click('#document-issue')
    const item = desk.locator(`.document-item[data-kind="${kind}"]`).last()
    await item.waitFor({ timeout: 30_000 })
    await expect.poll(() => item.getAttribute('data-status'), { timeout: 30_000 }).toMatch(/issued|pending_approval/)
    return (await item.locator('.document-number').textContent())?.trim() ?? ''
  }

  it('a hotline call entered by staff: accepted, its receipt issued, the worker signs in and downloads it; then order to pay and service', async () => {
    await desk.click('#go-intake')
    await desk.waitForSelector('#intake-claim-submit')
    await expectNoSeriousAxeViolations(desk, 'intake page (claim)')
    await desk.selectOption('#intake-claim-channel', 'hotline')
    await desk.selectOption('#intake-claim-consent', 'verbal')
    await desk.fill('#intake-claim-consent-note input', '电话中口头同意代为登记')
    await desk.fill('#intake-claim-name input', '刘热线')
    await desk.fill('#intake-claim-phone input', PHONE)
    await desk.fill('#intake-claim-employer input', '常州热线测试建材有限公司')
    await desk.selectOption('#intake-claim-town', 'yaoguan')
    await desk.selectOption('#intake-claim-industry', 'construction')
    await desk.fill('#intake-claim-from input', '2026-05')
    await desk.fill('#intake-claim-to input', '2026-08')
    await desk.fill('#intake-claim-amount input', '12000')
    await desk.fill('#intake-claim-description textarea', '五月到八月的工资没有发，打 12333 反映。')
    await desk.click('#intake-claim-submit')
    await expect.poll(() => desk.locator('#intake-claim-done').textContent(), { timeout: 30_000 }).toMatch(/JK-\d{8}-\d{4}/)
    const reference = /JK-\d{8}-\d{4}/.exec((await desk.locator('#intake-claim-done').textContent()) ?? '')?.[0] ?? ''
    await desk.click('#intake-claim-open')
    await expect.poll(() => desk.locator('#claim-reference').textContent()).toBe(reference)
    const claimId = claimIdOf(desk)

    // The worker proves the same phone by SMS (before the decision: the SMS gateway allows one
    // message a minute per phone, and the decision's notification would hold the code back).
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' })
    const worker = await phone.newPage()
    await signInByPhone(worker, server.url, PHONE)
    await desk.reload()
    await desk.waitForSelector('#decision-panel')
    await expectNoSeriousAxeViolations(desk, 'claim page with the decision panel')

    await decide('accept')
    await expect.poll(() => desk.locator('#claim-status').textContent()).toBe('已受理')
    const receipt = await issue('acceptance_notice')
    expect(receipt).toMatch(/〔\d{4}〕\d+号$/)
    await expectNoSeriousAxeViolations(desk, 'claim page with the documents panel')

    // The worker finds the claim and its receipt in the app.
    await worker.goto(`${server.url}/#/pages/claims/detail/index?id=${claimId}`)
    await expect.poll(() => worker.locator('#detail-status').textContent(), { timeout: 30_000 }).toBe('已受理')
    await expect.poll(() => worker.locator('#notices .notice-title').allTextContents()).toContain('受理通知书')
    const { accessToken } = await storedSession(worker)
    const auth = { authorization: `Bearer ${accessToken}` }
    const documents = (await (await fetch(`${server.url}/api/v1/claims/${claimId}/documents`, { headers: auth })).json()) as DocumentList
    const notice = documents.items.find((d) => d.kind === 'acceptance_notice')
    expect(notice?.number).toBe(receipt)
    const pdf = await fetch(`${server.url}${notice?.pdfUrl ?? ''}`, { headers: auth })
    expect(pdf.status).toBe(200)
    const file = path.join(tempDataDir(), 'receipt.pdf')
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()))
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
    for (const expected of [receipt, '刘热线', '常州热线测试建材有限公司', reference, `立案日期：${chineseToday()}`]) expect(text).toContain(expected)
    await phone.close()

    // Investigation, the order to pay and its service.
    await desk.click('#action-investigate')
    await desk.click('#transition-confirm')
    await expect.poll(() => desk.locator('#claim-status').textContent()).toBe('调查中')
    const order = await issue('payment_order')
    expect(order).toMatch(/〔\d{4}〕\d+号$/)
    await desk.locator('.document-item[data-kind="payment_order"] .document-serve').click()
    await desk.selectOption('#service-method', 'in_person')
    await desk.fill('#service-to input', '常州热线测试建材有限公司 法定代表人')
    await desk.click('#service-confirm')
    await expect.poll(() => desk.locator('.document-item[data-kind="payment_order"] .document-served').textContent()).toContain('直接送达')
    const claim = (await (await fetch(`${server.url}/api/v1/claims/${claimId}`, { headers: { authorization: `Bearer ${await staffToken(desk)}` } })).json()) as Claim
    expect(claim.orderServedAt).toBeTruthy()
    expect(claim.orderPayDueAt).toBeTruthy()
  })

  it('material requested and received, then refusals on statutory grounds with their notice', async () => {
    const token = await staffToken(desk)
    const file = async (employer: string) => {
      const response = await fetch(`${server.url}/api/v1/claims`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({
          claimant: { name: '来信人' },
          employer: { name: employer },
          industry: 'services',
          town: 'yaoguan',
          periodFrom: '2026-07',
          periodTo: '2026-08',
          amountOwedFen: 300_000,
          workersCount: 1,
          description: '来信反映拖欠工资。',
          confidential: false,
          consent: { privacyVersion: '2026-11', sensitiveInfo: false },
          channel: 'letter',
          workerConsent: { how: 'signed' },
        }),
      })
      expect(response.status).toBe(201)
      return ((await response.json()) as Claim).id
    }
    const first = await file('常州来信测试一号公司')
    await desk.goto(`${server.url}/#/inspector/claim/index?id=${first}`)
    await desk.waitForSelector('#decision-panel')
    await decide('request-material', () => desk.fill('#decision-note textarea', '请补充劳动合同或考勤记录'))
    await desk.waitForSelector('#decision-material-received')
    await decide('material-received')
    await desk.waitForSelector('#decision-request-material')
    await decide('reject', async () => {
      await desk.selectOption('#decision-reason', 'other_jurisdiction')
      await desk.fill('#decision-transfer-to input', '武进区人力资源和社会保障局')
    })
    await expect.poll(() => desk.locator('#claim-status').textContent()).toBe('不予受理')
    const refusal = await issue('rejection_notice')
    expect(refusal).toMatch(/〔\d{4}〕\d+号$/)

    const second = await file('常州来信测试二号公司')
    await desk.goto(`${server.url}/#/inspector/claim/index?id=${second}`)
    await desk.waitForSelector('#decision-panel')
    await decide('reject', () => desk.selectOption('#decision-reason', 'in_arbitration_or_court'))
    await expect.poll(() => desk.locator('#claim-status').textContent()).toBe('不予受理')
    const detail = (await (await fetch(`${server.url}/api/v1/claims/${second}`, { headers: { authorization: `Bearer ${token}` } })).json()) as Claim
    expect(detail.rejectReason).toBe('in_arbitration_or_court')
  })

  it('a report and an inspection: no worker to answer; child labour to the police with its approved transfer; a random draw', async () => {
    await desk.goto(`${server.url}/#/inspector/intake/index`)
    await desk.click('#intake-tab-report')
    await desk.waitForSelector('#intake-report-submit')
    await expectNoSeriousAxeViolations(desk, 'intake page (report)')
    await desk.selectOption('#intake-report-kind', 'social_insurance')
    await desk.selectOption('#intake-report-channel', 'walk_in')
    await desk.selectOption('#intake-report-town', 'yaoguan')
    await desk.click('#intake-report-anonymous')
    await desk.fill('#intake-report-employer input', '常州举报测试纺织有限公司')
    await desk.fill('#intake-report-description textarea', '来访群众反映该公司不给工人缴社保，不愿留姓名。')
    await desk.click('#intake-report-submit')
    await expect.poll(() => desk.locator('#intake-report-done').textContent(), { timeout: 30_000 }).toMatch(/JK-/)
    const reportRef = /JK-\d{8}-\d{4}/.exec((await desk.locator('#intake-report-done').textContent()) ?? '')?.[0] ?? ''
    await desk.click('#intake-report-open')
    await expect.poll(() => desk.locator('#case-kind').textContent()).toContain('举报 · 社会保险 · 无劳动者需答复')
    expect(await desk.locator('#case-reporter').textContent()).toContain('匿名')
    expect(await desk.locator('#money-owed').isVisible()).toBe(false)
    await desk.goto(`${server.url}/#/inspector/triage/index`)
    // At 1280 px the queue is the desk's table: the row names the kind, and no money for a report.
    const item = desk.locator(`.desk-row[data-reference="${reportRef}"]`)
    await item.waitFor({ timeout: 30_000 })
    const facts = (await item.textContent()) ?? ''
    expect(facts).toContain('无劳动者需答复')
    expect(facts).not.toContain('欠薪')

    await desk.goto(`${server.url}/#/inspector/intake/index`)
    await desk.click('#intake-tab-inspection')
    await desk.waitForSelector('#intake-inspection-submit')
    await expectNoSeriousAxeViolations(desk, 'intake page (inspection)')
    await desk.selectOption('#intake-inspection-kind', 'child_labour')
    await desk.selectOption('#intake-inspection-town', 'yaoguan')
    await desk.fill('#intake-inspection-employer input', '常州检查测试电子厂')
    await desk.fill('#intake-inspection-description textarea', '巡查中发现车间有疑似未满 16 周岁人员。')
    await desk.click('#intake-inspection-submit')
    await expect.poll(() => desk.locator('#intake-inspection-done').textContent(), { timeout: 30_000 }).toMatch(/JK-/)
    await desk.click('#intake-inspection-open')
    await expect.poll(() => desk.locator('#case-kind').textContent()).toContain('主动检查 · 使用童工')
    expect(await desk.locator('#claim-status').textContent()).toBe('调查中')
    const inspectionId = claimIdOf(desk)
    await desk.click('#action-transfer_police')
    await desk.fill('#transition-note textarea', '现场查见 2 名未满 16 周岁人员，涉嫌非法雇用童工。')
    await desk.click('#transition-confirm')
    await expect.poll(() => desk.locator('#claim-status').textContent()).toBe('已移送公安')
    await issue('police_transfer')
    expect(await desk.locator('.document-item[data-kind="police_transfer"]').getAttribute('data-status')).toBe('pending_approval')

    // The bureau's head (here the admin) approves the transfer: it then gets its number.
    const headContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    const head = await headContext.newPage()
    await signInStaff(head, server.url, ADMIN, totpAt(adminSecret, totpStep(Date.now())))
    await head.goto(`${server.url}/#/inspector/claim/index?id=${inspectionId}`)
    await head.locator('.document-item[data-kind="police_transfer"] .document-approve').click()
    await expect.poll(() => head.locator('.document-item[data-kind="police_transfer"]').getAttribute('data-status')).toBe('issued')
    expect(await head.locator('.document-item[data-kind="police_transfer"] .document-number').textContent()).toMatch(/〔\d{4}〕\d+号$/)

    // A random draw from the register (two employers entered through the API first).
    const adminToken = await staffToken(head)
    for (const n of [1, 2, 3]) {
      const created = await fetch(`${server.url}/api/v1/employers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `遥观抽查测试${n}号公司`, town: 'yaoguan', industry: 'manufacturing' }),
      })
      expect(created.status).toBe(201)
    }
    await head.goto(`${server.url}/#/inspector/intake/index`)
    await head.click('#intake-tab-inspection')
    await head.selectOption('#intake-inspection-town', 'yaoguan')
    await head.fill('#intake-draw-count input', '2')
    await head.fill('#intake-draw-seed input', 'browser-draw-2026')
    await head.click('#intake-draw-submit')
    await expect.poll(() => head.locator('#intake-draw-result .draw-employer').count(), { timeout: 30_000 }).toBe(2)
    expect(await head.locator('#intake-draw-result').textContent()).toContain('种子 browser-draw-2026')
    await expectNoSeriousAxeViolations(head, 'intake page (draw result)')
    await headContext.close()
  })

  it('the worker app: an anonymous report from 找帮助, without signing in', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' })
    const page = await context.newPage()
    await page.goto(`${server.url}/#/pages/help/map/index`)
    await page.click('#go-report')
    await page.waitForSelector('#report-submit')
    await page.click('#report-submit')
    await expect.poll(() => page.locator('#report-error').textContent()).toContain('标红')
    expect(await page.locator('#report-kind').getAttribute('aria-invalid')).toBe('true')
    await expectNoSeriousAxeViolations(page, 'anonymous report page (with errors)')
    await page.selectOption('#report-kind', 'child_labour')
    await page.selectOption('#report-town', 'henglin')
    await page.fill('#report-employer input', '横林某某服装厂')
    await page.fill('#report-description textarea', '厂里有看起来十四五岁的孩子在上夜班。')
    await page.click('#report-submit')
    await expect.poll(() => page.locator('#report-done').textContent(), { timeout: 30_000 }).toMatch(/JK-\d{8}-\d{4}/)
    await expectNoSeriousAxeViolations(page, 'anonymous report page (sent)')
    await context.close()
  })
})

describe.skipIf(browserAvailable)('every channel into one queue (browser)', () => {
  it.skip(BROWSER_SKIP_REASON, () => {})
})
