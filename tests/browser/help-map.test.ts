/**
 * 找帮助 in Chromium against the real server process, as the map must behave: the H5 map page, given
 * a location, draws the markers and lists the help points nearest first; a staff status change
 * made through the API shows on the open page within 5 s without a reload; with geolocation
 * refused, picking a town gives a list sorted by distance.
 *
 * Staff accounts come from the real `npm run user:create` CLI (before the server opens the data
 * directory: PGlite is single-process), the admin signs in with a TOTP code computed from the
 * printed otpauth:// secret, and creates the test's own points far from the demo data (in Hubei),
 * so the expected order does not depend on the demo set. No tile server is reachable: tile
 * requests are aborted, as on a phone without map tiles. Runs on PGlite, and also on a fresh
 * PostgreSQL database when TEST_DATABASE_URL is set.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { HELP_POINT_STATUS_LABELS, haversineMetres, type HelpPointDetail, type NearbyResponse, type TokenPair } from '@huxin/shared'
import { totpAt, totpStep } from '../../server/src/modules/auth/index'
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../../server/test/helpers/database'
import { TOWN_CENTRES } from '../../miniprogram/src/lib/help-points'
import { expectNoSeriousAxeViolations } from '../helpers/axe'
import { BROWSER_SKIP_REASON, browserAvailable, launchChromium } from '../helpers/browser'
import { ensureH5Built, REPO_ROOT, startServer, tempDataDir, type ServerProcess } from '../helpers/server-process'

const PASSWORD = 'Map-Test-Pass-2026'
/** Where the worker stands in the first test: a spot in Hubei, 700 km from the demo data. */
const HERE = { lat: 30.6, lng: 111.3 }

/** A point `metres` from HERE in the direction `bearingDeg` (flat-earth offset: fine for km). */
function offset(metres: number, bearingDeg: number): { lat: number; lng: number } {
  const rad = (bearingDeg * Math.PI) / 180
  const dLat = (metres * Math.cos(rad)) / 111_320
  const dLng = (metres * Math.sin(rad)) / (111_320 * Math.cos((HERE.lat * Math.PI) / 180))
  return { lat: HERE.lat + dLat, lng: HERE.lng + dLng }
}

const ALL_DAY: [string, string][] = [['00:00', '24:00']]
const ALWAYS_OPEN = { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }

/** Created in this order (not by distance): the page must sort them. */
const POINTS = [
  { name: '测试·远处法律援助站', kind: 'legal_aid', metres: 6_000, bearing: 200, open: true },
  { name: '测试·最近劳动保障服务站', kind: 'labour_station', metres: 400, bearing: 30, open: true },
  { name: '测试·从不开门的仲裁院', kind: 'arbitration', metres: 2_500, bearing: 300, open: false },
  { name: '测试·第二近监察大队', kind: 'labour_inspection', metres: 1_200, bearing: 120, open: true },
] as const
const BY_DISTANCE = [...POINTS].sort((a, b) => a.metres - b.metres).map((p) => p.name)

function createStaff(dataDir: string, username: string, role: 'admin' | 'inspector', env: Record<string, string>): string | undefined {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'server', 'src', 'cli', 'user-create.ts'), '--username', username, '--password', PASSWORD, '--role', role, '--town', 'yaoguan'],
    { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HUXIN_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env }, encoding: 'utf8' },
  )
  if (result.status !== 0) throw new Error(`user:create failed:\n${result.stdout}\n${result.stderr}`)
  return /secret=([A-Z2-7]+)/.exec(result.stdout)?.[1]
}

async function signIn(server: ServerProcess, username: string, secret?: string): Promise<string> {
  const response = await fetch(`${server.url}/api/v1/auth/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD, ...(secret ? { totp: totpAt(secret, totpStep(Date.now())) } : {}) }),
  })
  expect(response.status, await response.clone().text()).toBe(200)
  return ((await response.json()) as TokenPair).accessToken
}

/** Distance text of a row back to metres (850 米, 1.2 公里). */
function metresOf(text: string): number {
  const match = /([\d.]+)\s*(米|公里)/.exec(text)
  if (!match) throw new Error(`not a distance: ${text}`)
  return Number(match[1]) * (match[2] === '公里' ? 1000 : 1)
}

async function rowNames(page: Page): Promise<string[]> {
  return page.locator('#help-list .help-item .help-item-name').allTextContents()
}

/** The first rows: the test's own points, nearest first (the demo set, 700 km away, follows). */
async function nearestRowNames(page: Page): Promise<string[]> {
  return (await rowNames(page)).slice(0, POINTS.length)
}

// PGlite, and also PostgreSQL (a fresh database) when TEST_DATABASE_URL is set.
for (const kind of DATABASE_KINDS) describe.skipIf(!browserAvailable)(`H5 help map in Chromium on ${kind}`, () => {
  let server: ServerProcess
  let database: TestDatabase | undefined
  let browser: Browser
  let inspectorToken: string
  let adminToken: string
  const ids = new Map<string, string>()

  async function createPoint(body: Record<string, unknown>): Promise<string> {
    const response = await fetch(`${server.url}/api/v1/help-points`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ phones: ['0519-88001234'], hours: ALWAYS_OPEN, openOnHolidays: true, services: ['欠薪投诉'], town: 'yaoguan', ...body }),
    })
    expect(response.status, await response.clone().text()).toBe(201)
    return ((await response.json()) as HelpPointDetail).id
  }

  async function setStatus(id: string, status: string, note?: string): Promise<void> {
    const response = await fetch(`${server.url}/api/v1/help-points/${id}/status`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${inspectorToken}` },
      body: JSON.stringify({ status, ...(note ? { note } : {}) }),
    })
    expect(response.status, await response.clone().text()).toBe(200)
  }

  async function newContext(options: { geolocation?: { latitude: number; longitude: number } }): Promise<BrowserContext> {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: 'zh-CN',
      ...(options.geolocation ? { geolocation: options.geolocation, permissions: ['geolocation'] } : { permissions: [] }),
    })
    // No tile server here, as on a phone that cannot load map tiles: the page must not care.
    await context.route(/tile\.openstreetmap\.org|tianditu\.gov\.cn/, (route) => route.abort())
    return context
  }

  beforeAll(async () => {
    ensureH5Built()
    const dataDir = tempDataDir()
    if (kind === 'postgres') database = await createTestDatabase('postgres', { migrate: false })
    const env: Record<string, string> = database?.url ? { DATABASE_URL: database.url } : {}
    const adminSecret = createStaff(dataDir, 'map-admin', 'admin', env)
    createStaff(dataDir, 'map-inspector', 'inspector', env)
    expect(adminSecret).toBeTruthy()
    server = await startServer({ dataDir, env })
    adminToken = await signIn(server, 'map-admin', adminSecret)
    inspectorToken = await signIn(server, 'map-inspector')
    for (const point of POINTS) {
      const id = await createPoint({
        name: point.name,
        kind: point.kind,
        address: `测试地址 ${point.metres} 米`,
        location: offset(point.metres, point.bearing),
        hours: point.open ? ALWAYS_OPEN : {},
        openOnHolidays: point.open,
      })
      ids.set(point.name, id)
    }
    browser = await launchChromium()
    // The H5 build (when sources changed) plus two CLI runs that each open a fresh PGlite: on two
    // busy cores this can outlast the project's default hook timeout.
  }, 480_000)
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    await database?.destroy()
  })

  it('shows the markers and the list nearest first for the phone’s location, and a staff status change within 5 s without a reload', async () => {
    const context = await newContext({ geolocation: { latitude: HERE.lat, longitude: HERE.lng } })
    const page = await context.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await page.goto(`${server.url}/#/pages/help/map/index`)

    await expect.poll(() => nearestRowNames(page), { timeout: 20_000 }).toEqual(BY_DISTANCE)
    expect(await page.locator('#location-label').textContent()).toBe('您当前的位置')

    // The rows: distance, open by the hours, status.
    const nearestId = ids.get(BY_DISTANCE[0]!)!
    const nearest = page.locator(`#help-${nearestId}`)
    expect(await nearest.locator('.help-item-distance').textContent()).toBe('400 米')
    // One status line (issue 14), not 营业中/已下班 beside 正常办公.
    expect(await nearest.locator('.help-item-status').textContent()).toBe('现在开门')
    expect(await nearest.locator('.help-item-open').count()).toBe(0)
    const closedRow = page.locator(`#help-${ids.get('测试·从不开门的仲裁院')}`)
    expect(await closedRow.locator('.help-item-status').textContent()).toBe('现在没开门')
    const distances = (await page.locator('#help-list .help-item-distance').allTextContents()).map(metresOf)
    expect(distances).toEqual([...distances].sort((a, b) => a - b))
    expect(await nearest.getAttribute('aria-label')).toContain('距离400米')

    // The map: a marker for each of the test's points (kilometres apart: no cluster), with no tiles at all.
    for (const id of ids.values()) {
      await expect.poll(() => page.locator(`#help-map .help-marker-dot[data-point-id="${id}"]`).count()).toBe(1)
    }
    expect(await page.locator('#help-map .leaflet-tile-loaded').count()).toBe(0)

    // A staff status change reaches the open page in place.
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true))
    const changedAt = Date.now()
    await setStatus(nearestId, 'closed_today', '今天集中外出办案')
    await expect
      .poll(() => nearest.locator('.help-item-status').textContent(), { timeout: 5_000, interval: 100 })
      .toBe('今天暂停接待，明天 0:00 开门')
    const seenAfterMs = Date.now() - changedAt
    await expect.poll(() => page.locator(`#help-map [data-point-id="${nearestId}"]`).getAttribute('data-status'), { timeout: 2_000 }).toBe('closed_today')
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true)
    console.log(`help-map: status change seen on the page after ${seenAfterMs} ms`)

    // The detail page: status, note, hours with today marked, a tel: link.
    await nearest.click()
    await page.waitForSelector('#help-detail')
    expect(await page.locator('#help-status').textContent()).toBe(HELP_POINT_STATUS_LABELS.closed_today)
    expect(await page.locator('#help-status-note').textContent()).toBe('今天集中外出办案')
    expect(await page.locator('.help-hours-row--today').count()).toBe(1)
    expect(await page.locator('.help-call').first().getAttribute('href')).toBe('tel:051988001234')
    expect(await page.locator('#help-navigate').getAttribute('href')).toMatch(/^https:\/\/uri\.amap\.com\/marker\?position=111\.\d+,30\.\d+/)

    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('with geolocation refused, offers the towns and lists the help points nearest the picked one', async () => {
    const context = await newContext({})
    const page = await context.newPage()
    await page.goto(`${server.url}/#/pages/help/map/index`)

    await page.waitForSelector('#locate-failed')
    await page.waitForSelector('#town-picker')
    await page.click('#town-henglin')
    await expect.poll(() => page.locator('#location-label').textContent()).toBe('横林镇')
    await expect.poll(() => page.locator('#help-list .help-item').count(), { timeout: 20_000 }).toBeGreaterThan(0)

    const distances = (await page.locator('#help-list .help-item-distance').allTextContents()).map(metresOf)
    expect(distances).toEqual([...distances].sort((a, b) => a - b))
    // The first row is the one the API puts first for the town's centre, and really the nearest.
    const centre = TOWN_CENTRES.henglin!
    const api = (await (await fetch(`${server.url}/api/v1/help-points/nearby?lat=${centre.lat}&lng=${centre.lng}&limit=30`)).json()) as NearbyResponse
    expect((await rowNames(page))[0]).toBe(api.items[0]?.name)
    const nearestMetres = Math.min(...api.items.map((p) => haversineMetres(centre, p.location)))
    expect(Math.abs(haversineMetres(centre, api.items[0]!.location) - nearestMetres)).toBeLessThan(1)

    // The choice is remembered: the next visit starts from 横林镇 without asking again.
    await page.reload()
    await expect.poll(() => page.locator('#location-label').textContent()).toBe('横林镇')
    await context.close()
  })

  it('without EventSource (as in WeChat) polls /changes and still shows a status change within 5 s', async () => {
    const context = await newContext({})
    await context.addInitScript(() => {
      delete (window as unknown as { EventSource?: unknown }).EventSource
    })
    const page = await context.newPage()
    const streams: string[] = []
    page.on('request', (request) => {
      if (request.url().includes('/help-points/stream')) streams.push(request.url())
    })
    // The location from the page's address (shared links, tests).
    await page.goto(`${server.url}/#/pages/help/map/index?lat=${HERE.lat}&lng=${HERE.lng}`)
    await expect.poll(() => nearestRowNames(page), { timeout: 20_000 }).toEqual(BY_DISTANCE)
    expect(await page.locator('#location-label').textContent()).toBe('链接里的位置')

    const id = ids.get('测试·第二近监察大队')!
    const row = page.locator(`#help-${id}`)
    expect(await row.locator('.help-item-status').textContent()).toBe('现在开门')
    const polled = page.waitForRequest((request) => request.url().includes('/api/v1/help-points/changes?since='), { timeout: 6_000 })
    const changedAt = Date.now()
    await setStatus(id, 'busy')
    await expect.poll(() => row.locator('.help-item-status').textContent(), { timeout: 5_000, interval: 100 }).toBe('现在开门，人多要排队')
    console.log(`help-map: status change seen by polling after ${Date.now() - changedAt} ms`)
    await polled
    expect(streams).toEqual([])
    await context.close()
  })

  it('draws crowded points as one numbered cluster, including those beyond the list, and splits it when tapped', async () => {
    // 40 points within about 400 m of one another, far from everything else; the list holds 30.
    const spot = { lat: 25.05, lng: 104.3 }
    for (let i = 0; i < 40; i++) {
      await createPoint({
        name: `测试·密集点 ${String(i + 1).padStart(2, '0')}`,
        kind: 'labour_station',
        location: { lat: spot.lat + (i % 8) * 0.0005, lng: spot.lng + Math.floor(i / 8) * 0.0005 },
      })
    }
    const context = await newContext({})
    const page = await context.newPage()
    await page.goto(`${server.url}/#/pages/help/map/index?lat=${spot.lat}&lng=${spot.lng}`)
    await expect.poll(() => page.locator('#help-list .help-item').count(), { timeout: 20_000 }).toBe(30)

    // Zoomed out, the whole crowd — also the 10 points only the viewport query returns — is one cluster.
    for (let i = 0; i < 4; i++) {
      await page.click('#help-map .leaflet-control-zoom-out')
      await page.waitForTimeout(400)
    }
    await expect.poll(() => page.locator('#help-map .help-cluster-count').allTextContents(), { timeout: 5_000 }).toEqual(['40'])
    expect(await page.locator('#help-map .help-marker-dot').count()).toBe(0)

    // Tapping it zooms in to the crowd, which falls apart into smaller clusters and single markers.
    await page.click('#help-map .help-cluster')
    const shown = async () => {
      const clusters = (await page.locator('#help-map .help-cluster-count').allTextContents()).map(Number)
      const singles = await page.locator('#help-map .help-marker-dot').count()
      return { groups: clusters.length + singles, points: clusters.reduce((a, b) => a + b, 0) + singles }
    }
    await expect.poll(async () => (await shown()).groups, { timeout: 5_000 }).toBeGreaterThan(1)
    expect((await shown()).points).toBe(40)
    await context.close()
  })

  it('puts the places to go first above the map as cards, a court 100 m away after the brigade, the station and 12333, and keeps the last list offline', async () => {
    const courtId = await createPoint({ name: '测试·隔壁人民法院', kind: 'court', location: offset(100, 90), hours: ALWAYS_OPEN })
    const context = await newContext({ geolocation: { latitude: HERE.lat, longitude: HERE.lng } })
    const page = await context.newPage()
    await page.goto(`${server.url}/#/pages/help/map/index`)
    await expect.poll(() => page.locator('#help-cards .help-card').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3)

    // The order of the cards: brigade, labour station, 12333, then the others — never the court first.
    const kinds = await page.locator('#help-cards .help-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-kind')))
    expect(kinds.slice(0, 3)).toEqual(['labour_inspection', 'labour_station', 'hotline'])
    expect(kinds).not.toContain('court')
    // …although the court is the nearest in the list.
    expect((await rowNames(page))[0]).toBe('测试·隔壁人民法院')
    // One status line (an earlier test left the brigade busy).
    expect(await page.locator(`#card-${ids.get('测试·第二近监察大队')} .help-card-line`).textContent()).toMatch(/^现在开门(，人多要排队)?$/)
    expect(await page.locator(`#help-${courtId} .help-item-status`).textContent()).toBe('现在开门')

    // Above the fold of a 360×740 phone: the first card and its call button are on the first screen.
    for (const selector of ['#help-cards .help-card >> nth=0', '#help-cards .help-card >> nth=0 >> .help-card-call']) {
      const box = await page.locator(selector).boundingBox()
      expect(box, selector).not.toBeNull()
      expect((box?.y ?? 9999) + (box?.height ?? 0), selector).toBeLessThanOrEqual(740)
    }
    await expectNoSeriousAxeViolations(page, '找帮助 with the cards')

    // The network goes: the list saved on the phone stays, marked with its time.
    await context.route('**/api/v1/help-points**', (route) => route.abort('internetdisconnected'))
    await page.reload()
    await expect.poll(() => page.locator('#help-saved').textContent(), { timeout: 20_000 }).toMatch(/^现在没有网络，下面是 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 保存的列表/)
    expect((await rowNames(page))[0]).toBe('测试·隔壁人民法院')
    expect(await page.locator('#help-cards .help-card').count()).toBeGreaterThanOrEqual(3)
    expect(await page.locator('#help-error').count()).toBe(0)
    await context.close()
  })
})

if (!browserAvailable) console.warn(BROWSER_SKIP_REASON)
