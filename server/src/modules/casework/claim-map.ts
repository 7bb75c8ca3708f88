/**
 * The inspectors' map of open claims by work site (docs/casework.md, Map), in the caller's
 * jurisdiction. Up to `limit` claims in the box come back one by one; beyond that, a grid of cells
 * with counts (server-side clustering), so a supervisor looking at 100,000 open claims gets a few
 * hundred numbers instead of 100,000 rows.
 */
import {
  CLAIM_MAP_GRID_CELLS,
  CLAIM_MAP_MAX_ITEMS,
  GROUP_CASE_MIN_WORKERS,
  type ClaimMapCluster,
  type ClaimMapItem,
  type ClaimMapQuery,
  type ClaimMapResponse,
} from '@huxin/shared'
import { parseBbox } from '../../lib/bbox'
import type { ClaimsRepository } from '../claims/index'
import { jurisdictionTowns, type Actor } from './access'
import type { CaseworkRepository, MapBox, MapFilter } from './repository/index'
import { dueOf } from './triage'

/** The box of `bbox` (lib/bbox.ts: `minLng,minLat,maxLng,maxLat`, 400 naming `querystring.bbox`). */
function parseMapBox(raw: string): MapBox {
  const { minLng, minLat, maxLng, maxLat } = parseBbox(raw)
  return { south: minLat, west: minLng, north: maxLat, east: maxLng }
}

/**
 * Cell size of the grid: a power of two in degrees, so cells stay put while the map pans and
 * halve with each zoom step (a Leaflet zoom step halves the box); 12–24 cells along the longer side.
 */
function cellDegreesFor(box: MapBox): number {
  const span = Math.max(box.north - box.south, box.east - box.west, 1e-6)
  return 2 ** Math.floor(Math.log2(span / CLAIM_MAP_GRID_CELLS))
}

/** What the actor's request reads; undefined when they can see nothing the filters ask for. */
export function claimMapFilter(actor: Actor, query: ClaimMapQuery, now: Date = new Date()): MapFilter | undefined {
  const box = parseMapBox(query.bbox)
  const limit = query.limit ?? CLAIM_MAP_MAX_ITEMS
  const towns = jurisdictionTowns(actor)
  if (towns !== undefined && (towns.length === 0 || (query.town !== undefined && !towns.includes(query.town)))) return undefined
  return { box, towns, town: query.town, status: query.status, limit, cell: cellDegreesFor(box), now }
}

export async function claimMap(
  deps: { repo: CaseworkRepository; claims: Pick<ClaimsRepository, 'groupWorkerTotals'> },
  actor: Actor,
  query: ClaimMapQuery,
  now: Date = new Date(),
): Promise<ClaimMapResponse> {
  const filter = claimMapFilter(actor, query, now)
  const limit = filter?.limit ?? query.limit ?? CLAIM_MAP_MAX_ITEMS
  const empty: ClaimMapResponse = { items: [], clusters: [], total: 0, truncated: false, limit }
  if (!filter) return empty

  const rows = await deps.repo.mapItems(filter)
  const withoutSite = await deps.repo.mapUnlocated(filter)
  if (rows.length <= limit) {
    const groups = await deps.claims.groupWorkerTotals([...new Set(rows.map((r) => r.groupId).filter((g): g is string => g !== null))])
    const items = rows.map((r): ClaimMapItem => {
      const due = r.status === 'submitted' ? dueOf(r) : r.closeDueAt
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
    return { ...empty, items, total: items.length, withoutSite }
  }

  const { cell } = filter
  const clusters = (await deps.repo.mapCells(filter)).map(
    (r): ClaimMapCluster => ({
      key: `${cell}:${r.gy}:${r.gx}`,
      lat: r.lat,
      lng: r.lng,
      count: r.count,
      overdueCount: r.overdue,
      bounds: { south: r.gy * cell, west: r.gx * cell, north: (r.gy + 1) * cell, east: (r.gx + 1) * cell },
    }),
  )
  clusters.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
  return { ...empty, clusters, total: clusters.reduce((sum, c) => sum + c.count, 0), truncated: true, cellDegrees: cell, withoutSite }
}
