/**
 * The employers registry's SQL: the employers table (kept by the claims triggers of migration 0010
 * and corrected by staff) and the figures of each employer's claims.
 */
import { OPEN_STATUSES, type ClaimStatus } from '@huxin/shared'
import { and, asc, desc, eq, gt, ilike, inArray, or, sql } from 'drizzle-orm'
import type { Database, Executor } from '../../db/client'
import { rawRows } from '../../db/raw'
import { claims, employers } from '../../db/schema/index'
import type { ClaimRow } from '../claims/index'

export type EmployerRow = typeof employers.$inferSelect

/** What staff correct on an employer: blacklist status and the wage-guarantee deposit. */
export type EmployerChanges = Partial<Pick<typeof employers.$inferInsert, 'blacklistStatus' | 'depositStatus' | 'depositFen'>>

/** An employer's claims, not counting those merged away. */
export interface EmployerClaimFigures {
  claims: number
  openClaims: number
  openAmountFen: number
}

/** Claims whose money is still being pursued: open or handed to police / enforcement. */
const PURSUED: readonly ClaimStatus[] = [...OPEN_STATUSES, 'transferred_police', 'transferred_enforcement']

export function createEmployersRepository(db: Database) {
  return {
    /**
     * One page of the registry in key order, after the key `afterKey`; `q` matches a part of the
     * name or the whole credit code.
     */
    async list(filter: { q?: string | undefined; afterKey?: string | undefined }, limit: number, tx: Executor = db): Promise<EmployerRow[]> {
      const { q, afterKey } = filter
      const search = q ? or(ilike(employers.name, `%${q.replace(/[%_\\]/g, '\\$&')}%`), eq(employers.creditCode, q.toUpperCase())) : undefined
      return tx
        .select()
        .from(employers)
        .where(and(search, afterKey ? gt(employers.key, afterKey) : undefined))
        .orderBy(asc(employers.key))
        .limit(limit)
    },

    async findById(id: string, tx: Executor = db): Promise<EmployerRow | undefined> {
      const [row] = await tx.select().from(employers).where(eq(employers.id, id)).limit(1)
      return row
    },

    async update(key: string, changes: EmployerChanges, tx: Executor = db): Promise<void> {
      await tx.update(employers).set(changes).where(eq(employers.key, key))
    },

    /** The newest claims naming an employer, only those of `towns` when given. */
    async claimsOf(employerKey: string, towns: readonly string[] | undefined, limit: number, tx: Executor = db): Promise<ClaimRow[]> {
      return tx
        .select()
        .from(claims)
        .where(and(eq(claims.employerKey, employerKey), towns === undefined ? undefined : inArray(claims.town, [...towns])))
        .orderBy(desc(claims.createdAt))
        .limit(limit)
    },

    /** Per employer key: its claims, the open ones and the wages still owed on those. */
    async claimFigures(keys: string[], tx: Executor = db): Promise<Map<string, EmployerClaimFigures>> {
      const out = new Map<string, EmployerClaimFigures>()
      if (keys.length === 0) return out
      const pursued = sql.join(
        PURSUED.map((s) => sql`${s}`),
        sql`, `,
      )
      const rows = await rawRows<{ key: string; claims: number | string; open_claims: number | string; open_fen: string }>(
        tx,
        sql`
    select c.employer_key as key, count(*)::int as claims,
      count(*) filter (where c.status in (${pursued}))::int as open_claims,
      coalesce(sum(greatest(0, c.amount_owed_fen - coalesce(r.wages, 0))) filter (where c.status in (${pursued})), 0)::text as open_fen
    from claims c
    left join (select claim_id, sum(amount_fen) as wages from recoveries where kind = 'wages' group by claim_id) r on r.claim_id = c.id
    where c.employer_key in (${sql.join(
      keys.map((k) => sql`${k}`),
      sql`, `,
    )}) and c.merged_into_id is null
    group by c.employer_key`,
      )
      for (const row of rows) {
        out.set(row.key, { claims: Number(row.claims), openClaims: Number(row.open_claims), openAmountFen: Number(row.open_fen) })
      }
      return out
    },
  }
}

export type EmployersRepository = ReturnType<typeof createEmployersRepository>
