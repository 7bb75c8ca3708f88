import { rename } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../helpers/app'
import { DATABASE_KINDS } from '../../helpers/database'
import { storageCases, useStorageTestApp } from '../../helpers/storage'

describe.each(DATABASE_KINDS)('health on %s', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp(kind)
  })
  afterAll(async () => {
    await t?.app.close()
  })

  it('healthz names the database engine and version', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'ok', db: kind, version: expect.stringMatching(/^\d+\.\d+\.\d+/) })
  })

  it('readyz is 200 with migrations applied, 503 once the database is gone', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200)
    await t.database.destroy()
    const response = await t.app.inject({ method: 'GET', url: '/readyz' })
    expect(response.statusCode).toBe(503)
    expect(response.json()).toMatchObject({ status: 'not_ready', db: false })
  })

  it('serves the OpenAPI document with the claim routes and the UI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, object> }>()
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/healthz', '/readyz', '/api/v1/claims', '/api/v1/claims/{id}']),
    )
    const ui = await t.app.inject({ method: 'GET', url: '/docs' })
    expect([200, 302]).toContain(ui.statusCode)
  })

  it('answers an unknown path with a JSON 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } })
  })
})

describe('readyz before migrations', () => {
  it('is 503 while the database has not been migrated', async () => {
    const { createTestDatabase } = await import('../../helpers/database')
    const { buildApp } = await import('../../../src/app')
    const { testConfig } = await import('../../helpers/app')
    const database = await createTestDatabase('pglite', { migrate: false })
    const app = await buildApp({ config: testConfig(), database: database.handle, logger: false })
    const response = await app.inject({ method: 'GET', url: '/readyz' })
    expect(response.statusCode).toBe(503)
    expect(response.json()).toMatchObject({ migrations: false, db: true })
    await app.close()
    await database.destroy()
  })
})

describe.each(storageCases(DATABASE_KINDS))('readyz and the object store on %s with %s storage', (kind, storage) => {
  const t = useStorageTestApp(kind, storage)
  const readyz = () => t.app.inject({ method: 'GET', url: '/readyz' })

  it('is 503 naming the store while it is unreachable, and 200 again once it is back', async () => {
    const before = await readyz()
    expect(before.statusCode).toBe(200)
    expect(before.json()).toEqual({ status: 'ready', migrations: true, db: true, storage: true })

    // Take the store away: the relay cuts S3; the data directory is moved aside.
    const dir = t.config.dataDir
    const aside = `${dir}-aside`
    if (storage === 's3') t.s3!.setAvailable(false)
    else await rename(dir, aside)
    try {
      const away = await readyz()
      expect(away.statusCode).toBe(503)
      expect(away.json()).toEqual({ status: 'not_ready', migrations: true, db: true, storage: false })
      expect(away.body).not.toMatch(/S3RVER|secret/i)
    } finally {
      if (storage === 's3') t.s3!.setAvailable(true)
      else await rename(aside, dir)
    }

    expect((await readyz()).json()).toEqual({ status: 'ready', migrations: true, db: true, storage: true })
  })
})
