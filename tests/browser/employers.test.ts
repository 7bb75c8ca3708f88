/**
 * The register of employers in Chromium against the real server process (docs/register.md): an
 * admin enters an employer (a wrong credit-code check character is shown on the field), edits it,
 * imports the market-regulation list (a bad line: every error by line, nothing stored), and links an
 * employer a claim named that matches no entry — partly by keyboard alone. At desk width
 * (1280×800) and at 360×740 (no sideways scrolling); axe on each.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { EmployerList } from '@huxin/shared'
import { expectNoSeriousAxeViolations } from '../helpers/axe'
import { browserAvailable, launchChromium } from '../helpers/browser'
import { ensureH5Built, REPO_ROOT, startServer, tempDataDir, type ServerProcess } from '../helpers/server-process'
import { totpAt, totpStep } from '../../server/src/modules/auth/index'
import { creditCodeOf, withWrongCheck } from '../../server/test/helpers/register'

const ADMIN = { username: 'zhou.admin', password: 'Register-Admin-2026' }
const SHOTS = path.join(REPO_ROOT, 'docs', 'screenshots')
const CODE = creditCodeOf(7101)

function createAccount(dataDir: string, args: string[]): string {
  const created = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'server/src/cli/user-create.ts'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, HUXIN_DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
  })
  if (created.status !== 0) throw new Error(`user:create failed: ${created.stderr}`)
  return created.stdout
}

async function staffToken(page: Page): Promise<string> {
  const raw = await page.evaluate(() => localStorage.getItem('huxin:staff-session:v1'))
  const parsed = JSON.parse(raw ?? '{}') as { data?: { accessToken?: string }; accessToken?: string }
  return parsed.data?.accessToken ?? parsed.accessToken ?? ''
}

/** No content wider than the viewport (nothing to scroll sideways). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)

describe.skipIf(!browserAvailable)('the register of employers in Chromium', () => {
  let server: ServerProcess
  let browser: Browser
  let adminSecret = ''

  beforeAll(async () => {
    ensureH5Built()
    const dataDir = tempDataDir()
    const enrolment = createAccount(dataDir, ['--username', ADMIN.username, '--password', ADMIN.password, '--role', 'admin'])
    adminSecret = /[?&]secret=([A-Z2-7]+)/.exec(enrolment)?.[1] ?? ''
    server = await startServer({ dataDir })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('enters, edits, imports and links at desk width and on a phone, by keyboard too, axe-clean', async () => {
    const desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
    const page = await desk.newPage()
    await page.goto(`${server.url}/#/inspector/login/index`)
    await page.fill('#staff-username input', ADMIN.username)
    await page.fill('#staff-password input', ADMIN.password)
    await page.click('#staff-login')
    await expect.poll(() => page.locator('#staff-login-error').textContent()).toBeTruthy()
    await page.fill('#staff-totp input', totpAt(adminSecret, totpStep(Date.now())))
    await page.click('#staff-login')
    await expect.poll(() => staffToken(page), { timeout: 30_000 }).not.toBe('')
    const auth = { authorization: `Bearer ${await staffToken(page)}` }

    // From the projects page to the register; empty at first.
    await page.goto(`${server.url}/#/inspector/projects/index`)
    await page.click('#go-employers')
    await page.locator('#employers-empty').waitFor({ timeout: 30_000 })
    await page.locator('#unmatched-empty').waitFor()
    await expectNoSeriousAxeViolations(page, 'employers, empty')

    // A wrong check character: said on the field, which is marked invalid; nothing stored.
    await page.fill('#employer-name input', '常州恒达建筑劳务有限公司')
    await page.fill('#employer-credit-code input', withWrongCheck(CODE))
    await page.selectOption('#employer-town', 'yaoguan')
    await page.selectOption('#employer-industry', 'construction')
    await page.click('#employer-save')
    await expect.poll(() => page.locator('#employer-credit-code-error').textContent()).toContain('校验位')
    expect(await page.locator('#employer-credit-code-input').getAttribute('aria-invalid')).toBe('true')
    expect(await page.locator('#employer-credit-code-input').getAttribute('aria-describedby')).toContain('employer-credit-code-error')
    await expectNoSeriousAxeViolations(page, 'employers, field error')
    expect(await page.locator('.employer-row').count()).toBe(0)
    // The server says the same for a code the page lets through (the check is the server's too).
    const refused = await fetch(`${server.url}/api/v1/employers`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '某单位', creditCode: withWrongCheck(CODE), town: 'yaoguan', industry: 'construction' }),
    })
    expect(refused.status).toBe(400)

    await page.fill('#employer-credit-code input', CODE)
    await page.click('#employer-save')
    await expect.poll(() => page.locator('#employers-status').textContent()).toContain('已将“常州恒达建筑劳务有限公司”加入名录')
    await page.locator('.employer-row[data-name="常州恒达建筑劳务有限公司"]').waitFor()
    expect(await page.locator('#employer-credit-code-error').count()).toBe(0)

    // Edit by keyboard alone: focus the row's button, Enter; the size, then Enter on 保存.
    await page.locator('.employer-row[data-name="常州恒达建筑劳务有限公司"] .employer-edit').focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('#employer-credit-code-fixed').textContent()).toContain(CODE)
    await page.locator('#employer-size').focus()
    await page.selectOption('#employer-size', 'medium')
    await page.locator('#employer-save').focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.employer-row[data-name="常州恒达建筑劳务有限公司"]').textContent()).toContain('中型')

    // The market-regulation list: a bad line refuses the whole file, every error by its line.
    const header = '单位名称,统一社会信用代码,镇街,行业,规模'
    await page.fill(
      '#employers-import-csv textarea',
      `${header}\n常州永兴机械制造有限公司,${creditCodeOf(7102)},横林镇,制造业,小型\n常州错码公司,${withWrongCheck(creditCodeOf(7103))},火星镇,制造业,小型\n`,
    )
    await page.click('#employers-import-submit')
    await expect.poll(() => page.locator('#employers-import-result').getAttribute('data-ok')).toBe('false')
    const rejected = (await page.locator('#employers-import-result').textContent()) ?? ''
    expect(rejected).toContain('第 3 行 creditCode')
    expect(rejected).toContain('第 3 行 town')
    expect(await page.locator('#employers-import-result').getAttribute('role')).toBe('alert')
    expect(await page.locator('.employer-row').count()).toBe(1)
    await page.fill('#employers-import-csv textarea', `${header}\n常州永兴机械制造有限公司,${creditCodeOf(7102)},横林镇,制造业,小型\n常州顺达物流有限公司,,丁堰街道,服务业,微型\n`)
    await page.click('#employers-import-submit')
    await expect.poll(() => page.locator('#employers-import-result').textContent()).toContain('已导入 2 家单位')
    await expect.poll(() => page.locator('.employer-row').count()).toBe(3)

    // Search by keyboard: type, Enter.
    await page.locator('#employers-search input').focus()
    await page.keyboard.type('永兴')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.employer-row').count()).toBe(1)
    expect(await page.locator('.employer-row').getAttribute('data-name')).toBe('常州永兴机械制造有限公司')

    // A claim names a company the register does not know by code or name: it waits to be linked.
    const filed = await fetch(`${server.url}/api/v1/claims`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({
        claimant: { name: '钱小军', phone: '13900007101' },
        employer: { name: '恒达劳务' },
        project: { name: '遥观厂房扩建' },
        industry: 'construction',
        town: 'yaoguan',
        periodFrom: '2026-08',
        periodTo: '2026-09',
        amountOwedFen: 1_200_000,
        workersCount: 1,
        coWorkers: [],
        description: '两个月的工资没有发。',
        confidential: false,
        consent: { privacyVersion: '2026-11', sensitiveInfo: false },
        channel: 'hotline',
        workerConsent: { how: 'verbal' },
      }),
    })
    expect(filed.status).toBe(201)
    await page.reload()
    await page.locator('.unmatched-row[data-name="恒达劳务"]').waitFor({ timeout: 30_000 })
    await page.click('.unmatched-row[data-name="恒达劳务"] .unmatched-link')
    await page.fill('#link-search input', '恒达')
    await page.click('#link-search-submit')
    await page.locator('.link-candidate[data-name="常州恒达建筑劳务有限公司"]').waitFor()
    await expectNoSeriousAxeViolations(page, 'employers, linking')
    await page.screenshot({ path: path.join(SHOTS, 'employers-1280x800.png') })
    expect(await overflow(page)).toBeLessThanOrEqual(0)
    await page.click('.link-candidate[data-name="常州恒达建筑劳务有限公司"] .link-choose')
    await expect.poll(() => page.locator('#employers-status').textContent()).toContain('已将“恒达劳务”关联到名录单位“常州恒达建筑劳务有限公司”')
    await page.locator('#unmatched-empty').waitFor()
    const unmatched = (await (await fetch(`${server.url}/api/v1/employers/unmatched`, { headers: auth })).json()) as EmployerList
    expect(unmatched.items).toEqual([])

    // On a phone: one column, nothing wider than the screen, still axe-clean.
    await page.setViewportSize({ width: 360, height: 740 })
    await page.reload()
    await page.locator('.employer-row').first().waitFor({ timeout: 30_000 })
    expect(await overflow(page)).toBeLessThanOrEqual(0)
    await expectNoSeriousAxeViolations(page, 'employers at 360×740')
    await page.screenshot({ path: path.join(SHOTS, 'employers-360x740.png'), fullPage: true })
  }, 300_000)
})
