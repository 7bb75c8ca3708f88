/**
 * The acceptance decisions and the police transfer through the UI, in Chromium against the real
 * server process (docs/casework.md, docs/documents.md): the intake form starts in the inspector's
 * own town; a claim more than two years old is refused as time-barred (劳动保障监察条例 Art. 20) —
 * the decision panel and dialog say why the refusal is proposed — and one that is not a
 * labour-inspection matter is referred to a help point; each refusal's 不予受理通知书 is numbered
 * 常经开人社监〔YYYY〕N号 and on the timeline; the worker (360×740) sees the decision in plain words
 * and downloads the receipt. A wage case goes to an order to pay; the transfer to the police is
 * refused until the order is served and its deadline has passed, then allowed, and the 移送书 is
 * approved by another person. axe on every screen; screenshots in $HUXIN_SCREENSHOTS_DIR or a
 * temporary folder (printed).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { Claim, DocumentList } from '@huxin/shared'
import { openDatabase } from '../../server/src/db/client'
import { totpAt, totpStep } from '../../server/src/modules/auth/index'
import { expectNoSeriousAxeViolations } from '../helpers/axe'
import { BROWSER_SKIP_REASON, browserAvailable, launchChromium } from '../helpers/browser'
import { ensureH5Built, REPO_ROOT, startServer, tempDataDir, type ServerProcess } from '../helpers/server-process'
import { signInByPhone, storedSession } from '../helpers/worker'

const INSPECTOR = { username: 'sun.yaoguan', password: 'Yaoguan-Insp-2026' }
const ADMIN = { username: 'qian.admin', password: 'Bureau-Admin-2026' }
const OLD_PHONE = '13900005001'
const REFERRED_PHONE = '13900005002'
const NUMBER = /^常经开人社监〔\d{4}〕\d+号$/
const SHOTS = process.env.HUXIN_SCREENSHOTS_DIR ?? mkdtempSync(path.join(tmpdir(), 'huxin-decisions-shots-'))

function createAccount(dataDir: string, args: string[]): string {
  const created = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'server/src/cli/user-create.ts'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, HUXIN_DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
  })
  if (created.status !== 0) throw new Error(`user:create failed: ${created.stderr}`)
  return created.stdout
}

async function signInStaff(page: Page, url: string, account: { username: string; password: string }, totp?: string) {
  await page.goto(`${url}/#/inspector/login/index`)
  await page.fill('#staff-username input', account.username)
  await page.fill('#staff-password input', account.password)
  if (totp) await page.fill('#staff-totp input', totp)
  await page.click('#staff-login')
  await page.waitForSelector('#go-intake', { timeout: 30_000 })
}

async function staffToken(page: Page): Promise<string> {
  const raw = await page.evaluate(() => localStorage.getItem('huxin:staff-session:v1'))
  return (JSON.parse(raw ?? '{}') as { data: { accessToken: string } }).data.accessToken
}

function pdfText(bytes: ArrayBuffer): string {
  const file = path.join(tempDataDir(), 'notice.pdf')
  writeFileSync(file, Buffer.from(bytes))
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
}

/** The Shanghai day `days` from today, as the service form takes it (YYYY-MM-DD). */
function shanghaiDay(days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000))
}

const claimIdOf = (page: Page) => new URL(page.url().replace('/#/', '/')).searchParams.get('id') ?? ''

describe.skipIf(!browserAvailable)('decisions, documents and the police transfer, in Chromium', () => {
  let server: ServerProcess
  let browser: Browser
  let desk: Page
  let adminSecret = ''
  let dataDir = ''

  beforeAll(async () => {
    ensureH5Built()
    dataDir = tempDataDir()
    createAccount(dataDir, ['--username', INSPECTOR.username, '--password', INSPECTOR.password, '--role', 'inspector', '--town', 'yaoguan'])
    const enrolment = createAccount(dataDir, ['--username', ADMIN.username, '--password', ADMIN.password, '--role', 'admin'])
    adminSecret = /[?&]secret=([A-Z2-7]+)/.exec(enrolment)?.[1] ?? ''
    server = await startServer({ dataDir })
    browser = await launchChromium()
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
    desk = await context.newPage()
    await signInStaff(desk, server.url, INSPECTOR)
    console.log(`decisions-flow screenshots: ${SHOTS}`)
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  /** The viewport, with `focus` scrolled into it (a Taro page scrolls inside its own container). */
  const shot = async (page: Page, name: string, focus?: string) => {
    if (focus) await page.locator(focus).first().scrollIntoViewIfNeeded()
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`) })
  }

  async function issue(kind: string): Promise<string> {
    await desk.selectOption('#document-kind', kind)
    await desk.click('#document-issue')
    const item = desk.locator(`.document-item[data-kind="${kind}"]`).last()
    await item.waitFor({ timeout: 30_000 })
    await expect.poll(() => item.getAttribute('data-status'), { timeout: 30_000 }).toMatch(/issued|pending_approval/)
    return (await item.locator('.document-number').textContent())?.trim() ?? ''
  }

  /** The staff timeline's notes (办理记录). */
  const timeline = () => desk.locator('.staff-event').allTextContents()

  /** The worker, at 360×740, opens the claim and reads the decision, the notice and the PDF. */
  async function workerSees(phone: Page, claimId: string, words: string, number: string, expected: string[]) {
    await phone.goto(`${server.url}/#/pages/claims/detail/index?id=${claimId}`)
    await expect.poll(() => phone.locator('#detail-status').textContent(), { timeout: 30_000 }).toBe('不予受理')
    await expect.poll(() => phone.locator('#timeline').textContent()).toContain(words)
    await expect.poll(() => phone.locator('#notices .notice-title').allTextContents()).toContain('不予受理通知书')
    expect(await phone.locator('#notices').textContent()).toContain(number)
    await expectNoSeriousAxeViolations(phone, 'worker claim page with the refusal')
    const { accessToken } = await storedSession(phone)
    const auth = { authorization: `Bearer ${accessToken}` }
    const documents = (await (await fetch(`${server.url}/api/v1/claims/${claimId}/documents`, { headers: auth })).json()) as DocumentList
    const notice = documents.items.find((d) => d.kind === 'rejection_notice')
    expect(notice?.number).toBe(number)
    const pdf = await fetch(`${server.url}${notice?.pdfUrl ?? ''}`, { headers: auth })
    expect(pdf.status).toBe(200)
    const text = pdfText(await pdf.arrayBuffer())
    for (const part of [number, ...expected]) expect(text).toContain(part)
  }

  async function fileByApi(body: Record<string, unknown>): Promise<string> {
    const response = await fetch(`${server.url}/api/v1/claims`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await staffToken(desk)}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        industry: 'construction',
        town: 'yaoguan',
        workersCount: 1,
        confidential: false,
        consent: { privacyVersion: '2026-11', sensitiveInfo: false },
        channel: 'walk_in',
        workerConsent: { how: 'signed' },
        ...body,
      }),
    })
    expect(response.status, await response.clone().text()).toBe(201)
    return ((await response.json()) as Claim).id
  }

  it('the intake form starts in the inspector’s town; a claim over two years old is refused as time-barred, the worker reads why and downloads the notice', async () => {
    await desk.click('#go-intake')
    await desk.waitForSelector('#intake-claim-submit')
    // The server's view of the account: one town, so every form starts in it.
    await expect.poll(() => desk.inputValue('#intake-claim-town')).toBe('yaoguan')
    expect(await desk.locator('#intake-claim-town option').allTextContents()).toEqual(['遥观镇'])
    await desk.click('#intake-tab-report')
    await expect.poll(() => desk.inputValue('#intake-report-town')).toBe('yaoguan')
    await desk.click('#intake-tab-inspection')
    await expect.poll(() => desk.inputValue('#intake-inspection-town')).toBe('yaoguan')
    await desk.click('#intake-tab-claim')

    const oldYear = Number(shanghaiDay().slice(0, 4)) - 3
    await desk.selectOption('#intake-claim-channel', 'walk_in')
    await desk.selectOption('#intake-claim-consent', 'signed')
    await desk.fill('#intake-claim-name input', '周旧账')
    await desk.fill('#intake-claim-phone input', OLD_PHONE)
    await desk.fill('#intake-claim-employer input', '常州旧账测试装饰有限公司')
    await desk.fill('#intake-claim-from input', `${oldYear}-03`)
    await desk.fill('#intake-claim-to input', `${oldYear}-06`)
    await desk.fill('#intake-claim-amount input', '8000')
    await desk.fill('#intake-claim-description textarea', `${oldYear} 年装修队的工资一直没有结。`)
    await expectNoSeriousAxeViolations(desk, 'intake page (claim, town preset)')
    await shot(desk, 'intake-claim-1280x800', '#intake-claim-town')
    await desk.click('#intake-claim-submit')
    await expect.poll(() => desk.locator('#intake-claim-done').textContent(), { timeout: 30_000 }).toMatch(/JK-\d{8}-\d{4}/)
    await desk.click('#intake-claim-open')
    await desk.waitForSelector('#decision-panel')
    const claimId = claimIdOf(desk)

    // The worker proves the phone first (one SMS a minute per phone: the decision's own message
    // would hold the code back).
    const phoneContext = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' })
    const phone = await phoneContext.newPage()
    await signInByPhone(phone, server.url, OLD_PHONE)

    await desk.reload()
    await desk.waitForSelector('#decision-time-bar')
    const why = (await desk.locator('#decision-time-bar').textContent()) ?? ''
    expect(why).toContain(`欠薪期间截至 ${oldYear}-06`)
    expect(why).toContain(`${oldYear}年7月31日`)
    expect(why).toContain('第二十条')
    await expectNoSeriousAxeViolations(desk, 'claim page proposing the time bar', { exclude: ['.recovery-form'] })
    await shot(desk, 'claim-time-bar-1280x800', '#decision-panel')

    // Accepting would be refused by the server (409 TIME_BARRED) unless the act continues; the
    // refusal the law proposes is what the dialog offers first, with the reason beside it.
    await desk.click('#decision-reject')
    await desk.waitForSelector('#decision-dialog')
    expect(await desk.inputValue('#decision-reason')).toBe('time_barred')
    expect(await desk.locator('#decision-time-bar-why').textContent()).toContain('建议不予受理')
    await expectNoSeriousAxeViolations(desk, 'decision dialog (time bar)')
    await shot(desk, 'decision-time-bar-1280x800')
    await desk.click('#decision-confirm')
    await expect.poll(() => desk.locator('#decision-dialog').count()).toBe(0)
    await expect.poll(() => desk.locator('#claim-status').textContent()).toBe('不予受理')
    const number = await issue('rejection_notice')
    expect(number).toMatch(NUMBER)
    await expect.poll(timeline).toContainEqual(expect.stringContaining(`不予受理通知书 ${number}`))
    await expectNoSeriousAxeViolations(desk, 'claim page refused, with its notice', { exclude: ['.recovery-form'] })

    await workerSees(phone, claimId, '欠薪发生在两年以前', number, ['周旧账', '常州旧账测试装饰有限公司', '第二十条'])
    await shot(phone, 'worker-refused-time-bar-360x740', '#notices')
    await phoneContext.close()
  }, 240_000)

  it('not a labour-inspection matter: referred to a help point, which the worker is told of', async () => {
    const claimId = await fileByApi({
      claimant: { name: '吴合同', phone: REFERRED_PHONE },
      employer: { name: '常州合同纠纷测试物流有限公司' },
      periodFrom: '2026-09',
      periodTo: '2026-10',
      amountOwedFen: 450_000,
      description: '公司说我违约，要扣我一个月工资作赔偿，我不同意。',
    })
    const phoneContext = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' })
    const phone = await phoneContext.newPage()
    await signInByPhone(phone, server.url, REFERRED_PHONE)

    await desk.goto(`${server.url}/#/inspector/claim/index?id=${claimId}`)
    await desk.waitForSelector('#decision-panel')
    expect(await desk.locator('#decision-time-bar').count()).toBe(0)
    await desk.click('#decision-reject')
    await desk.waitForSelector('#decision-dialog')
    expect(await desk.inputValue('#decision-reason')).toBe('other')
    await desk.selectOption('#decision-reason', 'not_labour_inspection')
    // The help points of arbitration, legal aid, courts and unions (the demo map's).
    await expect.poll(() => desk.locator('#decision-refer-to option:not([disabled])').count(), { timeout: 30_000 }).toBeGreaterThan(0)
    const options = await desk.locator('#decision-refer-to option:not([disabled])').allTextContents()
    const helpPoint = options.find((o) => /仲裁/.test(o)) ?? options[0] ?? ''
    await desk.selectOption('#decision-refer-to', { label: helpPoint })
    await expectNoSeriousAxeViolations(desk, 'decision dialog (referral)')
    await shot(desk, 'decision-referral-1280x800')
    await desk.click('#decision-confirm')
    await expect.poll(() => desk.locator('#claim-status').textContent()).toBe('不予受理')
    const number = await issue('rejection_notice')
    expect(number).toMatch(NUMBER)
    await expect.poll(timeline).toContainEqual(expect.stringContaining(`不予受理通知书 ${number}`))

    await workerSees(phone, claimId, `可以前往：${helpPoint}`, number, ['吴合同', helpPoint])
    expect(await phone.locator('#timeline').textContent()).toContain('劳动争议仲裁')
    await shot(phone, 'worker-refused-referral-360x740', '#timeline')
    await phoneContext.close()
  }, 240_000)

  it('the police transfer waits for the served order to pay and its deadline, then goes with its approved 移送书', async () => {
    const claimId = await fileByApi({
      claimant: { name: '郑拒付' },
      employer: { name: '常州拒付测试建筑劳务有限公司' },
      periodFrom: '2026-06',
      periodTo: '2026-09',
      amountOwedFen: 2_400_000,
      description: '项目完工后劳务公司拒不支付四个月工资。',
    })
    await desk.goto(`${server.url}/#/inspector/claim/index?id=${claimId}`)
    await desk.waitForSelector('#decision-panel')
    await desk.click('#decision-accept')
    await desk.click('#decision-confirm')
    await expect.poll(() => desk.locator('#claim-status').textContent()).toBe('已受理')
    await desk.click('#action-investigate')
    await desk.click('#transition-confirm')
    await expect.poll(() => desk.locator('#claim-status').textContent()).toBe('调查中')
    await desk.selectOption('#document-kind', 'payment_order')
    await desk.fill('#document-pay-days input', '3')
    const order = await issue('payment_order')
    expect(order).toMatch(NUMBER)
    await desk.click('#action-order_payment')
    await desk.click('#transition-confirm')
    await expect.poll(() => desk.locator('#claim-status').textContent()).toBe('已责令支付')

    // Before the order is served the page offers no transfer and says why; the server refuses it.
    const gate = desk.locator('#police-gate')
    await expect.poll(() => gate.getAttribute('data-ready')).toBe('false')
    expect(await gate.textContent()).toContain('须有已送达的责令支付通知书')
    expect(await desk.locator('#action-transfer_police').count()).toBe(0)
    const refused = await fetch(`${server.url}/api/v1/claims/${claimId}/transitions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await staffToken(desk)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'transfer_police', unpaidProof: '电话催告仍未支付' }),
    })
    expect(refused.status).toBe(409)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('ORDER_NOT_SERVED')
    await expectNoSeriousAxeViolations(desk, 'police transfer not yet possible (order not served)', { exclude: ['.recovery-form'] })
    await shot(desk, 'police-gate-closed-1280x800', '#police-gate')

    // The order was issued three weeks ago (moved back in the database while the server is
    // stopped: PGlite belongs to one process), served the next day; three days to pay have passed.
    await server.stop()
    const database = await openDatabase({ pgliteDir: path.join(dataDir, 'pglite') })
    await database.query(`update case_documents set issued_at = issued_at - interval '21 days' where claim_id = $1 and kind = 'payment_order'`, [claimId])
    await database.close()
    server = await startServer({ dataDir, port: server.port })
    await desk.reload()
    const item = desk.locator('.document-item[data-kind="payment_order"]')
    await item.locator('.document-serve').click()
    await desk.selectOption('#service-method', 'left_at_premises')
    await desk.fill('#service-date input', shanghaiDay(-20))
    await desk.fill('#service-to input', '常州拒付测试建筑劳务有限公司 法定代表人')
    await desk.click('#service-confirm')
    await expect.poll(() => item.locator('.document-served').textContent()).toContain('留置送达')
    expect(await item.textContent()).toContain('支付期限至')

    await expect.poll(() => gate.getAttribute('data-ready')).toBe('true')
    expect(await gate.textContent()).toContain('可以移送公安')
    await desk.click('#action-transfer_police')
    await desk.fill('#transition-unpaid-proof textarea', '期限届满后电话催告，劳务公司仍拒不支付。')
    await desk.click('#transition-confirm')
    // The dialog's refusal, if any, is what the poll reports.
    const outcome = async () =>
      (await desk.locator('#transition-error').count()) > 0 ? desk.locator('#transition-error').textContent() : desk.locator('#claim-status').textContent()
    await expect.poll(outcome, { timeout: 30_000 }).toBe('已移送公安')
    const transfer = desk.locator('.document-item[data-kind="police_transfer"]')
    await desk.selectOption('#document-kind', 'police_transfer')
    await desk.click('#document-issue')
    await expect.poll(() => transfer.getAttribute('data-status'), { timeout: 30_000 }).toBe('pending_approval')
    expect(await transfer.locator('.document-number').textContent()).toBe('（未编号）')
    await expectNoSeriousAxeViolations(desk, 'claim page transferred, the 移送书 awaiting approval', { exclude: ['.recovery-form'] })

    // The bureau's head (the admin) approves: the transfer gets its number, on the timeline.
    const headContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
    const head = await headContext.newPage()
    await signInStaff(head, server.url, ADMIN, totpAt(adminSecret, totpStep(Date.now())))
    await head.goto(`${server.url}/#/inspector/claim/index?id=${claimId}`)
    await head.locator('.document-item[data-kind="police_transfer"] .document-approve').click()
    const approved = head.locator('.document-item[data-kind="police_transfer"]')
    await expect.poll(() => approved.getAttribute('data-status'), { timeout: 30_000 }).toBe('issued')
    const transferNumber = ((await approved.locator('.document-number').textContent()) ?? '').trim()
    expect(transferNumber).toMatch(NUMBER)
    const events = () => head.locator('.staff-event').allTextContents()
    await expect.poll(events, { timeout: 30_000 }).toContainEqual(expect.stringContaining(`涉嫌犯罪案件移送书 ${transferNumber}`))
    expect(await events()).toContainEqual(expect.stringContaining(`责令支付通知书 ${order}`))
    // One yearly series: the transfer's number follows the order's.
    expect(Number(/〕(\d+)号/.exec(transferNumber)?.[1])).toBeGreaterThan(Number(/〕(\d+)号/.exec(order)?.[1]))
    await expectNoSeriousAxeViolations(head, 'claim page with the approved transfer', { exclude: ['.recovery-form'] })
    await shot(head, 'police-transfer-approved-1280x800', '#documents')

    const pdf = await fetch(`${server.url}/api/v1/claims/${claimId}/documents`, { headers: { authorization: `Bearer ${await staffToken(head)}` } })
    const listed = ((await pdf.json()) as DocumentList).items.find((d) => d.kind === 'police_transfer')
    const file = await fetch(`${server.url}${listed?.pdfUrl ?? ''}`, { headers: { authorization: `Bearer ${await staffToken(head)}` } })
    const text = pdfText(await file.arrayBuffer())
    for (const part of [transferNumber, order, '郑拒付', '常州拒付测试建筑劳务有限公司']) expect(text).toContain(part)
    await headContext.close()
  }, 240_000)
})

describe.skipIf(browserAvailable)('decisions, documents and the police transfer (browser)', () => {
  it.skip(BROWSER_SKIP_REASON, () => {})
})
