import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { haversineMetres } from '@huxin/shared'
import type { RawQuery } from '../../../src/db/client'
import { helpPoints } from '../../../src/db/schema/index'
import { createHelpPointsRepository, NEARBY_SQL } from '../../../src/modules/help-points/repository/index'
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../../helpers/database'

const EARTHDISTANCE_RADIUS_M = 6_378_168
const KINDS = ['court', 'legal_aid', 'arbitration'] as const

/** Nearby lookups that arrive together share statements (repository/map-reads.ts, createNearbyBatcher). */
describe.each(DATABASE_KINDS)('batched nearby lookups on %s', (kind) => {
  let database: TestDatabase
  let points: { id: string; kind: string; lat: number; lng: number }[]
  beforeAll(async () => {
    database = await createTestDatabase(kind)
    // A 20 × 20 grid, kinds in turn, plus a hotline (never nearby).
    const values = Array.from({ length: 400 }, (_, i) => ({
      name: `grid-${i}`,
      kind: KINDS[i % 3]!,
      lat: 30 + Math.floor(i / 20) * 0.013 + (i % 7) * 0.0011,
      lng: 120 + (i % 20) * 0.017 + (i % 5) * 0.0013,
    }))
    points = await database.handle.db.insert(helpPoints).values(values).returning({ id: helpPoints.id, kind: helpPoints.kind, lat: helpPoints.lat, lng: helpPoints.lng }) as typeof points
    await database.handle.db.insert(helpPoints).values({ name: '12333', kind: 'hotline' })
    // With statistics, as autovacuum keeps them: without, the planner guesses a handful of rows.
    await database.handle.query('analyze help_points', [])
  })
  afterAll(async () => {
    await database?.destroy()
  })

  const oracle = (lat: number, lng: number, limit: number, of?: string) =>
    points
      .filter((p) => of === undefined || p.kind === of)
      .map((p) => ({ id: p.id, d: haversineMetres({ lat, lng }, p, EARTHDISTANCE_RADIUS_M) }))
      .sort((a, b) => a.d - b.d)
      .slice(0, limit)

  it('answers 100 simultaneous lookups (positions, limits, kinds) in statements of at most 32, two at a time, each as if asked alone', async () => {
    const statements: string[] = []
    let running = 0
    let mostRunning = 0
    const counting: RawQuery = async (text, params, name) => {
      statements.push(text)
      mostRunning = Math.max(mostRunning, ++running)
      try {
        // A slow database: the next lookups arrive while statements are out.
        await new Promise((resolve) => setTimeout(resolve, 20))
        return await database.handle.query(text, params, name)
      } finally {
        running--
      }
    }
    const repo = createHelpPointsRepository(database.handle.db, counting)
    const lookups = Array.from({ length: 100 }, (_, i) => ({
      lat: 30.01 + (i % 8) * 0.03,
      lng: 120.02 + Math.floor(i / 8) * 0.02,
      limit: 1 + ((i * 7) % 12),
      kind: i % 4 === 0 ? undefined : KINDS[i % 3],
    }))
    const answers = await Promise.all(lookups.map((l) => repo.nearby(l.lat, l.lng, l.limit, l.kind)))
    // 100 lookups, at most 32 a statement: 32 + 32 + 32 + 4; the third waits for one of the first two.
    expect(statements.filter((s) => s === NEARBY_SQL)).toHaveLength(4)
    expect(mostRunning).toBe(2)
    answers.forEach(({ rows }, i) => {
      const { lat, lng, limit, kind: of } = lookups[i]!
      const expected = oracle(lat, lng, limit, of)
      expect(rows.map((r) => r.id)).toEqual(expected.map((e) => e.id))
      rows.forEach((row, j) => {
        expect(Math.abs(Number(row.distance_m) - expected[j]!.d)).toBeLessThan(1)
        expect(typeof row.version).toBe('string')
      })
    })
  })

  it('retries a failed batch lookup by lookup: one bad lookup fails alone', async () => {
    const repo = createHelpPointsRepository(database.handle.db, database.handle.query)
    const results = await Promise.allSettled([
      repo.nearby(30.05, 120.05, 3),
      // A negative LIMIT is an error in PostgreSQL.
      repo.nearby(30.05, 120.05, -1),
      repo.nearby(30.1, 120.1, 2, 'court'),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((results[0] as PromiseFulfilledResult<{ rows: unknown[] }>).value.rows).toHaveLength(3)
    expect((results[2] as PromiseFulfilledResult<{ rows: { id: string }[] }>).value.rows.map((r) => r.id)).toEqual(oracle(30.1, 120.1, 2, 'court').map((e) => e.id))
  })

  it('uses the GiST index (KNN) for every position of a batch, not a scan', async () => {
    await database.handle.query('set enable_seqscan = off', [])
    const { rows } = await database.handle.query<Record<string, string>>(`explain ${NEARBY_SQL}`, [[31.8, 31.7], [120.05, 120.1], [5, 5], [null, 'court']])
    await database.handle.query('reset enable_seqscan', [])
    const plan = rows.map((r) => Object.values(r)[0]).join('\n')
    expect(plan).toContain('help_points_geo_idx')
    expect(plan).toMatch(/Order By:/)
  })
})
