import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { idempotencyKeys, rateEvents, smsCodes } from '../src/db/schema/index'
import { purgeExpired } from '../src/maintenance'
import { useTestApp } from './helpers/app'
import { signInWorker } from './helpers/auth'
import { newKey, validClaimBody } from './helpers/claims'

describe('housekeeping', () => {
  const t = useTestApp('pglite')

  it('drops idempotency keys after 7 days, rate events after a day, spent SMS codes; keeps the rest', async () => {
    const worker = await signInWorker(t)
    const file = () =>
      t.app.inject({ method: 'POST', url: '/api/v1/claims', headers: { ...worker.headers, 'idempotency-key': newKey() }, payload: validClaimBody() })
    await file()
    await file()
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/sms/request', payload: { phone: '13700001111' } })
    const db = t.database.handle.db
    // Age one key past the retention, and the rate events past a day.
    await db.execute(sql`update idempotency_keys set created_at = now() - interval '8 days' where key = (select key from idempotency_keys limit 1)`)
    await db.execute(sql`update rate_events set created_at = now() - interval '2 days'`)
    await db.execute(sql`update sms_codes set consumed_at = now()`)

    await purgeExpired({ db, idempotency: t.app.repos.idempotency })

    expect(await db.select().from(idempotencyKeys)).toHaveLength(1)
    expect(await db.select().from(rateEvents)).toHaveLength(0)
    expect(await db.select().from(smsCodes)).toHaveLength(0)
  })
})
