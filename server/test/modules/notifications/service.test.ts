import { sql } from 'drizzle-orm'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Claim } from '@huxin/shared'
import { notificationOutbox } from '../../../src/db/schema/index'
import { drainNotifications, MAX_ATTEMPTS, retryDelayMs, type NotificationDeps } from '../../../src/modules/notifications/service'
import type { SimulatedSms } from '../../../src/modules/sms/index'
import type { SimulatedSubscribeMessage } from '../../../src/modules/wechat/index'
import { useTestApp } from '../../helpers/app'
import { signInWorker, type SignedIn } from '../../helpers/auth'
import { newKey, validClaimBody } from '../../helpers/claims'
import { DATABASE_KINDS } from '../../helpers/database'

describe('retry delays', () => {
  it('double from 30 s with jitter in the upper half, capped at 6 h', () => {
    expect(retryDelayMs(1, () => 0)).toBe(15_000)
    expect(retryDelayMs(1, () => 1)).toBe(30_000)
    expect(retryDelayMs(3, () => 1)).toBe(120_000)
    expect(retryDelayMs(30, () => 1)).toBe(6 * 3_600_000)
  })
})

describe.each(DATABASE_KINDS)('worker notifications on %s', (kind) => {
  const t = useTestApp(kind)
  let deps: NotificationDeps
  beforeAll(async () => {
    deps = {
      query: t.database.handle.query,
      wechat: t.app.wechat,
      sms: t.app.sms,
      pii: t.app.pii,
      claimUpdateTemplateId: t.config.wechat.claimUpdateTemplateId,
      random: () => 1,
    }
  })
  const control = (base: string, path: string, body: object = {}) =>
    fetch(`${base}/__control/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const wechatFaults = (faults: object) => control(t.simulators.wechatBaseUrl, 'faults', faults)
  beforeEach(async () => {
    await control(t.simulators.wechatBaseUrl, 'reset')
    await control(t.simulators.smsBaseUrl, 'reset')
  })

  const db = () => t.database.handle.db
  const outbox = (claimId: string) =>
    db().select().from(notificationOutbox).where(sql`${notificationOutbox.claimId} = ${claimId}`)
  const wechatInbox = async (touser: string) => {
    const response = await fetch(`${t.simulators.wechatBaseUrl}/__control/messages?touser=${touser}`)
    return ((await response.json()) as { items: SimulatedSubscribeMessage[] }).items
  }
  const smsInbox = async (phone: string) => {
    const response = await fetch(`${t.simulators.smsBaseUrl}/messages?phone=${phone}`)
    return ((await response.json()) as { items: SimulatedSms[] }).items
  }
  async function fileFor(worker: SignedIn): Promise<Claim> {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/claims',
      headers: { ...worker.headers, 'idempotency-key': newKey() },
      payload: validClaimBody(),
    })
    expect(response.statusCode).toBe(201)
    return response.json<Claim>()
  }
  /** A change made by staff: worker-visible unless said otherwise. */
  async function staffChange(claimId: string, status: string, visibility: 'worker' | 'internal' = 'worker') {
    await db().execute(sql`update claims set status = ${status} where id = ${claimId}`)
    await t.app.repos.claims.addEvent({ claimId, type: status, visibility })
  }

  it('queues one message per worker-visible change made by someone else, none for filing, internal notes or the worker’s own acts', async () => {
    const worker = await signInWorker(t)
    const claim = await fileFor(worker)
    expect(await outbox(claim.id)).toHaveLength(0)
    await staffChange(claim.id, 'accepted', 'internal')
    expect(await outbox(claim.id)).toHaveLength(0)
    await staffChange(claim.id, 'accepted')
    const rows = await outbox(claim.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ state: 'pending', attempts: 0, userId: worker.user.id })
    // Withdrawn by the worker: they know.
    const own = await fileFor(worker)
    const withdrawn = await t.app.inject({ method: 'POST', url: `/api/v1/claims/${own.id}/withdraw`, headers: worker.headers, payload: {} })
    expect(withdrawn.statusCode).toBe(200)
    expect(await outbox(own.id)).toHaveLength(0)
    // Nothing has been sent by the requests themselves.
    expect(await wechatInbox(worker.openid)).toEqual([])
  })

  it('sends a WeChat subscription message to a WeChat worker, once, with the reference and the status', async () => {
    const worker = await signInWorker(t)
    const claim = await fileFor(worker)
    await staffChange(claim.id, 'accepted')
    const result = await drainNotifications(deps)
    expect(result.sent).toBeGreaterThanOrEqual(1)
    const messages = await wechatInbox(worker.openid)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({
      templateId: t.config.wechat.claimUpdateTemplateId,
      page: `pages/claims/detail/index?id=${claim.id}`,
      data: { character_string1: { value: claim.reference }, phrase2: { value: '已受理' } },
    })
    expect((await outbox(claim.id))[0]).toMatchObject({ state: 'sent', channel: 'wechat', attempts: 1 })
    await drainNotifications(deps)
    expect(await wechatInbox(worker.openid)).toHaveLength(1)
  })

  it('gives up at once on 43101 (not subscribed) and keeps no phone or openid in the error', async () => {
    const worker = await signInWorker(t, `refuse-${Date.now()}`)
    const claim = await fileFor(worker)
    await staffChange(claim.id, 'accepted')
    await drainNotifications(deps)
    const [row] = await outbox(claim.id)
    expect(row).toMatchObject({ state: 'failed', attempts: 1, lastError: 'wechat 43101' })
  })

  it('retries a busy WeChat later with backoff, then sends', async () => {
    const worker = await signInWorker(t)
    const claim = await fileFor(worker)
    await staffChange(claim.id, 'investigating')
    await wechatFaults({ errorRate: 1 })
    await drainNotifications(deps)
    let [row] = await outbox(claim.id)
    expect(row).toMatchObject({ state: 'pending', attempts: 1, lastError: 'wechat -1' })
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000)
    // Not due yet: a drain now leaves it alone.
    await wechatFaults({})
    await drainNotifications(deps)
    expect((await outbox(claim.id))[0]?.attempts).toBe(1)
    await db().execute(sql`update notification_outbox set next_attempt_at = now() where claim_id = ${claim.id}`)
    await drainNotifications(deps)
    ;[row] = await outbox(claim.id)
    expect(row).toMatchObject({ state: 'sent', attempts: 2 })
    expect(await wechatInbox(worker.openid)).toHaveLength(1)
  })

  it(`fails a message for good after ${MAX_ATTEMPTS} attempts`, async () => {
    const worker = await signInWorker(t)
    const claim = await fileFor(worker)
    await staffChange(claim.id, 'investigating')
    await wechatFaults({ errorRate: 1 })
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await db().execute(sql`update notification_outbox set next_attempt_at = now() where claim_id = ${claim.id}`)
      await drainNotifications(deps)
    }
    expect((await outbox(claim.id))[0]).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS })
  })

  it('texts a worker who signed in by phone, by SMS with the reference and the status', async () => {
    const phone = `139${String(Date.now()).slice(-8)}`
    const user = await t.app.repos.users.upsertPhoneWorker({
      hash: t.app.pii.hash(phone),
      enc: t.app.pii.encrypt(phone),
      masked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
    })
    const worker = await signInWorker(t)
    const claim = await fileFor(worker)
    // The same claim, as if this phone worker had filed it.
    await db().execute(sql`update claims set claimant_user_id = ${user.id} where id = ${claim.id}`)
    await staffChange(claim.id, 'mediating')
    await drainNotifications(deps)
    const texts = await smsInbox(phone)
    expect(texts).toHaveLength(1)
    expect(texts[0]).toMatchObject({ code: null })
    expect(texts[0]?.text).toContain(claim.reference)
    expect(texts[0]?.text).toContain('调解中')
    expect((await outbox(claim.id))[0]).toMatchObject({ state: 'sent', channel: 'sms' })
  })

  it('lets two drainers share the queue without sending anything twice', async () => {
    const worker = await signInWorker(t)
    const claims = await Promise.all(Array.from({ length: 12 }, () => fileFor(worker)))
    for (const claim of claims) await staffChange(claim.id, 'accepted')
    await Promise.all([drainNotifications(deps, 5), drainNotifications(deps, 5), drainNotifications(deps, 5)])
    await drainNotifications(deps, 20)
    const messages = await wechatInbox(worker.openid)
    expect(messages).toHaveLength(12)
    expect(new Set(messages.map((m) => m.page)).size).toBe(12)
  })
})
