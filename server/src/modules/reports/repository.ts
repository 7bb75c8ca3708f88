/**
 * Storing reports and inspections: each a row of `claims` (case type report / inspection) with its
 * first event, written in one transaction with its idempotency key and, for anonymous reports
 * from the app, the per-IP rate events (`rate_events`, shared by every server process).
 */
import { and, asc, count, desc, eq, gt, inArray, isNotNull, min, sql } from 'drizzle-orm'
import type { Database, Executor, Transaction } from '../../db/client'
import { claimEvents, claims, employers, idempotencyKeys, inspectionDraws, rateEvents } from '../../db/schema/index'
import type { ClaimEventRow, ClaimRow } from '../claims/index'
import { enqueueNationalMessage, type RegisterPayload } from '../national-sync/index'

export type DrawRow = typeof inspectionDraws.$inferSelect

export interface RateLimitSpec {
  bucket: string
  max: number
  windowMs: number
}

export interface KeyRef {
  scope: string
  key: string
  requestHash: string
}

/** created: stored · replay: the key filed this body before · reused: another body · limited: 429. */
export type StoreOutcome =
  | { outcome: 'created' }
  | { outcome: 'replay'; claimId: string }
  | { outcome: 'reused' }
  | { outcome: 'limited'; retryAfterSeconds: number }

async function lockKey(tx: Transaction, name: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${name}, 0))`)
}

/** The key's earlier use, under the key's lock: a replay, another body, or nothing. */
async function earlierUse(tx: Transaction, ref: KeyRef): Promise<StoreOutcome | undefined> {
  await lockKey(tx, `idem:${ref.scope}:${ref.key}`)
  const [row] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, ref.scope), eq(idempotencyKeys.key, ref.key)))
  if (!row) return undefined
  if (row.requestHash !== ref.requestHash || !row.claimId) return { outcome: 'reused' }
  return { outcome: 'replay', claimId: row.claimId }
}

/** Checks every limit and, when all allow one more, records one event in each bucket. */
async function consumeLimits(tx: Transaction, limits: RateLimitSpec[], now: Date): Promise<number> {
  let retryAfterSeconds = 0
  for (const limit of limits) {
    await lockKey(tx, limit.bucket)
    const [row] = await tx
      .select({ n: count(), oldest: min(rateEvents.createdAt) })
      .from(rateEvents)
      .where(and(eq(rateEvents.bucket, limit.bucket), gt(rateEvents.createdAt, new Date(now.getTime() - limit.windowMs))))
    if (row && row.n >= limit.max && row.oldest) {
      const oldest = new Date(row.oldest).getTime()
      retryAfterSeconds = Math.max(retryAfterSeconds, Math.max(1, Math.ceil((oldest + limit.windowMs - now.getTime()) / 1000)))
    }
  }
  if (retryAfterSeconds > 0) return retryAfterSeconds
  if (limits.length > 0) await tx.insert(rateEvents).values(limits.map((l) => ({ bucket: l.bucket, createdAt: now })))
  return 0
}

export function createReportsRepository(db: Database) {
  return {
    /**
     * Stores new cases (a report: one; a draw: one per employer) with their first events and the
     * key, atomically; `limits` are consumed only when something new is stored. A draw row, when
     * given, is inserted first (the cases point at it).
     */
    async storeCases(
      rows: { claim: ClaimRow; event: ClaimEventRow }[],
      ref: KeyRef,
      options: { limits?: RateLimitSpec[]; draw?: DrawRow; now: Date; registrations?: RegisterPayload[] },
    ): Promise<StoreOutcome> {
      return db.transaction(async (tx) => {
        const earlier = await earlierUse(tx, ref)
        if (earlier) return earlier
        const wait = await consumeLimits(tx, options.limits ?? [], options.now)
        if (wait > 0) return { outcome: 'limited', retryAfterSeconds: wait }
        if (options.draw) await tx.insert(inspectionDraws).values(options.draw)
        if (rows.length > 0) {
          await tx.insert(claims).values(rows.map((r) => r.claim))
          await tx.insert(claimEvents).values(rows.map((r) => r.event))
        }
        // The national platform hears of a wage report as of a complaint: its registration is
        // an outbox row of the same transaction (docs/national-platform.md).
        for (const payload of options.registrations ?? []) {
          await enqueueNationalMessage(tx, { claimId: payload.localClaimId, kind: 'register', payload })
        }
        const first = rows[0]?.claim.id ?? null
        await tx.insert(idempotencyKeys).values({ scope: ref.scope, key: ref.key, requestHash: ref.requestHash, state: 'done', claimId: first })
        return { outcome: 'created' }
      })
    },

    /** The employers of the register (supervised, with a town) a draw may pick from, by key. */
    async drawPool(towns: readonly string[] | undefined, tx: Executor = db) {
      const inTowns = towns === undefined ? undefined : towns.length === 0 ? sql`false` : inArray(employers.town, [...towns])
      return tx
        .select({ key: employers.key, name: employers.name, creditCode: employers.creditCode, town: employers.town, industry: employers.industry })
        .from(employers)
        .where(and(eq(employers.supervised, true), isNotNull(employers.town), inTowns))
        .orderBy(asc(employers.key))
    },

    async findDraw(id: string, tx: Executor = db): Promise<DrawRow | undefined> {
      const [row] = await tx.select().from(inspectionDraws).where(eq(inspectionDraws.id, id))
      return row
    },

    /** The draw whose first case is `claimId` (a replayed draw request). */
    async drawOfCase(claimId: string, tx: Executor = db): Promise<DrawRow | undefined> {
      const [row] = await tx
        .select({ draw: inspectionDraws })
        .from(claims)
        .innerJoin(inspectionDraws, eq(inspectionDraws.id, claims.inspectionDrawId))
        .where(eq(claims.id, claimId))
      return row?.draw
    },

    async listDraws(limit: number, tx: Executor = db): Promise<DrawRow[]> {
      return tx.select().from(inspectionDraws).orderBy(desc(inspectionDraws.createdAt)).limit(limit)
    },

    async casesOfDraw(drawId: string, tx: Executor = db): Promise<ClaimRow[]> {
      return tx.select().from(claims).where(eq(claims.inspectionDrawId, drawId)).orderBy(asc(claims.reference))
    },

    async findCase(id: string, tx: Executor = db): Promise<ClaimRow | undefined> {
      const [row] = await tx.select().from(claims).where(eq(claims.id, id))
      return row
    },
  }
}

export type ReportsRepository = ReturnType<typeof createReportsRepository>
