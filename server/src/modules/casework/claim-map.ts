/**
 * The inspectors' map of open claims by work site (docs/casework.md, Map). Reads only the partial
 * index `claims_map_idx` (open, not merged away, with a site; town first): an inspector's request
 * touches the claims of their towns, a supervisor's the open claims in view, never the table.
 *
 * Up to `limit` claims in the box come back one by one; beyond that, a grid of cells with counts
 * (server-side clustering), so a supervisor looking at 100,000 open claims gets a few hundred
 * numbers instead of 100,000 rows.
 */
import {
  CLAIM_MAP_GRID_CELLS,
  CLAIM_MAP_MAX_ITEMS,
  GROUP_CASE_MIN_WORKERS,
  OPEN_STATUSES,
  type ClaimMapCluster,
  type ClaimMapItem,
  type ClaimMapQuery,
  type ClaimMapResponse,
} from '@huxin/shared'
import { and, eq, sql, type SQL } from 'drizzle-orm'
import type { Database, Executor } from '../../db/client'
import { claims } from '../../db/schema/index'
import { parseBbox } from '../../lib/bbox'
import { groupWorkerTotals } from '../claims/index'
import { jurisdictionTowns, type Actor } from './workflow'

export interface MapBox {
  south: number
  west: number
  north: number
  east: number
}

/** The box of `bbox` (lib/bbox.ts: `minLng,minLat,maxLng,maxLat`, 400 naming `querystring.bbox`). */
export function parseMapBox(raw: string): MapBox {
  const { minLng, minLat, maxLng, maxLat } = parseBbox(raw)
  return { south: minLat, west: minLng, north: maxLat, east: maxLng }
}

/**
 * Cell size of the grid: a power of two in degrees, so cells stay put while the map pans and
 * halve with each zoom step (a Leaflet zoom step halves the box); 12–24 cells along the longer side.
 */
export function cellDegreesFor(box: MapBox): number {
  const span = Math.max(box.north - box.south, box.east - box.west, 1e-6)
  return 2 ** Math.floor(Math.log2(span / CLAIM_MAP_GRID_CELLS))
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
 * it into a sequential scan that hopes to stop early); and the grid counts. Undefined when the
 * actor can see nothing the filters ask for.
 */
export function claimMapStatements(db: Executor, actor: Actor, query: ClaimMapQuery, now: Date = new Date()) {
  const box = parseMapBox(query.bbox)
  const limit = query.limit ?? CLAIM_MAP_MAX_ITEMS
  const towns = jurisdictionTowns(actor)
  if (towns !== undefined && (towns.length === 0 || (query.town !== undefined && !towns.includes(query.town)))) return undefined

  const where: SQL[] = [
    OPEN_SITED,
    sql`${claims.siteLat} between ${box.south} and ${box.north}`,
    sql`${claims.siteLng} between ${box.west} and ${box.east}`,
  ]
  if (towns !== undefined) where.push(sql`${claims.town} in (${sql.join(towns.map((t) => sql`${t}`), sql`, `)})`)
  if (query.town) where.push(eq(claims.town, query.town))
  if (query.status) where.push(eq(claims.status, query.status))
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
    .limit(limit + 1)

  const cell = cellDegreesFor(box)
  const clusters = sql`
    select floor(${claims.siteLat} / ${cell})::int as gy, floor(${claims.siteLng} / ${cell})::int as gx,
      count(*)::int as n, count(*) filter (where ${dueSql} < ${now.toISOString()}::timestamptz)::int as overdue,
      avg(${claims.siteLat}) as lat, avg(${claims.siteLng}) as lng
    from ${claims}
    where ${condition}
    group by 1, 2`
  return { limit, cell, items, clusters }
}

export async function claimMap(db: Database, actor: Actor, query: ClaimMapQuery, now: Date = new Date()): Promise<ClaimMapResponse> {
  const statements = claimMapStatements(db, actor, query, now)
  const limit = statements?.limit ?? query.limit ?? CLAIM_MAP_MAX_ITEMS
  const empty: ClaimMapResponse = { items: [], clusters: [], total: 0, truncated: false, limit }
  if (!statements) return empty

  const rows = await statements.items
  if (rows.length <= limit) {
    const groups = await groupWorkerTotals(db, [...new Set(rows.map((r) => r.groupId).filter((g): g is string => g !== null))])
    const items = rows.map((r): ClaimMapItem => {
      const due =
        r.status === 'submitted'
          ? r.nationalDueAt && r.nationalDueAt.getTime() < r.acceptDueAt.getTime()
            ? r.nationalDueAt
            : r.acceptDueAt
          : r.closeDueAt
      const groupWorkers = Math.max(r.workersCount, r.groupId ? (groups.get(r.groupId) ?? 0) : 0)
      return {
        id: r.id,
        reference: r.reference,
        status: r.status as ClaimMapItem['status'],
        town: r.town,
        employerName: r.employerName,
        amountOwedFen: r.amountOwedFen,
        workersCount: r.workersCount,
        isGroupCase: groupWorkers >= GROUP_CASE_MIN_WORKERS,
        site: { lat: r.siteLat as number, lng: r.siteLng as number, ...(r.siteAddress ? { address: r.siteAddress } : {}) },
        acceptDueAt: r.acceptDueAt.toISOString(),
        ...(r.closeDueAt ? { closeDueAt: r.closeDueAt.toISOString() } : {}),
        ...(due ? { dueAt: due.toISOString() } : {}),
        overdue: due !== null && due.getTime() < now.getTime(),
        assignedToMe: r.assigneeId === actor.id,
      }
    })
    // Most urgent first: overdue, then the nearest deadline.
    items.sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        (a.dueAt ? Date.parse(a.dueAt) : Infinity) - (b.dueAt ? Date.parse(b.dueAt) : Infinity) ||
        a.reference.localeCompare(b.reference),
    )
    return { ...empty, items, total: items.length }
  }

  const { cell } = statements
  const clusterRows = await db.transaction(async (tx) => {
    // The grid has a few hundred cells at most, but the planner, which cannot know it, would sort
    // every row to group them (spilling to disk at the default 4 MB); with room it hashes instead.
    await tx.execute(sql`set local work_mem = '16MB'`)
    const result = (await tx.execute(statements.clusters)) as unknown as { rows: ClusterRow[] }
    return result.rows
  })
  const clusters = clusterRows.map((r): ClaimMapCluster => {
    const gy = Number(r.gy)
    const gx = Number(r.gx)
    return {
      key: `${cell}:${gy}:${gx}`,
      lat: Number(r.lat),
      lng: Number(r.lng),
      count: Number(r.n),
      overdueCount: Number(r.overdue),
      bounds: { south: gy * cell, west: gx * cell, north: (gy + 1) * cell, east: (gx + 1) * cell },
    }
  })
  clusters.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
  return { ...empty, clusters, total: clusters.reduce((sum, c) => sum + c.count, 0), truncated: true, cellDegrees: cell }
}
