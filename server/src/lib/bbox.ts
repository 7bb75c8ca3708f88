import { validationFailed } from './http-errors'

/** A box on the map in WGS-84 degrees. */
export interface Bbox {
  minLng: number
  minLat: number
  maxLng: number
  maxLat: number
}

/**
 * `minLng,minLat,maxLng,maxLat` (west,south,east,north: the order of API.md's bbox parameters and
 * of Leaflet's toBBoxString) → a box, or a 400 naming `field`.
 */
export function parseBbox(raw: string, field = 'querystring.bbox'): Bbox {
  const bad = (message: string) => validationFailed([{ field, message }])
  const parts = raw.split(',').map((p) => (p.trim() === '' ? Number.NaN : Number(p)))
  if (parts.length !== 4 || parts.some((p) => !Number.isFinite(p))) throw bad('应为 minLng,minLat,maxLng,maxLat（西经,南纬,东经,北纬）四个数')
  const [minLng, minLat, maxLng, maxLat] = parts as [number, number, number, number]
  if (minLat < -90 || maxLat > 90) throw bad('纬度应在 -90 到 90 之间（顺序：西,南,东,北）')
  if (minLng < -180 || maxLng > 180) throw bad('经度应在 -180 到 180 之间')
  if (minLat > maxLat || minLng > maxLng) throw bad('南应不大于北，西应不大于东')
  return { minLng, minLat, maxLng, maxLat }
}
