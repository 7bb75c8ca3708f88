import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Claim, ErrorResponse } from '@huxin/shared'
import { claims } from '../../../src/db/schema/index'
import { useTestApp } from '../../helpers/app'
import { signInWorker, type SignedIn } from '../../helpers/auth'
import { newKey, validClaimBody } from '../../helpers/claims'
import { DATABASE_KINDS } from '../../helpers/database'

describe.each(DATABASE_KINDS)('claims API on %s', (kind) => {
  const t = useTestApp(kind)
  let worker: SignedIn
  beforeAll(async () => {
    worker = await signInWorker(t)
  })

  /** `key: null` sends no Idempotency-Key header at all. */
  const post = (body: unknown, key: string | null = newKey()) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/claims',
      headers: key === null ? worker.headers : { ...worker.headers, 'idempotency-key': key },
      payload: body as object,
    })

  const countClaims = async () => (await t.database.handle.db.select({ id: claims.id }).from(claims)).length

  it('files a claim and returns it with a reference, the deadline and masked PII', async () => {
    const response = await post(validClaimBody())
    expect(response.statusCode).toBe(201)
    const claim = response.json<Claim>()
    expect(claim.reference).toMatch(/^JK-\d{8}-\d{4}$/)
    expect(claim.status).toBe('submitted')
    expect(claim.source).toBe('miniprogram')
    expect(claim.claimant).toEqual({ name: '王建国', phoneMasked: '138****1234' })
    expect(claim.coWorkers).toEqual([{ name: '李四', phoneMasked: '139****1111' }, { name: '赵五' }])
    expect(claim.amountOwedFen).toBe(2_345_678)
    expect(claim.outstandingFen).toBe(2_345_678)
    expect(claim.isGroupCase).toBe(false)
    expect(Date.parse(claim.acceptDueAt)).toBeGreaterThan(Date.parse(claim.createdAt) + 5 * 86_400_000 - 1)
    expect(claim.events?.map((e) => e.type)).toEqual(['filed'])
    expect(response.headers.location).toBe(`/api/v1/claims/${claim.id}`)

    const fetched = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers: worker.headers })
    expect(fetched.statusCode).toBe(200)
    expect(fetched.json()).toEqual({ ...claim, attachments: [], recoveries: [] })
  })

  it('stores money exactly, up to the largest amount allowed', async () => {
    for (const amountOwedFen of [1, 99, 100_000_000_001 - 1, 12_345_678_901]) {
      const claim = (await post(validClaimBody({ amountOwedFen }))).json<Claim>()
      const fetched = (
        await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers: worker.headers })
      ).json<Claim>()
      expect(fetched.amountOwedFen).toBe(amountOwedFen)
    }
  })

  it('keeps phone and ID numbers out of the table in plain text, and out of the logs', async () => {
    const idNumber = '11010519491231002X'
    const response = await post(
      validClaimBody({
        claimant: { name: '刘敏', phone: '13712345678', idNumber },
        consent: { privacyVersion: '2026-11', sensitiveInfo: true },
      }),
    )
    expect(response.statusCode).toBe(201)
    const claim = response.json<Claim>()
    expect(claim.claimant).toEqual({ name: '刘敏', phoneMasked: '137****5678', idNumberMasked: '1101**********002X' })

    const rows = await t.database.handle.db.execute(sql`select * from claims where id = ${claim.id}`)
    const stored = JSON.stringify(rows)
    expect(stored).not.toContain('13712345678')
    expect(stored).not.toContain(idNumber)
    const [row] = await t.database.handle.db.select().from(claims).where(sql`id = ${claim.id}`)
    expect(t.app.pii.decrypt(row!.claimantIdEnc!)).toBe(idNumber)
    expect(row!.claimantPhoneHash).toBe(t.app.pii.hash('13712345678'))

    const logs = t.logs.join('')
    expect(logs).toContain(claim.reference) // the filing was logged…
    expect(logs).not.toContain('13712345678') // …but never the PII in it
    expect(logs).not.toContain(idNumber)
  })

  it('marks a claim of five or more workers as a group case', async () => {
    const claim = (await post(validClaimBody({ workersCount: 5 }))).json<Claim>()
    expect(claim.isGroupCase).toBe(true)
  })

  describe('Idempotency-Key', () => {
    it('returns the same claim for a retry with the same key and body, storing one', async () => {
      const before = await countClaims()
      const key = newKey()
      const body = validClaimBody()
      const first = await post(body, key)
      // A retry may carry the same JSON with its keys in another order.
      const reordered = Object.fromEntries(Object.entries(body).reverse())
      const second = await post(reordered, key)
      expect(first.statusCode).toBe(201)
      expect(second.statusCode).toBe(201)
      expect(second.headers['idempotent-replayed']).toBe('true')
      expect(second.json<Claim>().id).toBe(first.json<Claim>().id)
      expect(second.json<Claim>().reference).toBe(first.json<Claim>().reference)
      expect(await countClaims()).toBe(before + 1)
    })

    it('refuses the same key with another body (422)', async () => {
      const key = newKey()
      expect((await post(validClaimBody(), key)).statusCode).toBe(201)
      const before = await countClaims()
      const response = await post(validClaimBody({ amountOwedFen: 1 }), key)
      expect(response.statusCode).toBe(422)
      expect(response.json<ErrorResponse>().error.code).toBe('IDEMPOTENCY_KEY_REUSED')
      expect(await countClaims()).toBe(before)
    })

    it('names the claim the key filed in the 422, so the app can show it instead of filing again', async () => {
      const key = newKey()
      const filed = (await post(validClaimBody(), key)).json<Claim>()
      const response = await post(validClaimBody({ amountOwedFen: 1 }), key)
      expect(response.statusCode).toBe(422)
      expect(response.json()).toEqual({
        error: {
          code: 'IDEMPOTENCY_KEY_REUSED',
          message: '该提交编号已用于另一份投诉，请重新提交',
          claim: { id: filed.id, reference: filed.reference, acceptDueAt: filed.acceptDueAt, acceptDueProvisional: filed.acceptDueProvisional },
        },
      })
    })

    it('keeps another worker’s claim out of the 422: keys are per worker', async () => {
      const key = newKey()
      expect((await post(validClaimBody(), key)).statusCode).toBe(201)
      const other = await signInWorker(t)
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/claims',
        headers: { ...other.headers, 'idempotency-key': key },
        payload: validClaimBody({ amountOwedFen: 1 }),
      })
      // The same key from another worker is a key of their own: a new claim, nothing of the first.
      expect(response.statusCode).toBe(201)
      expect(response.json<Claim>().amountOwedFen).toBe(1)
    })

    it('files concurrent retries of one submission once', async () => {
      const before = await countClaims()
      const key = newKey()
      const body = validClaimBody()
      const responses = await Promise.all(Array.from({ length: 8 }, () => post(body, key)))
      const created = responses.filter((r) => r.statusCode === 201)
      // Retries either get the claim or 409 "still in flight"; never a second claim.
      expect(responses.every((r) => r.statusCode === 201 || r.statusCode === 409)).toBe(true)
      expect(new Set(created.map((r) => r.json<Claim>().id)).size).toBe(1)
      expect(await countClaims()).toBe(before + 1)
    })

    it.runIf(kind === 'postgres')('answers 409 while a request with the same key is still running', async () => {
      const key = newKey()
      // Hold the key's advisory lock from another connection, as a slow first request would.
      const pg = await import('pg')
      const other = new pg.default.Client({ connectionString: t.database.url })
      await other.connect()
      await other.query('begin')
      await other.query("select pg_advisory_xact_lock(hashtextextended($1::text || ':' || $2::text, 0))", [worker.user.id, key])
      const before = await countClaims()
      const during = await post(validClaimBody(), key)
      expect(during.statusCode).toBe(409)
      expect(during.json<ErrorResponse>().error.code).toBe('IDEMPOTENCY_KEY_IN_FLIGHT')
      expect(await countClaims()).toBe(before)
      await other.query('commit')
      await other.end()
      // Once the first request is over, the retry goes through.
      expect((await post(validClaimBody(), key)).statusCode).toBe(201)
    })

    it('requires the header and names it when missing or malformed', async () => {
      for (const key of [null, 'short', 'has spaces in it!']) {
        const response = await post(validClaimBody(), key)
        expect(response.statusCode).toBe(400)
        expect(response.json<ErrorResponse>().error.details?.[0]?.field).toBe('headers.idempotency-key')
      }
    })
  })

  it('gives distinct reference numbers to concurrent filings', async () => {
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(validClaimBody())))
    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(201))
    const references = responses.map((r) => r.json<Claim>().reference)
    expect(new Set(references).size).toBe(20)
  })

  describe('bad input → 400 naming the field, nothing stored', () => {
    const body = validClaimBody()
    const cases: [string, unknown, string][] = [
      ['missing claimant name', { ...body, claimant: { phone: '13812341234' } }, 'claimant.name'],
      ['empty claimant name', { ...body, claimant: { name: '' } }, 'claimant.name'],
      ['blank claimant name', { ...body, claimant: { name: '   ' } }, 'claimant.name'],
      ['bad phone', { ...body, claimant: { name: 'a', phone: '12345' } }, 'claimant.phone'],
      ['ID with bad check digit', { ...body, claimant: { name: 'a', idNumber: '110105194912310021' }, consent: { privacyVersion: '1', sensitiveInfo: true } }, 'claimant.idNumber'],
      ['ID without separate consent', { ...body, claimant: { name: 'a', idNumber: '11010519491231002X' } }, 'consent.sensitiveInfo'],
      ['credit code with bad check digit', { ...body, employer: { name: 'x', creditCode: '91440300708461136A' } }, 'employer.creditCode'],
      ['unknown industry', { ...body, industry: 'mining' }, 'industry'],
      ['unknown town', { ...body, town: 'beijing' }, 'town'],
      ['malformed month', { ...body, periodFrom: '2026-13' }, 'periodFrom'],
      ['period in reverse', { ...body, periodFrom: '2026-07', periodTo: '2026-01' }, 'periodTo'],
      ['amount as a float', { ...body, amountOwedFen: 12.5 }, 'amountOwedFen'],
      ['amount as a string', { ...body, amountOwedFen: '1000' }, 'amountOwedFen'],
      ['zero amount', { ...body, amountOwedFen: 0 }, 'amountOwedFen'],
      ['negative amount', { ...body, amountOwedFen: -100 }, 'amountOwedFen'],
      ['huge amount', { ...body, amountOwedFen: 1e15 }, 'amountOwedFen'],
      ['zero workers', { ...body, workersCount: 0 }, 'workersCount'],
      ['fewer workers than named', { ...body, workersCount: 1 }, 'workersCount'],
      ['latitude out of range', { ...body, site: { lat: 91, lng: 120 } }, 'site.lat'],
      ['description too long', { ...body, description: '欠'.repeat(2001) }, 'description'],
      ['confidential not boolean', { ...body, confidential: 'yes' }, 'confidential'],
      ['missing consent', { ...body, consent: undefined }, 'consent'],
      ['unknown top-level field', { ...body, isAdmin: true }, 'isAdmin'],
      ['unknown nested field', { ...body, employer: { name: 'x', secret: 1 } }, 'employer.secret'],
      ['co-worker with bad phone', { ...body, coWorkers: [{ name: 'a', phone: '1' }] }, 'coWorkers.0.phone'],
    ]
    it.each(cases)('%s', async (_name, payload, field) => {
      const before = await countClaims()
      const response = await post(payload)
      expect(response.statusCode).toBe(400)
      const error = response.json<ErrorResponse>().error
      expect(error.code).toBe('VALIDATION_FAILED')
      expect(error.details?.map((d) => d.field)).toContain(field)
      expect(await countClaims()).toBe(before)
    })

    it('answers malformed JSON and a wrong content type with a 4xx JSON error', async () => {
      const broken = await t.app.inject({
        method: 'POST',
        url: '/api/v1/claims',
        headers: { ...worker.headers, 'content-type': 'application/json', 'idempotency-key': newKey() },
        payload: '{"claimant": ',
      })
      expect(broken.statusCode).toBe(400)
      expect(broken.json<ErrorResponse>().error.code).toBe('INVALID_JSON')
      const text = await t.app.inject({
        method: 'POST',
        url: '/api/v1/claims',
        headers: { ...worker.headers, 'content-type': 'application/xml', 'idempotency-key': newKey() },
        payload: '<claim/>',
      })
      expect(text.statusCode).toBe(415)
      expect(text.json<ErrorResponse>().error.code).toBe('UNSUPPORTED_MEDIA_TYPE')
    })
  })

  it('answers 404 for a claim that does not exist and 400 for an id that is not a UUID', async () => {
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/v1/claims/00000000-0000-4000-8000-000000000000',
      headers: worker.headers,
    })
    expect(missing.statusCode).toBe(404)
    expect(missing.json<ErrorResponse>().error.code).toBe('NOT_FOUND')
    const malformed = await t.app.inject({ method: 'GET', url: '/api/v1/claims/abc', headers: worker.headers })
    expect(malformed.statusCode).toBe(400)
    expect(malformed.json<ErrorResponse>().error.details?.[0]?.field).toBe('params.id')
  })
})
