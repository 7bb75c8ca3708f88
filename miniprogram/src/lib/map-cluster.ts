/**
 * Clustering of map markers for the H5 map (components/help-map.h5.tsx): when many help points
 * fall close together on screen, one numbered marker stands for them. Pure (no Leaflet, no DOM):
 * positions are projected with the Web Mercator formula Leaflet itself uses (EPSG:3857, 256-px
 * tiles), so the cells here are the cells the worker sees. Unit-tested in test/map-cluster.test.ts.
 */

export interface LatLng {
  lat: number
  lng: number
}

/** A map's visible area or any box, WGS-84 degrees. */
export interface ViewportBox {
  west: number
  south: number
  east: number
  north: number
}

export interface ClusterInput extends LatLng {
  id: string
}

export interface Cluster<T extends ClusterInput> {
  /** Stable key: the id of a lone point, else `cluster:` + the ids of its members. */
  key: string
  /** Mean position of the members (a lone point: its own position). */
  lat: number
  lng: number
  members: T[]
}

const TILE_SIZE = 256
/** Web Mercator's latitude limit (atan(sinh(π))). */
const MAX_LATITUDE = 85.0511287798

/** Pixel position of a WGS-84 point at a zoom level, in the whole world's pixel plane. */
export function projectToPixels(point: LatLng, zoom: number): { x: number; y: number } {
  const scale = TILE_SIZE * 2 ** zoom
  const lat = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, point.lat))
  const sin = Math.sin((lat * Math.PI) / 180)
  const x = ((point.lng + 180) / 360) * scale
  const y = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale
  return { x, y }
}

/**
 * Greedy clustering as Leaflet.markercluster does it: in input order, each point joins the nearest
 * group whose first point lies within `cellPx` screen pixels at `zoom`, or starts a group. (Plain
 * grid cells would split two neighbours that straddle a cell border.) A grid of `cellPx` cells
 * finds candidate groups in the 3 × 3 cells around a point: O(n) for the few thousand points a
 * viewport holds. Groups of fewer than `minClusterSize` give their points back one by one. Output
 * order: by each group's first point, so with input nearest first the nearest point's group
 * comes first.
 */
export function clusterPoints<T extends ClusterInput>(
  points: readonly T[],
  zoom: number,
  options: { cellPx?: number; minClusterSize?: number } = {},
): Cluster<T>[] {
  const cellPx = options.cellPx ?? 60
  const minClusterSize = Math.max(2, options.minClusterSize ?? 3)
  const groups: { x: number; y: number; members: T[] }[] = []
  const grid = new Map<string, number[]>()
  for (const point of points) {
    const { x, y } = projectToPixels(point, zoom)
    const cx = Math.floor(x / cellPx)
    const cy = Math.floor(y / cellPx)
    let best = -1
    let bestDistance = Infinity
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const index of grid.get(`${cx + dx}:${cy + dy}`) ?? []) {
          const group = groups[index] as (typeof groups)[number]
          const distance = Math.hypot(group.x - x, group.y - y)
          if (distance <= cellPx && distance < bestDistance) {
            best = index
            bestDistance = distance
          }
        }
      }
    }
    if (best >= 0) {
      ;(groups[best] as (typeof groups)[number]).members.push(point)
    } else {
      const key = `${cx}:${cy}`
      grid.set(key, [...(grid.get(key) ?? []), groups.length])
      groups.push({ x, y, members: [point] })
    }
  }
  const clusters: Cluster<T>[] = []
  for (const { members } of groups) {
    if (members.length < minClusterSize) {
      for (const point of members) clusters.push({ key: point.id, lat: point.lat, lng: point.lng, members: [point] })
      continue
    }
    const lat = members.reduce((sum, p) => sum + p.lat, 0) / members.length
    const lng = members.reduce((sum, p) => sum + p.lng, 0) / members.length
    const ids = members.map((p) => p.id).sort()
    clusters.push({ key: `cluster:${ids.join(',')}`, lat, lng, members })
  }
  return clusters
}

/** South-west and north-east corners around points (for "zoom to this cluster"). */
export function boundsOf(points: readonly LatLng[]): ViewportBox | undefined {
  if (points.length === 0) return undefined
  let south = Infinity
  let west = Infinity
  let north = -Infinity
  let east = -Infinity
  for (const p of points) {
    south = Math.min(south, p.lat)
    north = Math.max(north, p.lat)
    west = Math.min(west, p.lng)
    east = Math.max(east, p.lng)
  }
  return { south, west, north, east }
}
