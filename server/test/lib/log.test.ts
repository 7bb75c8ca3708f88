import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { serializeError } from '../../src/lib/log'
import { createTestDatabase } from '../helpers/database'

describe('error serialisation for logs', () => {
  it('drops the bound parameters drizzle puts into a failed query’s error', async () => {
    const database = await createTestDatabase('pglite')
    let caught: unknown
    try {
      await database.handle.db.execute(sql`select * from claims where claimant_name = ${'张秘密'} and nonexistent = ${'13812341234'}`)
    } catch (error) {
      caught = error
    } finally {
      await database.destroy()
    }
    expect(caught).toBeInstanceOf(Error)
    const raw = JSON.stringify({ message: (caught as Error).message, params: (caught as { params?: unknown }).params })
    expect(raw).toContain('13812341234') // the unserialised error does carry them…
    const logged = JSON.stringify(serializeError(caught as Error))
    expect(logged).not.toContain('13812341234') // …the log line does not
    expect(logged).not.toContain('张秘密')
    expect(logged).toContain('nonexistent') // the query text stays, for debugging
  })

  it('drops the row values PostgreSQL quotes in a constraint error', async () => {
    const database = await createTestDatabase('pglite')
    let caught: unknown
    try {
      await database.handle.db.execute(sql`create temporary table people (phone text primary key, name text not null)`)
      await database.handle.db.execute(sql`insert into people values (${'13812341234'}, ${'张秘密'})`)
      await database.handle.db.execute(sql`insert into people values (${'13812341234'}, ${'李秘密'})`)
    } catch (error) {
      caught = error
    } finally {
      await database.destroy()
    }
    const cause = (caught as { cause?: { detail?: string } }).cause ?? (caught as { detail?: string })
    expect(cause.detail).toContain('13812341234') // PostgreSQL quotes the duplicate key…
    const logged = JSON.stringify(serializeError(caught as Error))
    expect(logged).not.toContain('13812341234') // …the log line does not
    expect(logged).not.toContain('秘密')
    expect(logged).toContain('people_pkey') // the constraint's name stays
  })
})
