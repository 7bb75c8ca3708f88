/**
 * WGS-84 ↔ GCJ-02. HuXin stores WGS-84 (GPS, Tianditu); WeChat's `<map>`, `getLocation({type:
 * 'gcj02'})` and `openLocation` use GCJ-02, the obfuscated datum mandated for maps published in
 * mainland China (DOMAIN.md, Maps). The forward transform is the widely published one (Krasovsky
 * 1940 ellipsoid, a = 6378245, e² = 0.00669342162296594323, as a double); points outside China are unchanged.
 * Pure functions: safe in the mini-program bundle.
 */

export interface LatLng {
  lat: number
  lng: number
}

const A = 6_378_245.0
const EE = 0.006_693_421_622_965_943

/** The rough rectangle the transform applies to; outside it GCJ-02 equals WGS-84. */
export function outOfChina(lat: number, lng: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271
}

function transformLat(x: number, y: number): number {
  let ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0
  ret += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0
  ret += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0
  return ret
}

function transformLng(x: number, y: number): number {
  let ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0
  ret += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0
  ret += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0
  return ret
}

function delta(lat: number, lng: number): LatLng {
  const dLat0 = transformLat(lng - 105.0, lat - 35.0)
  const dLng0 = transformLng(lng - 105.0, lat - 35.0)
  const radLat = (lat / 180.0) * Math.PI
  let magic = Math.sin(radLat)
  magic = 1 - EE * magic * magic
  const sqrtMagic = Math.sqrt(magic)
  return {
    lat: (dLat0 * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI),
    lng: (dLng0 * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI),
  }
}

/** WGS-84 → GCJ-02 (what WeChat's map expects). */
export function wgs84ToGcj02(point: LatLng): LatLng {
  if (outOfChina(point.lat, point.lng)) return { lat: point.lat, lng: point.lng }
  const d = delta(point.lat, point.lng)
  return { lat: point.lat + d.lat, lng: point.lng + d.lng }
}

/**
 * GCJ-02 → WGS-84 by fixed-point iteration (error < 1e-9° after a few steps), for a position
 * WeChat's `getLocation({type:'gcj02'})` returned.
 */
export function gcj02ToWgs84(point: LatLng): LatLng {
  if (outOfChina(point.lat, point.lng)) return { lat: point.lat, lng: point.lng }
  let lat = point.lat
  let lng = point.lng
  for (let i = 0; i < 30; i++) {
    const there = wgs84ToGcj02({ lat, lng })
    const dLat = there.lat - point.lat
    const dLng = there.lng - point.lng
    lat -= dLat
    lng -= dLng
    if (Math.abs(dLat) < 1e-12 && Math.abs(dLng) < 1e-12) break
  }
  return { lat, lng }
}

/** Mean Earth radius used by the haversine helper (IUGG). */
export const MEAN_EARTH_RADIUS_M = 6_371_008.8

/** Great-circle distance in metres by the haversine formula. */
export function haversineMetres(a: LatLng, b: LatLng, radius = MEAN_EARTH_RADIUS_M): number {
  const toRad = Math.PI / 180
  const dLat = (b.lat - a.lat) * toRad
  const dLng = (b.lng - a.lng) * toRad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLng / 2) ** 2
  return 2 * radius * Math.asin(Math.min(1, Math.sqrt(h)))
}
