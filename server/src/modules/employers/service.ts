/**
 * The employers registry (API.md, Case work: employers): every employer a claim names, with its
 * claims, the amount still open, blacklist status and construction wage-guarantee deposit.
 */
import type { Employer, EmployerDetail, UpdateEmployerBody } from '@huxin/shared'
import { and, asc, desc, eq, gt, ilike, inArray, or, sql } from 'drizzle-orm'
import type { Database } from '../../db/client'
import { claims, employers } from '../../db/schema/index'
import { notFound, validationFailed } from '../../lib/http-errors'
import { jurisdictionTowns, type Actor } from '../casework/index'
import { recoveredTotals } from '../claims/index'

type EmployerRow = typeof employers.$inferSelect

/** Claims whose money is still being pursued: open or handed to police / enforcement. */
const PURSUED = ['submitted', 'accepted', 'investigating', 'mediating', 'ordered_to_pay', 'transferred_police', 'transferred_enforcement']

interface Figures {
  claims: number
  openClaims: number
  openAmountFen: number
}

async function figuresFor(db: Database, keys: string[]): Promise<Map<string, Figures>> {
  const out = new Map<string, Figures>()
  if (keys.length === 0) return out
  const pursued = sql.join(
    PURSUED.map((s) => sql`${s}`),
    sql`, `,
  )
  const result = (await db.execute(sql`
    select c.employer_key as key, count(*)::int as claims,
      count(*) filter (where c.status in (${pursued}))::int as open_claims,
      coalesce(sum(greatest(0, c.amount_owed_fen - coalesce(r.wages, 0))) filter (where c.status in (${pursued})), 0)::text as open_fen
    from claims c
    left join (select claim_id, sum(amount_fen) as wages from recoveries where kind = 'wages' group by claim_id) r on r.claim_id = c.id
    where c.employer_key in (${sql.join(
      keys.map((k) => sql`${k}`),
      sql`, `,
    )}) and c.merged_into_id is null
    group by c.employer_key`)) as unknown as { rows: { key: string; claims: number | string; open_claims: number | string; open_fen: string }[] }
  for (const row of result.rows) {
    out.set(row.key, { claims: Number(row.claims), openClaims: Number(row.open_claims), openAmountFen: Number(row.open_fen) })
  }
  return out
}

function toEmployer(row: EmployerRow, figures: Figures | undefined): Employer {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    creditCode: row.creditCode ?? undefined,
    blacklistStatus: row.blacklistStatus as Employer['blacklistStatus'],
    deposit: row.depositStatus
      ? { status: row.depositStatus as 'stored' | 'exempt' | 'deferred', amountFen: row.depositFen ?? undefined }
      : null,
    claims: figures?.claims ?? 0,
    openClaims: figures?.openClaims ?? 0,
    openAmountFen: figures?.openAmountFen ?? 0,
    createdAt: row.createdAt.toISOString(),
  }
}

export async function listEmployers(db: Database, query: { q?: string; cursor?: string; limit?: number }) {
  const limit = query.limit ?? 20
  const after = query.cursor === undefined ? undefined : Buffer.from(query.cursor, 'base64url').toString('utf8')
  if (query.cursor !== undefined && !after) throw validationFailed([{ field: 'querystring.cursor', message: '无效的分页位置' }])
  const q = query.q?.trim()
  const search = q
    ? or(ilike(employers.name, `%${q.replace(/[%_\\]/g, '\\$&')}%`), eq(employers.creditCode, q.toUpperCase()))
    : undefined
  const rows = await db
    .select()
    .from(employers)
    .where(and(search, after ? gt(employers.key, after) : undefined))
    .orderBy(asc(employers.key))
    .limit(limit + 1)
  const page = rows.slice(0, limit)
  const figures = await figuresFor(
    db,
    page.map((r) => r.key),
  )
  const last = page[page.length - 1]
  return {
    items: page.map((r) => toEmployer(r, figures.get(r.key))),
    nextCursor: rows.length > limit && last ? Buffer.from(last.key).toString('base64url') : null,
  }
}

async function findEmployer(db: Database, id: string): Promise<EmployerRow> {
  const [row] = await db.select().from(employers).where(eq(employers.id, id)).limit(1)
  if (!row) throw notFound('用人单位')
  return row
}

export async function getEmployer(db: Database, actor: Actor, id: string): Promise<EmployerDetail> {
  const row = await findEmployer(db, id)
  const towns = jurisdictionTowns(actor)
  const claimRows =
    towns !== undefined && towns.length === 0
      ? []
      : await db
          .select()
          .from(claims)
          .where(and(eq(claims.employerKey, row.key), towns === undefined ? undefined : inArray(claims.town, [...towns])))
          .orderBy(desc(claims.createdAt))
          .limit(200)
  const recovered = await recoveredTotals(
    db,
    claimRows.map((c) => c.id),
  )
  const figures = await figuresFor(db, [row.key])
  return {
    ...toEmployer(row, figures.get(row.key)),
    claimList: claimRows.map((c) => ({
      id: c.id,
      reference: c.reference,
      status: c.status as EmployerDetail['claimList'][number]['status'],
      town: c.town as EmployerDetail['claimList'][number]['town'],
      amountOwedFen: c.amountOwedFen,
      outstandingFen: Math.max(0, c.amountOwedFen - (recovered.get(c.id)?.wages ?? 0)),
      createdAt: c.createdAt.toISOString(),
    })),
  }
}

/** Supervisors and admins keep the blacklist status and the deposit registry current. */
export async function updateEmployer(db: Database, actor: Actor, id: string, body: UpdateEmployerBody): Promise<EmployerDetail> {
  const row = await findEmployer(db, id)
  const set: Partial<typeof employers.$inferInsert> = {}
  if (body.blacklistStatus !== undefined) set.blacklistStatus = body.blacklistStatus
  if (body.deposit !== undefined) {
    set.depositStatus = body.deposit?.status ?? null
    set.depositFen = body.deposit?.amountFen ?? null
  }
  if (Object.keys(set).length > 0) await db.update(employers).set(set).where(eq(employers.key, row.key))
  return getEmployer(db, actor, id)
}
