/**
 * The map's two statements (docs/casework.md, Map). Both read only the partial index
 * `claims_map_idx` (open, not merged away, with a site; town first): an inspector's request touches
 * the claims of their towns, a supervisor's the open claims in view, never the table.
 */
import { OPEN_STATUSES } from '@huxin/shared'
import { and, eq, sql, type SQL } from 'drizzle-orm'
import type { Database, Executor } from '../../../db/client'
import { rawRows } from '../../../db/raw'
import { claims } from '../../../db/schema/index'

export interface MapBox {
  south: number
  west: number
  north: number
  east: number
}

/** What one map request reads, resolved by the caller. */
export interface MapFilter {
  box: MapBox
  /** The jurisdiction's towns; undefined = every town. */
  towns: readonly string[] | undefined
  town?: string | undefined
  status?: string | undefined
  /** Claims read one by one at most (one more is read to tell the box holds more). */
  limit: number
  /** Grid cell size in degrees. */
  cell: number
  /** The instant deadlines are judged at (overdue counts). */
  now: Date
}

export interface MapCellRow {
  gy: number
  gx: number
  count: number
  overdue: number
  lat: number
  lng: number
}

// Word for word the predicate of claims_map_idx (db/schema/claims.ts): constants, not bound
// parameters, so the planner can prove the partial index applies.
const OPEN_LIST = OPEN_STATUSES.map((s) => `'${s}'`).join(',')
if (OPEN_LIST !== "'submitted','accepted','investigating','mediating','ordered_to_pay'") {
  throw new Error('OPEN_STATUSES changed: update claims_map_idx (a new migration) and OPEN_SITED together')
}
const OPEN_SITED = sql.raw(
  `"claims"."status" in (${OPEN_LIST}) and "claims"."merged_into_id" is null and "claims"."site_lat" is not null and "claims"."site_lng" is not null`,
)

/** The deadline that counts now: acceptance (or the national platform's, if earlier), else closing. */
const dueSql = sql`(case when ${claims.status} = 'submitted'
  then least(${claims.acceptDueAt}, coalesce(${claims.nationalDueAt}, ${claims.acceptDueAt}))
  else ${claims.closeDueAt} end)`

interface ClusterRow {
  gy: number | string
  gx: number | string
  n: number | string
  overdue: number | string
  lat: number | string
  lng: number | string
}

/**
 * The two statements behind one answer (exported for the EXPLAIN test): the claims in the box,
 * one more than the limit, ordered as the index is, so the planner walks it (a bare LIMIT tempts
 * it into a sequential scan that hopes to stop early); and the grid counts.
 */
export function claimMapStatements(db: Executor, filter: MapFilter) {
  const { box, towns } = filter
  const where: SQL[] = [
    OPEN_SITED,
    sql`${claims.siteLat} between ${box.south} and ${box.north}`,
    sql`${claims.siteLng} between ${box.west} and ${box.east}`,
  ]
  if (towns !== undefined) where.push(sql`${claims.town} in (${sql.join(towns.map((t) => sql`${t}`), sql`, `)})`)
  if (filter.town) where.push(eq(claims.town, filter.town))
  if (filter.status) where.push(eq(claims.status, filter.status))
  const condition = and(...where) as SQL

  const items = db
    .select({
      id: claims.id,
      reference: claims.reference,
      status: claims.status,
      town: claims.town,
      employerName: claims.employerName,
      amountOwedFen: claims.amountOwedFen,
      workersCount: claims.workersCount,
      groupId: claims.groupId,
      siteLat: claims.siteLat,
      siteLng: claims.siteLng,
      siteAddress: claims.siteAddress,
      acceptDueAt: claims.acceptDueAt,
      closeDueAt: claims.closeDueAt,
      nationalDueAt: claims.nationalDueAt,
      assigneeId: claims.assigneeId,
    })
    .from(claims)
    .where(condition)
    .orderBy(claims.town, claims.siteLat, claims.siteLng)
    .limit(filter.limit + 1)

  const { cell } = filter
  const clusters = sql`
    select floor(${claims.siteLat} / ${cell})::int as gy, floor(${claims.siteLng} / ${cell})::int as gx,
      count(*)::int as n, count(*) filter (where ${dueSql} < ${filter.now.toISOString()}::timestamptz)::int as overdue,
      avg(${claims.siteLat}) as lat, avg(${claims.siteLng}) as lng
    from ${claims}
    where ${condition}
    group by 1, 2`
  return { items, clusters }
}

/** Open claims of the filter's towns, town and status that have no point: they cannot be on the map. */
export function unlocatedStatement(filter: Pick<MapFilter, 'towns' | 'town' | 'status'>) {
  const where: SQL[] = [
    sql.raw(`"claims"."status" in (${OPEN_LIST}) and "claims"."merged_into_id" is null and ("claims"."site_lat" is null or "claims"."site_lng" is null)`),
  ]
  if (filter.towns !== undefined) where.push(sql`${claims.town} in (${sql.join(filter.towns.map((t) => sql`${t}`), sql`, `)})`)
  if (filter.town) where.push(eq(claims.town, filter.town))
  if (filter.status) where.push(eq(claims.status, filter.status))
  return sql`select count(*)::int as n from ${claims} where ${and(...where) as SQL}`
}

export type MapItemRow = Awaited<ReturnType<typeof claimMapStatements>['items']>[number]

export function mapQueries(db: Database) {
  return {
    /** The claims in the box, up to one more than the limit. */
    async mapItems(filter: MapFilter): Promise<MapItemRow[]> {
      return claimMapStatements(db, filter).items
    },

    /** How many open claims the map cannot show (no work-site point), same towns and filters. */
    async mapUnlocated(filter: MapFilter): Promise<number> {
      const rows = await rawRows<{ n: number | string }>(db, unlocatedStatement(filter))
      return Number(rows[0]?.n ?? 0)
    },

    /** The grid: per cell, its claims, the overdue ones and their centre. */
    async mapCells(filter: MapFilter): Promise<MapCellRow[]> {
      const { clusters } = claimMapStatements(db, filter)
      const rows = await db.transaction(async (tx) => {
        // The grid has a few hundred cells at most, but the planner, which cannot know it, would sort
        // every row to group them (spilling to disk at the default 4 MB); with room it hashes instead.
        await tx.execute(sql`set local work_mem = '16MB'`)
        return rawRows<ClusterRow>(tx, clusters)
      })
      return rows.map((r) => ({
        gy: Number(r.gy),
        gx: Number(r.gx),
        count: Number(r.n),
        overdue: Number(r.overdue),
        lat: Number(r.lat),
        lng: Number(r.lng),
      }))
    },
  }
}
