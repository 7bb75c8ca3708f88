import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { claimEvents, claims, idempotencyKeys } from '../../../src/db/schema/index'
import { useTestApp } from '../../helpers/app'
import { signInWorker } from '../../helpers/auth'
import { newKey, validClaimBody } from '../../helpers/claims'
import { DATABASE_KINDS } from '../../helpers/database'

/** Filings that arrive together are stored by one statement (the batcher of claims/repository/filing.ts). */
describe.each(DATABASE_KINDS)('batched filing on %s', (kind) => {
  const t = useTestApp(kind)

  const file = (headers: Record<string, string>, key = newKey(), body = validClaimBody()) =>
    t.app.inject({ method: 'POST', url: '/api/v1/claims', headers: { ...headers, 'idempotency-key': key }, payload: body })

  it('stores 40 simultaneous filings of 40 workers, each once, with its event and key', async () => {
    const workers = await Promise.all(Array.from({ length: 40 }, () => signInWorker(t)))
    const db = t.database.handle.db
    const before = (await db.select().from(claims)).length
    const responses = await Promise.all(workers.map((w) => file(w.headers)))
    expect(responses.map((r) => r.statusCode)).toEqual(workers.map(() => 201))
    const ids = responses.map((r) => (r.json() as { id: string }).id)
    expect(new Set(ids).size).toBe(40)
    const references = responses.map((r) => (r.json() as { reference: string }).reference)
    expect(new Set(references).size).toBe(40)
    expect((await db.select().from(claims)).length - before).toBe(40)
    for (const [i, w] of workers.entries()) {
      const rows = await db.select().from(claims).where(sql`${claims.claimantUserId} = ${w.user.id}`)
      expect(rows.map((r) => r.id)).toEqual([ids[i]])
      const events = await db.select().from(claimEvents).where(sql`${claimEvents.claimId} = ${ids[i]}`)
      expect(events.map((e) => e.type)).toEqual(['filed'])
      const keys = await db.select().from(idempotencyKeys).where(sql`${idempotencyKeys.claimId} = ${ids[i]}`)
      expect(keys).toHaveLength(1)
    }
  })

  it('files one key sent many times in the same instant once, and replays it to the others', async () => {
    const worker = await signInWorker(t)
    const key = newKey()
    const body = validClaimBody()
    const responses = await Promise.all(Array.from({ length: 6 }, () => file(worker.headers, key, body)))
    const created = responses.filter((r) => r.statusCode === 201)
    expect(created.length).toBeGreaterThan(0)
    expect(responses.every((r) => r.statusCode === 201 || r.statusCode === 409)).toBe(true)
    expect(new Set(created.map((r) => (r.json() as { id: string }).id)).size).toBe(1)
    expect(created.filter((r) => r.headers['idempotent-replayed'] !== 'true')).toHaveLength(1)
    const rows = await t.database.handle.db.select().from(claims).where(sql`${claims.claimantUserId} = ${worker.user.id}`)
    expect(rows).toHaveLength(1)
  })

  it('lets a filing that cannot be stored fail alone, not the others of its batch', async () => {
    const [good, gone] = await Promise.all([signInWorker(t), signInWorker(t)])
    const db = t.database.handle.db
    // The second worker's account disappears while their token is still valid: their claim
    // breaks the claimant foreign key.
    await db.execute(sql`delete from refresh_tokens where user_id = ${gone.user.id}`)
    await db.execute(sql`delete from users where id = ${gone.user.id}`)
    const [ok, broken] = await Promise.all([file(good.headers), file(gone.headers)])
    expect(ok.statusCode).toBe(201)
    expect(broken.statusCode).toBeGreaterThanOrEqual(400)
    expect(await db.select().from(claims).where(sql`${claims.claimantUserId} = ${good.user.id}`)).toHaveLength(1)
    expect(await db.select().from(claims).where(sql`${claims.claimantUserId} = ${gone.user.id}`)).toHaveLength(0)
    expect(await db.select().from(idempotencyKeys).where(sql`${idempotencyKeys.scope} = ${gone.user.id}`)).toHaveLength(0)
  })
})
