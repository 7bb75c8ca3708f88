/**
 * Construction projects end to end in Chromium against the real server process (issue 15, Done
 * when; docs/projects.md): an admin imports employers and the permit list, records a deposit
 * through its states (an illegal move is announced), uploads the roster and prints the site sign;
 * a worker opens the sign's QR URL and files without typing a company; the inspector sees the
 * project, the roster match and the liability chain on the claim; a deposit draw pays arrears.
 * axe on each page added.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { ClaimList, ProjectList } from '@huxin/shared'
import { expectNoSeriousAxeViolations } from '../helpers/axe'
import { browserAvailable, launchChromium } from '../helpers/browser'
import { ensureH5Built, REPO_ROOT, startServer, tempDataDir, type ServerProcess } from '../helpers/server-process'
import { signInByPhone, storedSession } from '../helpers/worker'
import { totpAt, totpStep } from '../../server/src/modules/auth/index'

const PHONE = '13900005001'
const WORKER_ID = '320411198501010015'
const INSPECTOR = { username: 'sun.yaoguan', password: 'Yaoguan-Insp-2026' }
const ADMIN = { username: 'li.admin', password: 'Bureau-Admin-2026' }
const GC = { name: '江苏宏图建工有限公司', code: '91320410000007001R' }

function createAccount(dataDir: string, args: string[]): string {
  const created = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'server/src/cli/user-create.ts'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, HUXIN_DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
  })
  if (created.status !== 0) throw new Error(`user:create failed: ${created.stderr}`)
  return created.stdout
}

/** The staff session the inspector subpackage keeps (inspector/api.ts, STAFF_SESSION_STORAGE_KEY). */
async function staffToken(page: Page): Promise<string> {
  const raw = await page.evaluate(() => localStorage.getItem('huxin:staff-session:v1'))
  const parsed = JSON.parse(raw ?? '{}') as { data?: { accessToken?: string }; accessToken?: string }
  return parsed.data?.accessToken ?? parsed.accessToken ?? ''
}

describe.skipIf(!browserAvailable)('construction projects in Chromium', () => {
  let server: ServerProcess
  let browser: Browser
  let adminSecret = ''

  beforeAll(async () => {
    ensureH5Built()
    const dataDir = tempDataDir()
    createAccount(dataDir, ['--username', INSPECTOR.username, '--password', INSPECTOR.password, '--role', 'inspector', '--town', 'yaoguan'])
    const enrolment = createAccount(dataDir, ['--username', ADMIN.username, '--password', ADMIN.password, '--role', 'admin'])
    adminSecret = /[?&]secret=([A-Z2-7]+)/.exec(enrolment)?.[1] ?? ''
    server = await startServer({ dataDir })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('imports, stores a deposit, prints the sign; a worker files through the QR URL; the inspector sees the chain; a draw pays', async () => {
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    const admin = await desk.newPage()
    await admin.goto(`${server.url}/#/inspector/login/index`)
    await admin.fill('#staff-username input', ADMIN.username)
    await admin.fill('#staff-password input', ADMIN.password)
    await admin.click('#staff-login')
    await expect.poll(() => admin.locator('#staff-login-error').textContent()).toBeTruthy()
    await admin.fill('#staff-totp input', totpAt(adminSecret, totpStep(Date.now())))
    await admin.click('#staff-login')
    await admin.locator('#go-accounts').waitFor({ timeout: 30_000 }).catch(async (e: unknown) => {
      throw new Error(`admin sign-in: ${await admin.locator('body').innerText()} ${await admin.evaluate(() => JSON.stringify(Object.keys(localStorage)))}`, { cause: e })
    })
    await expect.poll(() => staffToken(admin), { timeout: 30_000 }).not.toBe('')
    const auth = { authorization: `Bearer ${await staffToken(admin)}` }

    // The register of employers (its own import; the projects link to it).
    const employers = await fetch(`${server.url}/api/v1/employers/import`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/csv' },
      body: `name,creditCode,town,industry\n${GC.name},${GC.code},yaoguan,construction\n`,
    })
    expect(employers.status).toBe(200)

    // The permit list, pasted on the projects page: a bad line first (nothing stored), then right.
    await admin.goto(`${server.url}/#/inspector/projects/index`)
    await admin.locator('#projects-empty').waitFor()
    await expectNoSeriousAxeViolations(admin, 'projects list')
    const header = '施工许可证号,项目名称,镇街,项目地址,建设单位,施工总承包单位,总承包单位信用代码,发证日期,保证金金额（元）,工资发放日'
    const line = `320411202604001,宏图花园一期,遥观镇,遥观镇花园路1号,常州城投置业有限公司,${GC.name},${GC.code},2026-04-01,300000,15`
    await admin.fill('#projects-import-csv textarea', `${header}\n${line}\n320411202604002,坏行,火星镇,,某建设,某总包,,2026-04-01,,\n`)
    await admin.click('#projects-import-submit')
    await expect.poll(() => admin.locator('#projects-import-result').getAttribute('data-ok')).toBe('false')
    expect(await admin.locator('#projects-import-result').textContent()).toContain('第 3 行 town')
    expect(await admin.locator('#projects-import-result').getAttribute('role')).toBe('alert')
    expect(await admin.locator('.project-row').count()).toBe(0)
    await admin.fill('#projects-import-csv textarea', `${header}\n${line}\n`)
    await admin.click('#projects-import-submit')
    await expect.poll(() => admin.locator('#projects-import-result').textContent()).toContain('已导入 1 个项目')
    await admin.locator('.project-row[data-permit="320411202604001"] .project-open').click()
    await expect.poll(() => admin.locator('#project-name').textContent()).toBe('宏图花园一期')
    expect(await admin.locator('#project-gc').textContent()).toContain(GC.name)
    await expectNoSeriousAxeViolations(admin, 'project detail')

    // The deposit: deferred, then stored; exempting it now is refused and said so.
    await admin.selectOption('#deposit-action', 'defer')
    await admin.click('#deposit-submit')
    await expect.poll(() => admin.locator('#project-deposit-status').getAttribute('data-status')).toBe('deferred')
    await admin.selectOption('#deposit-action', 'store')
    await admin.selectOption('#deposit-form', 'cash')
    await admin.fill('#deposit-amount input', '300000')
    await admin.click('#deposit-submit')
    await expect.poll(() => admin.locator('#project-deposit-status').getAttribute('data-status')).toBe('stored')
    expect(await admin.locator('#project-deposit-balance').textContent()).toContain('余额 300,000.00 元')
    await admin.selectOption('#deposit-action', 'exempt')
    await admin.click('#deposit-submit')
    await expect.poll(() => admin.locator('#deposit-error').textContent()).toContain('不能免存')

    // The roster, and the sign.
    await admin.fill('#roster-csv textarea', `姓名,身份证号,工种,进场日期\n赵大勇,${WORKER_ID},钢筋工,2026-04-10\n`)
    await admin.click('#roster-submit')
    await expect.poll(() => admin.locator('#upload-result').textContent()).toContain('共 1 人')
    await expect.poll(() => admin.locator('#project-roster-count').textContent()).toContain('1 人')
    await admin.click('#project-sign')
    await expect.poll(() => admin.locator('#project-sign-link').getAttribute('data-href')).toMatch(/^blob:/)
    const projects = (await (await fetch(`${server.url}/api/v1/projects`, { headers: auth })).json()) as ProjectList
    const project = projects.items[0]!
    const sign = await fetch(`${server.url}/api/v1/projects/${project.id}/sign.pdf`, { headers: auth })
    expect(sign.headers.get('content-type')).toContain('application/pdf')

    // A worker scans the sign: the wizard opens with the contractor, project and town filled in.
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' })
    const worker = await phone.newPage()
    await signInByPhone(worker, server.url, PHONE)
    // Scanning opens the app afresh at the sign's URL (the session stays in storage).
    await worker.goto('about:blank')
    await worker.goto(`${server.url}/#/pages/claims/new/index?project=${project.id}`)
    await worker.locator('#step-1').waitFor()
    await worker.fill('#claimant-name input', '赵大勇')
    await worker.fill('#claimant-phone input', PHONE)
    await worker.check('#sensitive-consent')
    await worker.fill('#id-number input', WORKER_ID)
    await worker.click('#wizard-next')
    await expect.poll(() => worker.locator('#employer-name input').inputValue()).toBe(GC.name)
    expect(await worker.locator('#project-name input').inputValue()).toBe('宏图花园一期')
    await worker.selectOption('#industry', 'construction')
    await worker.click('#wizard-next')
    await worker.fill('#period-from', '2026-05')
    await worker.fill('#period-to', '2026-06')
    await worker.fill('#amount-yuan input', '12000')
    await worker.click('#wizard-next')
    await worker.fill('#description textarea', '五月六月的工资总包一直没发。')
    await worker.click('#wizard-next')
    await worker.check('#consent')
    await worker.click('#submit')
    await worker.waitForSelector('#claim-success', { timeout: 60_000 })
    const { accessToken } = await storedSession(worker)
    const mine = (await (await fetch(`${server.url}/api/v1/claims`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as ClaimList
    const claim = mine.items[0]!
    expect(claim).toMatchObject({ projectId: project.id, town: 'yaoguan', employer: { name: GC.name, creditCode: GC.code } })

    // The inspector of the town: the project, the roster match and the chain on the claim.
    const inspectorDesk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    const inspector = await inspectorDesk.newPage()
    await inspector.goto(`${server.url}/#/inspector/login/index`)
    await inspector.fill('#staff-username input', INSPECTOR.username)
    await inspector.fill('#staff-password input', INSPECTOR.password)
    await inspector.click('#staff-login')
    await expect.poll(() => staffToken(inspector), { timeout: 30_000 }).not.toBe('')
    await inspector.goto(`${server.url}/#/inspector/projects/index`)
    await inspector.locator('.project-row[data-permit="320411202604001"]').waitFor()
    expect(await inspector.locator('#projects-import-csv').count()).toBe(0)
    await inspector.goto(`${server.url}/#/inspector/claim/index?id=${claim.id}`)
    await inspector.locator('#liability').waitFor({ timeout: 30_000 })
    expect(await inspector.locator('#liability-roster').getAttribute('data-on-roster')).toBe('true')
    expect(await inspector.locator('.liability-party').first().getAttribute('data-role')).toBe('general_contractor')
    expect(await inspector.locator('#liability-deposit').textContent()).toContain('余额 300,000.00 元')
    await expectNoSeriousAxeViolations(inspector, 'claim page with the liability panel')
    await inspector.click('#claim-assign-me')
    await expect.poll(() => inspector.locator('#claim-assign-me').count()).toBe(0)
    await inspector.click('#action-accept')
    await inspector.fill('#transition-note textarea', '予以立案。')
    await inspector.click('#transition-confirm')
    await expect.poll(() => inspector.locator('#claim-status').textContent()).toBe('已受理')

    // The admin draws on the deposit for the claim: the claim's recovery and the balance follow.
    await admin.reload()
    await admin.locator('#deposit-action').waitFor()
    await admin.selectOption('#deposit-action', 'draw')
    await admin.fill('#deposit-amount input', '12000')
    await admin.fill('#deposit-claim input', claim.id)
    await admin.click('#deposit-submit')
    await expect.poll(() => admin.locator('#project-deposit-balance').textContent()).toContain('余额 288,000.00 元')
    expect(await admin.locator('#project-deposit-balance').textContent()).toContain('前补足')
    await inspector.reload()
    await expect.poll(() => inspector.locator('#money-recovered').textContent(), { timeout: 30_000 }).toBe('12,000.00 元')
    expect(await inspector.locator('.recovery-item').first().textContent()).toContain('保证金')
  }, 300_000)
})
