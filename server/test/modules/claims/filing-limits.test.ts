import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { ErrorResponse } from '@huxin/shared'
import { buildApp } from '../../../src/app'
import { claims, idempotencyKeys } from '../../../src/db/schema/index'
import { useTestApp } from '../../helpers/app'
import { signInWorker, type SignedIn } from '../../helpers/auth'
import { newKey, validClaimBody } from '../../helpers/claims'
import { DATABASE_KINDS } from '../../helpers/database'

/** Per-worker filing limits (docs/security.md): checked inside the filing statement. */
describe.each(DATABASE_KINDS)('filing limits on %s', (kind) => {
  const t = useTestApp(kind, { HUXIN_FILING_MAX_PER_HOUR: '3', HUXIN_FILING_MAX_PER_DAY: '5' })

  const file = (app: typeof t.app, worker: SignedIn, key = newKey(), body = validClaimBody()) =>
    app.inject({ method: 'POST', url: '/api/v1/claims', headers: { ...worker.headers, 'idempotency-key': key }, payload: body })
  const claimsOf = async (worker: SignedIn) =>
    (await t.database.handle.db.select().from(claims).where(sql`${claims.claimantUserId} = ${worker.user.id}`)).length
  const keysOf = async (worker: SignedIn) =>
    (await t.database.handle.db.select().from(idempotencyKeys).where(sql`${idempotencyKeys.scope} = ${worker.user.id}`)).length

  it('refuses the fourth filing of the hour with 429, Retry-After and a Chinese message; a replay is not a new filing', async () => {
    const worker = await signInWorker(t)
    const keys = [newKey(), newKey(), newKey()]
    const bodies = keys.map((_, i) => validClaimBody({ amountOwedFen: 100_000 + i }))
    for (const [i, key] of keys.entries()) expect((await file(t.app, worker, key, bodies[i])).statusCode).toBe(201)

    const refused = await file(t.app, worker)
    expect(refused.statusCode).toBe(429)
    const { error } = refused.json<ErrorResponse>()
    expect(error.code).toBe('FILING_LIMITED')
    expect(error.message).toContain('每人1 小时内最多提交 3 件投诉')
    const retryAfter = Number(refused.headers['retry-after'])
    expect(Number.isInteger(retryAfter)).toBe(true)
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(3600)

    // A retry of an earlier filing (lost answer) is answered with that claim, even at the limit.
    const replay = await file(t.app, worker, keys[0], bodies[0])
    expect(replay.statusCode).toBe(201)
    expect(replay.headers['idempotent-replayed']).toBe('true')
    // The refused filing stored nothing, not even its key: it is refused again, not replayed.
    const refusedKey = newKey()
    expect((await file(t.app, worker, refusedKey)).statusCode).toBe(429)
    expect((await file(t.app, worker, refusedKey)).statusCode).toBe(429)
    expect(await claimsOf(worker)).toBe(3)
    expect(await keysOf(worker)).toBe(3)

    // Another worker is not affected.
    expect((await file(t.app, await signInWorker(t))).statusCode).toBe(201)
  })

  it('counts 24 hours as well: two more after the hour has passed, then 429 until the first leaves the day', async () => {
    const worker = await signInWorker(t)
    for (let i = 0; i < 3; i++) expect((await file(t.app, worker)).statusCode).toBe(201)
    // The hour passes (the filings move two hours into the past).
    await t.database.handle.db.execute(sql`update claims set created_at = created_at - interval '2 hours' where claimant_user_id = ${worker.user.id}`)
    for (let i = 0; i < 2; i++) expect((await file(t.app, worker)).statusCode).toBe(201)
    const refused = await file(t.app, worker)
    expect(refused.statusCode).toBe(429)
    expect(refused.json<ErrorResponse>().error.message).toContain('每人24 小时内最多提交 5 件投诉')
    // The oldest filing leaves the day in about 22 hours.
    const retryAfter = Number(refused.headers['retry-after'])
    expect(retryAfter).toBeGreaterThan(21 * 3600)
    expect(retryAfter).toBeLessThanOrEqual(22 * 3600)
    expect(await claimsOf(worker)).toBe(5)
  })

  it('holds under a flood: 30 simultaneous filings through two app instances store exactly 3', async () => {
    const other = await buildApp({ config: t.config, database: t.database.handle, logger: false })
    await other.ready()
    try {
      const worker = await signInWorker(t)
      const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => file(i % 2 === 0 ? t.app : other, worker)))
      const codes = responses.map((r) => r.statusCode).sort()
      expect(codes.filter((c) => c === 201)).toHaveLength(3)
      expect(codes.filter((c) => c === 429)).toHaveLength(27)
      expect(await claimsOf(worker)).toBe(3)
    } finally {
      await other.close()
    }
  })
})
