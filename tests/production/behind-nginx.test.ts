/**
 * Several processes, one proxy (docs/deploy.md §4): Debian's nginx with TLS in front of two API
 * processes and `npm run worker`, on PostgreSQL and an S3 object store (s3rver), HuXin trusting
 * only nginx's address. Through nginx: a worker signs in by SMS and files a claim with a photo, an
 * inspector reads it and its photo from either process; a help-point change made on one process
 * reaches an SSE stream served by the other; the same client address is rate limited whichever
 * process answers; a replayed national webhook is refused by the other process. In Chromium,
 * through nginx: the help map shows a change made on the other process; a worker's phone signs in
 * by SMS and files through the wizard with a photo, and an inspector at a desk finds the claim by
 * its reference and sees the photo, which both processes serve byte-equal. Then one API
 * process is SIGKILLed while filings are in flight: none acknowledged is lost, none doubled, and
 * nginx serves on through the other. Nothing depends on timing: every wait polls for a state.
 */
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TOWN_CODES, type Claim, type ClaimDetail, type ClaimList, type TokenPair } from '@huxin/shared'
import { DEV_SIMULATOR_CREDENTIALS } from '../../server/src/config'
import { signMessage } from '../../server/src/modules/national-sync/index'
import { startSimulatorServer, type SimulatorServer } from '../../server/src/simulators'
import { validClaimBody } from '../../server/test/helpers/claims'
import { createTestDatabase, type TestDatabase } from '../../server/test/helpers/database'
import { startS3TestServer, type S3TestServer } from '../../server/test/helpers/storage'
import { startWorker, TEST_SECRETS, type WorkerProcess } from '../national/helpers'
import { browserAvailable, launchChromium } from '../helpers/browser'
import { makePng } from '../helpers/png'
import { ensureH5Built, freePort, REPO_ROOT, startServer, type ServerProcess } from '../helpers/server-process'
import { signInByPhone, storedSession } from '../helpers/worker'
import { call, NGINX, NGINX_UPSTREAM_ADDRESS, openStream, startNginx, type CallOptions, type Nginx, type Reply } from './nginx'

const hasPostgres = Boolean(process.env.TEST_DATABASE_URL)
const hasNginx = spawnSync(NGINX, ['-v']).status === 0

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(200), Buffer.from([0xff, 0xd9])])
const INSPECTOR = { username: `inspector-${randomBytes(3).toString('hex')}`, password: `Nginx-test-${randomBytes(12).toString('hex')}` }

function multipart(content: Buffer): { body: Buffer; type: string } {
  const boundary = `----huxin${randomBytes(8).toString('hex')}`
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { body, type: `multipart/form-data; boundary=${boundary}` }
}

async function poll<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

describe.skipIf(!hasPostgres || !hasNginx)('two API processes and the worker behind nginx (TLS), on PostgreSQL and S3', () => {
  let database: TestDatabase | undefined
  let s3: S3TestServer | undefined
  let sim: SimulatorServer | undefined
  let worker: WorkerProcess | undefined
  let nginx: Nginx
  const api: ServerProcess[] = []

  const send = (method: string, url: string, options: CallOptions = {}) => call(nginx, method, url, options)
  const postJson = (url: string, body: unknown, headers: Record<string, string> = {}, options: CallOptions = {}) =>
    send('POST', url, { ...options, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
  /** The API process (by port) behind nginx's `$upstream_addr`. */
  const portOf = (reply: Reply) => Number(reply.upstream.split(',').pop()!.trim().split(':').pop())

  async function smsSignIn(phone: string): Promise<string> {
    expect((await postJson('/api/v1/auth/sms/request', { phone })).status).toBe(202)
    const code = await poll('the SMS code', async () => {
      const { items } = (await (await fetch(`${sim!.smsBaseUrl}/messages?phone=${phone}`)).json()) as { items: { phone: string; code: string | null }[] }
      return items.find((m) => m.phone === phone && m.code)?.code ?? undefined
    })
    const verified = await postJson('/api/v1/auth/sms/verify', { phone, code })
    expect(verified.status).toBe(200)
    return verified.json<TokenPair>().accessToken
  }

  async function staffSignIn(): Promise<string> {
    const reply = await postJson('/api/v1/auth/staff/login', INSPECTOR)
    expect(reply.status, reply.body.toString()).toBe(200)
    return reply.json<TokenPair>().accessToken
  }

  beforeAll(async () => {
    // The H5 app the API processes serve (built if its sources changed), for the Chromium part.
    if (browserAvailable) ensureH5Built()
    database = await createTestDatabase('postgres', { migrate: false })
    s3 = await startS3TestServer()
    sim = await startSimulatorServer({
      wechat: { appId: DEV_SIMULATOR_CREDENTIALS.wechatAppId, appSecret: DEV_SIMULATOR_CREDENTIALS.wechatAppSecret },
      sms: { apiKey: DEV_SIMULATOR_CREDENTIALS.smsApiKey },
      national: { appId: DEV_SIMULATOR_CREDENTIALS.nationalAppId, appSecret: DEV_SIMULATOR_CREDENTIALS.nationalAppSecret },
    })
    const env = {
      ...TEST_SECRETS,
      ...s3.env,
      DATABASE_URL: database.url!,
      HUXIN_TRUSTED_PROXIES: NGINX_UPSTREAM_ADDRESS,
      WECHAT_API_BASE: sim.wechatBaseUrl,
      SMS_API_BASE: sim.smsBaseUrl,
      NATIONAL_API_BASE: sim.nationalBaseUrl,
      NATIONAL_PULL_INTERVAL_MS: '600000',
      HUXIN_FILING_MAX_PER_HOUR: '1000',
      HUXIN_FILING_MAX_PER_DAY: '1000',
    }
    const apiEnv = { ...env, NATIONAL_SYNC: 'off', HUXIN_NOTIFICATIONS_WORKER: 'off' }
    // The first applies the migrations and loads the demo help points; the second finds both done.
    api.push(await startServer({ env: apiEnv }))
    api.push(await startServer({ env: apiEnv }))
    const created = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'server/src/cli/user-create.ts', '--username', INSPECTOR.username, '--password', INSPECTOR.password, '--role', 'inspector',
        ...TOWN_CODES.flatMap((town) => ['--town', town])],
      { cwd: REPO_ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } },
    )
    if (created.status !== 0) throw new Error(`user-create failed:\n${created.stdout}${created.stderr}`)
    worker = startWorker(env)
    nginx = await startNginx(await freePort(), api.map((s) => s.port))
    // The H5 build (when its sources changed) and three processes starting on two busy cores.
  }, 480_000)

  afterAll(async () => {
    await nginx?.stop()
    await Promise.all(api.map((s) => s.stop('SIGKILL')))
    await worker?.kill('SIGKILL')
    await sim?.close()
    await s3?.close()
    await database?.destroy()
  })

  it('serves both API processes over TLS and refuses /metrics', async () => {
    const seen = new Set<number>()
    await poll('both API processes to answer through nginx', async () => {
      const reply = await send('GET', '/healthz')
      expect(reply.status).toBe(200)
      seen.add(portOf(reply))
      return seen.size === 2 ? true : undefined
    })
    expect([...seen].sort()).toEqual(api.map((s) => s.port).sort())
    expect((await send('GET', '/metrics')).status).toBe(404)
  })

  it('a worker files a claim with a photo; an inspector reads both from either process', { timeout: 120_000 }, async () => {
    const phone = `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
    const token = await smsSignIn(phone)
    const filed = await postJson('/api/v1/claims', validClaimBody({ claimant: { name: '王建国', phone } }), { ...bearer(token), 'idempotency-key': randomUUID() })
    expect(filed.status, filed.body.toString()).toBe(201)
    const claim = filed.json<Claim>()
    const form = multipart(JPEG)
    const uploaded = await send('POST', `/api/v1/claims/${claim.id}/attachments`, { headers: { ...bearer(token), 'content-type': form.type }, body: form.body })
    expect(uploaded.status, uploaded.body.toString()).toBe(201)
    const attachment = uploaded.json<{ id: string; sha256: string }>()
    expect(attachment.sha256).toBe(createHash('sha256').update(JPEG).digest('hex'))

    const staff = await staffSignIn()
    const servedBy = new Set<number>()
    const read = await send('GET', `/api/v1/claims/${claim.id}`, { headers: bearer(staff) })
    expect(read.status).toBe(200)
    expect(read.json<Claim>().reference).toBe(claim.reference)
    // The photo is in the object store, not on a process's disk: either process serves it.
    await poll('the photo served by both processes', async () => {
      const photo = await send('GET', `/api/v1/claims/${claim.id}/attachments/${attachment.id}`, { headers: bearer(staff) })
      expect(photo.status).toBe(200)
      expect(photo.body.equals(JPEG)).toBe(true)
      servedBy.add(portOf(photo))
      return servedBy.size === 2 ? true : undefined
    })
  })

  it('a help-point status changed on one process reaches the SSE stream served by the other, through nginx', { timeout: 120_000 }, async () => {
    const stream = await openStream(nginx, '/api/v1/help-points/stream')
    try {
      const streamPort = Number(stream.upstream.split(':').pop())
      const other = api.find((s) => s.port !== streamPort)!
      const list = await send('GET', '/api/v1/help-points?bbox=73,18,135,54')
      expect(list.status).toBe(200)
      const point = list.json<{ items: { id: string }[] }>().items[0]!
      const staff = await staffSignIn()
      // Made on the other process directly (the test's own request; nginx would pick either).
      const changed = await fetch(`${other.url}/api/v1/help-points/${point.id}/status`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', ...bearer(staff) },
        body: JSON.stringify({ status: 'busy', note: '排队较多' }),
      })
      expect(changed.status, await changed.clone().text()).toBe(200)
      await poll('the change on the stream', async () => {
        const frames = stream.received().split('\n\n').filter((f) => f.startsWith('event: help-point') && f.includes(point.id))
        return frames.some((f) => f.includes('"busy"')) ? true : undefined
      })
    } finally {
      stream.close()
    }
  })

  it('rate limits one client address whichever process answers, and not other addresses', { timeout: 180_000 }, async () => {
    // 127.0.0.3 is one client as nginx sees it (X-Forwarded-For); a forged header of its own is not believed.
    const attacker = { localAddress: '127.0.0.3' }
    const limitedBy = new Set<number>()
    const statuses: number[] = []
    await poll('429 from both processes', async () => {
      const reply = await postJson('/api/v1/auth/staff/login', { username: `nobody-${randomUUID()}`, password: 'wrong-password-1' }, { 'x-forwarded-for': `198.51.100.${statuses.length % 250}` }, attacker)
      statuses.push(reply.status)
      if (reply.status === 429) limitedBy.add(portOf(reply))
      else expect(reply.status).toBe(401)
      return limitedBy.size === 2 ? true : undefined
    }, 150_000)
    // 20 failures per address per 15 minutes (docs/security.md §4), counted across both processes.
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true)
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true)
    // Another address (the test's own) is not limited by them.
    await staffSignIn()
  })

  it('a national webhook replayed is refused by the other process', async () => {
    const body = JSON.stringify({ messageId: randomUUID(), clues: [] })
    const headers = signMessage({ appId: DEV_SIMULATOR_CREDENTIALS.nationalAppId, secret: DEV_SIMULATOR_CREDENTIALS.nationalAppSecret, method: 'POST', path: '/api/v1/national/webhook', body })
    const first = await send('POST', '/api/v1/national/webhook', { headers: { ...headers, 'content-type': 'application/json' }, body })
    expect(first.status, first.body.toString()).toBe(200)
    await poll('a replay answered by the other process', async () => {
      const replay = await send('POST', '/api/v1/national/webhook', { headers: { ...headers, 'content-type': 'application/json' }, body })
      expect(replay.status).toBe(401)
      expect(replay.json<{ code: string }>().code).toBe('NONCE_REUSED')
      return portOf(replay) !== portOf(first) ? true : undefined
    })
  })

  it.skipIf(!browserAvailable)('Chromium: the worker\'s help map, through nginx, shows a status change made on the other process', { timeout: 240_000 }, async () => {
    const browser = await launchChromium()
    try {
      // The test's own certificate: Chromium is not given it as a CA, so its errors are ignored here
      // (the https client of the other tests verifies it).
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', permissions: [], ignoreHTTPSErrors: true })
      await context.route(/tile\.openstreetmap\.org|tianditu\.gov\.cn/, (route) => route.abort())
      const page = await context.newPage()
      const streams: string[] = []
      page.on('response', (response) => {
        if (response.url().includes('/api/v1/help-points/stream')) streams.push(response.headers()['x-test-upstream'] ?? '')
      })
      await page.goto(`${nginx.url}/#/pages/help/map/index`)
      await page.waitForSelector('#town-picker')
      await page.click('#town-henglin')
      await expect.poll(() => page.locator('#help-list .help-item').count()).toBeGreaterThan(0)
      const row = page.locator('#help-list .help-item').first()
      const id = (await row.getAttribute('id'))!.replace(/^help-/, '')
      expect(await row.getAttribute('data-status')).not.toBe('closed_today')
      // The page's live channel, through nginx: which process serves it.
      await expect.poll(() => streams.length).toBeGreaterThan(0)
      const streamPort = Number(streams[0]!.split(',').pop()!.trim().split(':').pop())
      const other = api.find((s) => s.port !== streamPort)!
      const staff = await staffSignIn()
      const changed = await fetch(`${other.url}/api/v1/help-points/${id}/status`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', ...bearer(staff) },
        body: JSON.stringify({ status: 'closed_today', note: '今天集中外出办案' }),
      })
      expect(changed.status, await changed.clone().text()).toBe(200)
      await expect.poll(() => page.locator(`#help-${id}`).getAttribute('data-status'), { timeout: 60_000 }).toBe('closed_today')
      await page.screenshot({ path: path.join(tmpdir(), 'huxin-behind-nginx-help-map.png') })
      await context.close()
    } finally {
      await browser.close()
    }
  })

  it.skipIf(!browserAvailable)('Chromium: a worker signs in by SMS and files with a photo through nginx; an inspector opens it and its photo at the desk', { timeout: 300_000 }, async () => {
    const phone = `135${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
    const png = makePng(48, 32)
    // Chromium trusts the test's certificate (its key) and no other: unlike ignoreHTTPSErrors, the
    // app's service worker then registers, as it does on a phone trusting the bureau's certificate.
    const browser = await launchChromium([`--ignore-certificate-errors-spki-list=${nginx.spki}`])
    try {
      const phoneContext = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' })
      const deskContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
      // What would matter on the page: a CSP violation (event or console), a console error or an
      // uncaught error (the page declares its icon, so not even a 404 for /favicon.ico).
      const problems: string[] = []
      for (const context of [phoneContext, deskContext]) {
        context.setDefaultTimeout(60_000)
        await context.addInitScript(() => {
          document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`))
        })
        context.on('console', (message) => {
          if (message.type() === 'error' || /Content.Security.Policy|Refused to/i.test(message.text())) problems.push(`console ${message.type()}: ${message.text()} (${message.location().url})`)
        })
        context.on('weberror', (error) => problems.push(`page error: ${error.error().message}`))
      }
      /** Which API process answered each of the app's API requests (nginx's header). */
      const upstreams = new Set<number>()
      phoneContext.on('response', (response) => {
        const upstream = response.headers()['x-test-upstream']
        if (upstream && new URL(response.url()).pathname.startsWith('/api/')) upstreams.add(Number(upstream.split(',').pop()!.trim().split(':').pop()))
      })

      // The worker's phone: sign in by SMS (the code from the simulator the API processes send to).
      const worker = await phoneContext.newPage()
      await signInByPhone(worker, nginx.url, phone, sim!.url)
      await worker.fill('#claimant-name input', '赵春生')
      await expect.poll(() => worker.inputValue('#claimant-phone input')).toBe(phone)
      await worker.click('#wizard-next')
      await worker.waitForSelector('#step-2')
      await worker.fill('#employer-name input', '常州某某幕墙工程有限公司')
      await worker.fill('#project-name input', '横林镇某商业综合体')
      await worker.selectOption('#industry', 'construction')
      await worker.selectOption('#town', { label: '横林镇' })
      await worker.click('#wizard-next')
      await worker.waitForSelector('#step-3')
      await worker.fill('#period-from', '2026-06')
      await worker.fill('#period-to', '2026-09')
      await worker.fill('#amount-yuan input', '15800')
      await expect.poll(() => worker.locator('#amount-preview').textContent()).toBe('即 15,800.00 元')
      await worker.click('#wizard-next')
      await worker.waitForSelector('#step-4')
      await worker.fill('#description textarea', '六月到九月在综合体工地装幕墙，工钱一直没结。')
      const chooser = worker.waitForEvent('filechooser')
      await worker.click('#photo-album')
      await (await chooser).setFiles({ name: 'wage-sheet.png', mimeType: 'image/png', buffer: png })
      await expect.poll(() => worker.locator('.photo-item').count()).toBe(1)
      await worker.click('#wizard-next')
      await worker.waitForSelector('#step-5')
      expect(await worker.locator('#claim-summary').textContent()).toContain('15,800.00 元')
      await worker.check('#consent')
      await worker.click('#submit')
      await worker.waitForSelector('#claim-success', { timeout: 120_000 })
      const reference = (await worker.locator('.claim-reference').textContent())?.trim() ?? ''
      expect(reference).toMatch(/^JK-\d{8}-\d{4}$/)
      await expect.poll(() => worker.locator('#photos-sent').textContent()).toContain('已上传 1 张')
      await worker.screenshot({ path: path.join(tmpdir(), 'huxin-behind-nginx-claim-success.png') })
      // Its tokens, kept by the app after the sign-in through nginx, find the claim.
      const { accessToken } = await storedSession(worker)
      const mine = await send('GET', '/api/v1/claims', { headers: bearer(accessToken) })
      expect(mine.status).toBe(200)
      const claim = mine.json<ClaimList>().items.find((c) => c.reference === reference)
      expect(claim, `claim ${reference} in the worker's list`).toBeDefined()

      // The inspector at a desk, through nginx: the queue searched by the reference, then the
      // claim's page with the photo fetched from the object store and decoded.
      const inspector = await deskContext.newPage()
      await inspector.goto(`${nginx.url}/#/inspector/login/index`)
      await inspector.fill('#staff-username input', INSPECTOR.username)
      await inspector.fill('#staff-password input', INSPECTOR.password)
      await inspector.click('#staff-login')
      await inspector.locator('.desk-row').first().waitFor()
      await inspector.fill('#desk-search', reference)
      await inspector.press('#desk-search', 'Enter')
      await expect.poll(() => inspector.locator('.desk-row').count()).toBe(1)
      const row = inspector.locator(`.desk-row[data-reference="${reference}"]`)
      await row.locator('.desk-open').click()
      await expect.poll(() => inspector.locator('#claim-reference:visible').textContent()).toBe(reference)
      const thumb = inspector.locator('#evidence .evidence-thumb img')
      await expect.poll(() => thumb.getAttribute('src')).toMatch(/^blob:/)
      await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBe(48)

      // The photo as stored: the same bytes from both API processes, those the phone sent.
      const staff = await staffSignIn()
      const detail = await send('GET', `/api/v1/claims/${claim!.id}`, { headers: bearer(staff) })
      expect(detail.status).toBe(200)
      const attachments = detail.json<ClaimDetail>().attachments ?? []
      expect(attachments).toHaveLength(1)
      const attachment = attachments[0]!
      expect(attachment.mime).toBe('image/png')
      expect(attachment.sha256).toBe(createHash('sha256').update(png).digest('hex'))
      const servedBy = new Set<number>()
      await poll('the photo served by both processes', async () => {
        const photo = await send('GET', `/api/v1/claims/${claim!.id}/attachments/${attachment.id}`, { headers: bearer(staff) })
        expect(photo.status).toBe(200)
        expect(createHash('sha256').update(photo.body).digest('hex')).toBe(attachment.sha256)
        servedBy.add(portOf(photo))
        return servedBy.size === 2 ? true : undefined
      })
      // The phone's API calls went through nginx, which passed them to both processes in turn.
      expect(upstreams).toEqual(new Set(api.map((s) => s.port)))
      expect(problems).toEqual([])
      await phoneContext.close()
      await deskContext.close()
    } finally {
      await browser.close()
    }
  })

  it('SIGKILL of one API process mid-load: no acknowledged claim lost or doubled, nginx serves on', { timeout: 240_000 }, async () => {
    const phone = `136${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
    const token = await smsSignIn(phone)
    const TOTAL = 120
    const acknowledged = new Map<string, string>() // idempotency key → claim id
    const answeredBy = new Set<number>()
    let retries = 0
    /** The app's filing: one key per claim, the same request again on a 502/503/504 or a broken connection. */
    const file = async (i: number) => {
      const key = randomUUID()
      const body = validClaimBody({ claimant: { name: '王建国', phone }, description: `第 ${i} 份：三月到六月在工地干活，老板一直拖着不发工资。` })
      for (let attempt = 0; attempt < 100; attempt++) {
        let reply: Reply | undefined
        try {
          reply = await postJson('/api/v1/claims', body, { ...bearer(token), 'idempotency-key': key })
        } catch {
          // connection error: retry
        }
        if (reply && (reply.status === 201 || reply.status === 200)) {
          acknowledged.set(key, reply.json<Claim>().id)
          answeredBy.add(portOf(reply))
          return
        }
        if (reply && ![502, 503, 504].includes(reply.status)) throw new Error(`filing ${i}: ${reply.status} ${reply.body.toString()}`)
        retries++
        await new Promise((r) => setTimeout(r, 100))
      }
      throw new Error(`filing ${i} never acknowledged`)
    }
    let next = 0
    const lane = async () => {
      while (next < TOTAL) await file(next++)
    }
    const load = Promise.all([lane(), lane(), lane(), lane(), lane(), lane()])
    await poll('some filings acknowledged', async () => (acknowledged.size >= 20 ? true : undefined))
    const victim = api[1]!
    await victim.stop('SIGKILL')
    await load
    // Both processes had acknowledged filings before one was killed (nginx's round robin).
    expect(answeredBy).toEqual(new Set(api.map((s) => s.port)))

    expect(acknowledged.size).toBe(TOTAL)
    // Every acknowledged claim is there once; the worker has exactly these claims.
    const ids: string[] = []
    let cursor: string | undefined
    do {
      const page = await send('GET', `/api/v1/claims?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: bearer(token) })
      expect(page.status).toBe(200)
      const { items, nextCursor } = page.json<{ items: Claim[]; nextCursor: string | null }>()
      ids.push(...items.map((c) => c.id))
      cursor = nextCursor ?? undefined
    } while (cursor)
    expect(ids.sort()).toEqual([...acknowledged.values()].sort())
    expect(new Set(ids).size).toBe(TOTAL)
    const { rows } = await database!.handle.query<{ n: number | string }>('select count(*) as n from claims where id = any($1::uuid[])', [ids])
    expect(Number(rows[0]!.n)).toBe(TOTAL)
    // nginx serves on, through the survivor only.
    for (let i = 0; i < 6; i++) {
      const reply = await send('GET', '/healthz')
      expect(reply.status).toBe(200)
      expect(portOf(reply)).toBe(api[0]!.port)
    }
    // The worker process ran beside them throughout.
    expect(worker!.child.exitCode, worker!.output()).toBeNull()
    console.info(`behind-nginx: ${TOTAL} filings acknowledged, ${retries} client retries after the SIGKILL`)
  })
})
