import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Claim, TokenPair } from '@huxin/shared'
import { sql } from 'drizzle-orm'
import { DEV_SIMULATOR_CREDENTIALS } from '../../../src/config'
import { hashPassword } from '../../../src/modules/auth/passwords'
import { signMessage } from '../../../src/modules/national-sync/signing'
import type { DispatchedClue } from '../../../src/modules/national-sync/protocol'
import { newTotpSecret, totpAt, totpStep } from '../../../src/modules/auth/totp'
import { buildApp } from '../../../src/app'
import { useTestApp } from '../../helpers/app'
import { signInWorker } from '../../helpers/auth'
import { newKey, validClaimBody } from '../../helpers/claims'
import { DATABASE_KINDS } from '../../helpers/database'

interface SimMessage {
  messageId: string
  kind: string
  clueId: string
  localClaimId: string | null
  seq: number | null
  deliveries: number
}

describe.each(DATABASE_KINDS)('national-platform sync on %s', (kind) => {
  const t = useTestApp(kind, { NATIONAL_BACKOFF_BASE_MS: '1', NATIONAL_BACKOFF_CAP_MS: '5', NATIONAL_SEND_TIMEOUT_MS: '2000' })
  let control: string
  let admin: { authorization: string }

  const sim = async <T,>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${control}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    })
    return (response.status === 204 ? undefined : await response.json()) as T
  }
  const messages = async (localClaimId?: string) =>
    (await sim<{ items: SimMessage[]; stats: { orderViolations: number } }>(`/messages${localClaimId ? `?localClaimId=${localClaimId}` : ''}`))
  const drain = async () => {
    while ((await t.app.nationalSync.drainOnce()) > 0) {
      // until nothing is due
    }
  }
  const outbox = async (claimId: string) =>
    (
      (await t.app.db.execute(
        sql`select seq, kind, status, attempts from national_outbox where claim_id = ${claimId}::uuid order by seq`,
      )) as unknown as { rows: { seq: number; kind: string; status: string; attempts: number }[] }
    ).rows

  beforeAll(async () => {
    control = `${t.simulators.nationalBaseUrl}/__control`
    const secret = newTotpSecret()
    const passwordHash = await hashPassword('Admin-Pass-2026')
    await t.app.repos.users.createStaff({ username: 'sync-admin', role: 'admin', passwordHash, totpSecretEnc: t.app.pii.encrypt(secret), towns: [] })
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/staff/login',
      payload: { username: 'sync-admin', password: 'Admin-Pass-2026', totp: totpAt(secret, totpStep(Date.now())) },
    })
    admin = { authorization: `Bearer ${login.json<TokenPair>().accessToken}` }
  })
  beforeEach(async () => {
    await sim('/faults', {})
  })

  it('registers a filed claim, keeps the clue id, and reports a withdrawal as progress then result, in order', async () => {
    const worker = await signInWorker(t)
    const filed = await t.app.inject({ method: 'POST', url: '/api/v1/claims', headers: { ...worker.headers, 'idempotency-key': newKey() }, payload: validClaimBody() })
    expect(filed.statusCode).toBe(201)
    const claim = filed.json<Claim>()
    expect(await outbox(claim.id)).toEqual([{ seq: 1, kind: 'register', status: 'pending', attempts: 0 }])

    await drain()
    const stored = await t.app.repos.claims.findById(claim.id)
    expect(stored?.nationalClueId).toMatch(/^HX\d+/)

    const withdrawn = await t.app.inject({ method: 'POST', url: `/api/v1/claims/${claim.id}/withdraw`, headers: worker.headers, payload: { reason: '老板已经发了' } })
    expect(withdrawn.statusCode).toBe(200)
    await drain()
    const received = await messages(claim.id)
    expect(received.items.map((m) => [m.kind, m.seq, m.clueId])).toEqual([
      ['register', 1, stored?.nationalClueId],
      ['progress', 2, stored?.nationalClueId],
      ['result', 3, stored?.nationalClueId],
    ])
    const platform = (await sim<{ items: { clueId: string; progress: string; outcome: string }[] }>('/clues')).items.find(
      (c) => c.clueId === stored?.nationalClueId,
    )
    expect(platform).toMatchObject({ progress: 'CLOSED', outcome: 'WITHDRAWN' })
    expect((await outbox(claim.id)).every((row) => row.status === 'sent')).toBe(true)
  })

  it('retries through errors and lost answers, and the platform keeps each message once', async () => {
    const worker = await signInWorker(t)
    await sim('/faults', { errorRate: 0.5, duplicateRate: 0.5 })
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/claims', headers: { ...worker.headers, 'idempotency-key': newKey() }, payload: validClaimBody() })
      ids.push(r.json<Claim>().id)
    }
    for (let round = 0; round < 200; round++) {
      await drain()
      const status = await t.app.nationalSync.status()
      if (status.outboxPending === 0) break
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    const all = await messages()
    for (const id of ids) {
      const mine = all.items.filter((m) => m.localClaimId === id)
      expect(mine).toHaveLength(1)
      expect((await t.app.repos.claims.findById(id))?.nationalClueId).toBe(mine[0]?.clueId)
    }
    expect(all.stats.orderViolations).toBe(0)
  })

  it('turns a dispatched clue into one claim however often it arrives, and acknowledges it after commit', async () => {
    const [clue] = (await sim<{ clues: DispatchedClue[] }>('/dispatch', { count: 1 })).clues
    if (!clue) throw new Error('no clue dispatched')
    const first = await t.app.nationalSync.receive(clue, 'pull')
    const again = await t.app.nationalSync.receive(clue, 'webhook')
    expect(first.disposition).toBe('created')
    expect(again).toEqual({ disposition: 'duplicate', claimId: first.claimId })
    // Concurrent deliveries (pull and push at once) also make one claim.
    const [clue2] = (await sim<{ clues: DispatchedClue[] }>('/dispatch', { count: 1 })).clues
    if (!clue2) throw new Error('no clue dispatched')
    const both = await Promise.all([t.app.nationalSync.receive(clue2, 'pull'), t.app.nationalSync.receive(clue2, 'webhook')])
    expect(new Set(both.map((b) => b.claimId)).size).toBe(1)
    expect(both.map((b) => b.disposition).sort()).toEqual(['created', 'duplicate'])

    const claim = await t.app.repos.claims.findById(first.claimId)
    expect(claim).toMatchObject({ source: 'national_platform', nationalClueId: clue.clueId, status: 'submitted' })
    expect(claim?.nationalDueAt?.toISOString()).toBe(new Date(clue.dueAt).toISOString())
    expect(claim?.claimantPhoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/)
    expect(claim?.claimantPhoneEnc).not.toContain(clue.claimant.phone)

    let acked = (await sim<{ items: { clueId: string; acked: boolean }[] }>('/clues')).items.find((c) => c.clueId === clue.clueId)
    expect(acked?.acked).toBe(false)
    await drain()
    acked = (await sim<{ items: { clueId: string; acked: boolean }[] }>('/clues')).items.find((c) => c.clueId === clue.clueId)
    expect(acked?.acked).toBe(true)
  })

  it('links a clue about a claim we already have instead of making a second one', async () => {
    const worker = await signInWorker(t)
    const body = validClaimBody({ claimant: { name: '孙小明', phone: '13712345678' }, employer: { name: '常州 某某劳务有限公司（二分公司）' } })
    const filed = (await t.app.inject({ method: 'POST', url: '/api/v1/claims', headers: { ...worker.headers, 'idempotency-key': newKey() }, payload: body })).json<Claim>()
    const [clue] = (
      await sim<{ clues: DispatchedClue[] }>('/dispatch', {
        clues: [{ claimant: { name: '孙小明', phone: '13712345678' }, employer: { name: '常州某某劳务有限公司(二分公司)' } }],
      })
    ).clues
    if (!clue) throw new Error('no clue dispatched')
    const outcome = await t.app.nationalSync.receive(clue, 'pull')
    expect(outcome).toEqual({ disposition: 'linked', claimId: filed.id })
    const claim = await t.app.repos.claims.findById(filed.id)
    expect(claim?.nationalClueId).toBe(clue.clueId)
    expect(claim?.nationalDueAt?.toISOString()).toBe(new Date(clue.dueAt).toISOString())
    const events = await t.app.repos.claims.listEvents(filed.id)
    expect(events.map((e) => e.type)).toContain('national_clue_linked')
    // Its registration is no longer needed (the platform knows the case); the ack goes out.
    await drain()
    expect((await messages(filed.id)).items.map((m) => m.kind)).toEqual(['ack'])
    // Another worker's clue against the same employer is a claim of its own.
    const [other] = (await sim<{ clues: DispatchedClue[] }>('/dispatch', { clues: [{ employer: { name: '常州某某劳务有限公司（二分公司）' } }] })).clues
    if (!other) throw new Error('no clue dispatched')
    expect((await t.app.nationalSync.receive(other, 'pull')).disposition).toBe('created')
  })

  it('pulls dispatched clues with its cursor, through duplicated and shuffled pages', async () => {
    await sim('/faults', { duplicateRate: 0.5, outOfOrder: true })
    const dispatched = (await sim<{ clues: DispatchedClue[] }>('/dispatch', { count: 7 })).clues
    await t.app.nationalSync.pullOnce()
    await t.app.nationalSync.pullOnce()
    const rows = (await t.app.db.execute(sql`select clue_id from national_clues`)) as unknown as { rows: { clue_id: string }[] }
    const known = new Set(rows.rows.map((r) => r.clue_id))
    for (const clue of dispatched) expect(known.has(clue.clueId)).toBe(true)
    const claims = (await t.app.db.execute(
      sql`select national_clue_id, count(*)::int as n from claims where national_clue_id is not null group by 1 having count(*) > 1`,
    )) as unknown as { rows: unknown[] }
    expect(claims.rows).toEqual([])
    expect((await t.app.nationalSync.status()).lastPullAt).not.toBeNull()
  })

  it('the webhook takes signed pushes and refuses tampered or replayed ones', async () => {
    const [clue] = (await sim<{ clues: DispatchedClue[] }>('/dispatch', { count: 1 })).clues
    if (!clue) throw new Error('no clue dispatched')
    const payload = JSON.stringify({ messageId: crypto.randomUUID(), clues: [clue] })
    const path = '/api/v1/national/webhook'
    const headers = signMessage({
      appId: DEV_SIMULATOR_CREDENTIALS.nationalAppId,
      secret: DEV_SIMULATOR_CREDENTIALS.nationalAppSecret,
      method: 'POST',
      path,
      body: payload,
    })
    const post = (h: Record<string, string>, body = payload) =>
      t.app.inject({ method: 'POST', url: path, headers: { ...h, 'content-type': 'application/json' }, payload: body })

    const tampered = await post(headers, payload.replace(clue.claimant.name, '冒名'))
    expect(tampered.statusCode).toBe(401)
    expect(tampered.json()).toMatchObject({ code: 'SIGNATURE_INVALID' })
    const ok = await post(headers)
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({ code: 'OK', data: { results: [{ clueId: clue.clueId, disposition: 'created' }] } })
    const replay = await post(headers)
    expect(replay.statusCode).toBe(401)
    expect(replay.json()).toMatchObject({ code: 'NONCE_REUSED' })
    const stale = signMessage({
      appId: DEV_SIMULATOR_CREDENTIALS.nationalAppId,
      secret: DEV_SIMULATOR_CREDENTIALS.nationalAppSecret,
      method: 'POST',
      path,
      body: payload,
      timestamp: Math.floor(Date.now() / 1000) - 600,
    })
    expect((await post(stale)).json()).toMatchObject({ code: 'TIMESTAMP_EXPIRED' })
  })

  it('refuses a replayed push on another server process sharing the database', async () => {
    const other = await buildApp({ config: t.config, database: t.database.handle, logger: false })
    try {
      await other.ready()
      const [clue] = (await sim<{ clues: DispatchedClue[] }>('/dispatch', { count: 1 })).clues
      if (!clue) throw new Error('no clue dispatched')
      const payload = JSON.stringify({ messageId: crypto.randomUUID(), clues: [clue] })
      const path = '/api/v1/national/webhook'
      const headers = {
        ...signMessage({
          appId: DEV_SIMULATOR_CREDENTIALS.nationalAppId,
          secret: DEV_SIMULATOR_CREDENTIALS.nationalAppSecret,
          method: 'POST',
          path,
          body: payload,
        }),
        'content-type': 'application/json',
      }
      expect((await t.app.inject({ method: 'POST', url: path, headers, payload })).statusCode).toBe(200)
      const replay = await other.inject({ method: 'POST', url: path, headers, payload })
      expect(replay.statusCode).toBe(401)
      expect(replay.json()).toMatchObject({ code: 'NONCE_REUSED' })
      // A nonce whose time ran out is not a replay any more (the signature window refuses the request instead).
      await t.database.handle.query(`update national_nonces set expires_at = now() - interval '1 second'`, [])
      const late = await other.inject({ method: 'POST', url: path, headers, payload })
      expect(late.statusCode).toBe(200)
      expect(late.json()).toMatchObject({ data: { results: [{ clueId: clue.clueId, disposition: 'duplicate' }] } })
    } finally {
      await other.close()
    }
  })

  it('parks a message after the attempts run out; an admin sees it and retries it', async () => {
    await drain()
    const worker = await signInWorker(t)
    const claim = (
      await t.app.inject({ method: 'POST', url: '/api/v1/claims', headers: { ...worker.headers, 'idempotency-key': newKey() }, payload: validClaimBody() })
    ).json<Claim>()
    await sim('/faults', { errorRate: 1 })
    for (let i = 0; i < 200 && (await outbox(claim.id))[0]?.status !== 'failed'; i++) {
      await t.app.nationalSync.drainOnce()
      await new Promise((resolve) => setTimeout(resolve, 6))
    }
    expect((await outbox(claim.id))[0]).toMatchObject({ status: 'failed', attempts: 20 })

    const status = await t.app.inject({ method: 'GET', url: '/api/v1/admin/sync', headers: admin })
    expect(status.statusCode).toBe(200)
    expect(status.json()).toMatchObject({ failed: 1 })
    const failed = (await t.app.inject({ method: 'GET', url: '/api/v1/admin/sync/failed', headers: admin })).json<{ items: { id: number; claimId: string; lastError: string }[] }>()
    const row = failed.items.find((item) => item.claimId === claim.id)
    expect(row?.lastError).toContain('SERVICE_UNAVAILABLE')
    const worker2 = await signInWorker(t)
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/sync', headers: worker2.headers })).statusCode).toBe(403)

    await sim('/faults', {})
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/admin/sync/failed/${row?.id}/retry`, headers: admin })).statusCode).toBe(204)
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/admin/sync/failed/${row?.id}/retry`, headers: admin })).statusCode).toBe(404)
    await drain()
    expect((await outbox(claim.id))[0]).toMatchObject({ status: 'sent' })
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/sync', headers: admin })).json()).toMatchObject({ failed: 0, outboxPending: 0, lagSeconds: 0 })
  })

  it('reconciliation reports where the platform and we disagree', async () => {
    await drain()
    const clean = await t.app.inject({ method: 'POST', url: '/api/v1/admin/sync/reconcile', headers: admin })
    expect(clean.statusCode).toBe(200)
    const before = clean.json<{ mismatches: { kind: string; clueId: string }[]; platformClues: number }>()
    expect(before.platformClues).toBeGreaterThan(0)
    expect(before.mismatches).toEqual([])

    const worker = await signInWorker(t)
    const claim = (
      await t.app.inject({ method: 'POST', url: '/api/v1/claims', headers: { ...worker.headers, 'idempotency-key': newKey() }, payload: validClaimBody() })
    ).json<Claim>()
    await drain()
    const clueId = (await t.app.repos.claims.findById(claim.id))?.nationalClueId
    await sim(`/clues/${clueId}/override`, { progress: 'CLOSED' })
    await sim('/dispatch', { count: 1 })
    const report = (await t.app.inject({ method: 'POST', url: '/api/v1/admin/sync/reconcile', headers: admin })).json<{
      mismatches: { kind: string; clueId: string; local: string | null; platform: string | null }[]
    }>()
    expect(report.mismatches).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'progress_differs', clueId, local: 'RECEIVED', platform: 'CLOSED' }),
        expect.objectContaining({ kind: 'missing_locally' }),
      ]),
    )
    expect(report.mismatches).toHaveLength(2)
  })

  // Last: the refused clues stay on the platform, which the reconciliation test above must not see.
  it('refuses a clue for an unknown town or industry with INVALID_CLUE, by push and by pull, and stores no claim for it', async () => {
    const dispatched = (
      await sim<{ clues: DispatchedClue[] }>('/dispatch', { clues: [{ town: 'atlantis' }, { industry: 'piracy' }, {}] })
    ).clues
    const [unknownTown, unknownIndustry, good] = dispatched
    if (!unknownTown || !unknownIndustry || !good) throw new Error('clues not dispatched')
    expect(unknownTown.town).toBe('atlantis')
    const path = '/api/v1/national/webhook'
    const push = async (clues: DispatchedClue[]) => {
      const payload = JSON.stringify({ messageId: crypto.randomUUID(), clues })
      const headers = signMessage({
        appId: DEV_SIMULATOR_CREDENTIALS.nationalAppId,
        secret: DEV_SIMULATOR_CREDENTIALS.nationalAppSecret,
        method: 'POST',
        path,
        body: payload,
      })
      return t.app.inject({ method: 'POST', url: path, headers: { ...headers, 'content-type': 'application/json' }, payload })
    }
    const claimsOf = async (clueIds: string[]) =>
      (
        (await t.app.db.execute(
          sql`select national_clue_id from claims where national_clue_id in (${sql.join(clueIds.map((id) => sql`${id}`), sql`, `)})`,
        )) as unknown as { rows: { national_clue_id: string }[] }
      ).rows.map((r) => r.national_clue_id)

    // By push: the whole message is refused, naming the field; nothing of it is stored.
    const byTown = await push([good, unknownTown])
    expect(byTown.statusCode).toBe(400)
    expect(byTown.json()).toEqual({ code: 'INVALID_CLUE', message: 'town is missing or invalid' })
    const byIndustry = await push([unknownIndustry])
    expect(byIndustry.statusCode).toBe(400)
    expect(byIndustry.json()).toMatchObject({ code: 'INVALID_CLUE', message: 'industry is missing or invalid' })
    expect(await claimsOf([good.clueId, unknownTown.clueId, unknownIndustry.clueId])).toEqual([])

    // By pull: the good clue becomes a claim; the refused ones stay unacknowledged on the platform.
    await t.app.nationalSync.pullOnce()
    expect(await claimsOf([good.clueId, unknownTown.clueId, unknownIndustry.clueId])).toEqual([good.clueId])
    await drain()
    const platform = (await sim<{ items: { clueId: string; acked: boolean }[] }>('/clues')).items
    expect(platform.find((c) => c.clueId === good.clueId)?.acked).toBe(true)
    expect(platform.find((c) => c.clueId === unknownTown.clueId)?.acked).toBe(false)
    expect(platform.find((c) => c.clueId === unknownIndustry.clueId)?.acked).toBe(false)
    // Never invisible: the admins' reconciliation lists them as missing here.
    const report = (await t.app.inject({ method: 'POST', url: '/api/v1/admin/sync/reconcile', headers: admin })).json<{
      mismatches: { kind: string; clueId: string }[]
    }>()
    const missing = report.mismatches.filter((m) => m.kind === 'missing_locally').map((m) => m.clueId)
    expect(missing).toEqual(expect.arrayContaining([unknownTown.clueId, unknownIndustry.clueId]))
    expect(missing).not.toContain(good.clueId)
  })
})
