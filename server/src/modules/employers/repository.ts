/**
 * The employers' SQL: the employers table — the register of employers under supervision (admins'
 * entries and imports, `supervised`) beside the employers claims named (kept by the claims
 * triggers of migration 0010) — the matching of the one to the other, and the figures of each
 * employer's claims.
 */
import { OPEN_STATUSES, type ClaimStatus } from '@huxin/shared'
import { and, asc, desc, eq, gt, ilike, inArray, isNull, or, sql } from 'drizzle-orm'
import type { Database, Executor } from '../../db/client'
import { rawRows } from '../../db/raw'
import { claims, employers } from '../../db/schema/index'
import type { ClaimRow } from '../claims/index'

export type EmployerRow = typeof employers.$inferSelect

/** What staff correct on an employer: blacklist status and the wage-guarantee deposit; admins the register's fields. */
export type EmployerChanges = Partial<
  Pick<typeof employers.$inferInsert, 'blacklistStatus' | 'depositStatus' | 'depositFen' | 'name' | 'nameKey' | 'town' | 'industry' | 'size' | 'supervised' | 'linkedKey'>
>

/** One entry of the register as it is written: its key from credit code or name; its id is `md5('employer:' || key)`, as for the employers claims name (migration 0006). */
export interface RegisterEntry {
  key: string
  name: string
  nameKey: string
  creditCode: string | null
  town: string
  industry: string
  size: string | null
}

/** The register entry an employer is: itself, the one entry of its normalised name, or the one a person linked. */
export interface RegisterMatch {
  id: string
  name: string
  how: 'self' | 'name' | 'linked'
}

/** Rows per INSERT of an import (one JSON parameter of about 1.5 MB). */
const REGISTER_BATCH = 10_000

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
    async list(
      filter: { q?: string | undefined; afterKey?: string | undefined; supervised?: boolean | undefined; town?: string | undefined },
      limit: number,
      tx: Executor = db,
    ): Promise<EmployerRow[]> {
      const { q, afterKey, supervised, town } = filter
      const search = q ? or(ilike(employers.name, `%${q.replace(/[%_\\]/g, '\\$&')}%`), eq(employers.creditCode, q.toUpperCase())) : undefined
      return tx
        .select()
        .from(employers)
        .where(
          and(
            search,
            afterKey ? gt(employers.key, afterKey) : undefined,
            supervised === undefined ? undefined : eq(employers.supervised, supervised),
            town ? eq(employers.town, town) : undefined,
          ),
        )
        .orderBy(asc(employers.key))
        .limit(limit)
    },

    async findById(id: string, tx: Executor = db): Promise<EmployerRow | undefined> {
      const [row] = await tx.select().from(employers).where(eq(employers.id, id)).limit(1)
      return row
    },

    async findByKey(key: string, tx: Executor = db): Promise<EmployerRow | undefined> {
      const [row] = await tx.select().from(employers).where(eq(employers.key, key)).limit(1)
      return row
    },

    async update(key: string, changes: EmployerChanges, tx: Executor = db): Promise<void> {
      await tx.update(employers).set(changes).where(eq(employers.key, key))
    },

    /**
     * Writes register entries: a new employer, or one claims already named (same key) now entered
     * in the register, or an entry updated by a later list. Batched multi-row upserts, all in one
     * transaction (the caller's, or one of its own): they stand or fall together.
     */
    async register(entries: readonly RegisterEntry[], tx?: Executor): Promise<void> {
      if (!tx) return db.transaction((own) => this.register(entries, own))
      for (let i = 0; i < entries.length; i += REGISTER_BATCH) {
        // One JSON parameter per batch, read by jsonb_to_recordset: the same text on node-postgres
        // and PGlite, and no per-row parameters to build (the query builder spent most of an
        // import's time building 8 parameters per row).
        const batch = JSON.stringify(
          entries.slice(i, i + REGISTER_BATCH).map((e) => ({
            key: e.key,
            name: e.name,
            name_key: e.nameKey,
            credit_code: e.creditCode,
            town: e.town,
            industry: e.industry,
            size: e.size,
          })),
        )
        await tx.execute(sql`
          insert into employers as e (key, id, name, name_key, credit_code, town, industry, size, supervised)
          select x.key, md5('employer:' || x.key)::uuid, x.name, x.name_key, x.credit_code, x.town, x.industry, x.size, true
          from jsonb_to_recordset(${batch}::jsonb)
            as x(key text, name text, name_key text, credit_code text, town text, industry text, size text)
          on conflict (key) do update set supervised = true, name = excluded.name, name_key = excluded.name_key,
            credit_code = coalesce(excluded.credit_code, e.credit_code), town = excluded.town, industry = excluded.industry,
            size = excluded.size, linked_key = null`)
      }
    },

    /** For each employer, the register entry it is (see RegisterMatch); absent = unmatched. */
    async registerMatches(rows: readonly EmployerRow[], tx: Executor = db): Promise<Map<string, RegisterMatch>> {
      const out = new Map<string, RegisterMatch>()
      const linked = new Set<string>()
      const names = new Set<string>()
      for (const row of rows) {
        if (row.supervised) out.set(row.key, { id: row.id, name: row.name, how: 'self' })
        else if (row.linkedKey) linked.add(row.linkedKey)
        else if (row.key.startsWith('nm:')) names.add(row.key.slice(3))
      }
      if (linked.size === 0 && names.size === 0) return out
      const entries = await tx
        .select({ key: employers.key, id: employers.id, name: employers.name, nameKey: employers.nameKey })
        .from(employers)
        .where(
          and(
            eq(employers.supervised, true),
            or(
              linked.size > 0 ? inArray(employers.key, [...linked]) : undefined,
              names.size > 0 ? inArray(employers.nameKey, [...names]) : undefined,
            ),
          ),
        )
      const byKey = new Map(entries.map((e) => [e.key, e]))
      const byName = new Map<string, (typeof entries)[number][]>()
      for (const e of entries) if (e.nameKey) byName.set(e.nameKey, [...(byName.get(e.nameKey) ?? []), e])
      for (const row of rows) {
        if (row.supervised) continue
        const link = row.linkedKey ? byKey.get(row.linkedKey) : undefined
        if (link) out.set(row.key, { id: link.id, name: link.name, how: 'linked' })
        else if (!row.linkedKey && row.key.startsWith('nm:')) {
          // Two entries of one normalised name: ambiguous, a person decides.
          const same = byName.get(row.key.slice(3))
          if (same?.length === 1) out.set(row.key, { id: same[0]!.id, name: same[0]!.name, how: 'name' })
        }
      }
      return out
    },

    /**
     * Employers that claims name and the register does not hold: not in it, not linked by a person,
     * and (without a credit code) not exactly one entry of the same normalised name. Key order.
     */
    async unmatched(afterKey: string | undefined, limit: number, tx: Executor = db): Promise<EmployerRow[]> {
      return tx
        .select()
        .from(employers)
        .where(
          and(
            eq(employers.supervised, false),
            isNull(employers.linkedKey),
            gt(employers.claimsCount, 0),
            afterKey ? gt(employers.key, afterKey) : undefined,
            sql`(${employers.key} not like 'nm:%' or (select count(*) from employers r
              where r.supervised and r.name_key = substring(${employers.key} from 4)) <> 1)`,
          ),
        )
        .orderBy(asc(employers.key))
        .limit(limit)
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
