import { describe, expect, it } from 'vitest'
import { gcj02ToWgs84, haversineMetres, wgs84ToGcj02 } from '../src/domain/coordinates'

describe('WGS-84 → GCJ-02', () => {
  it('matches the golden value (Tiananmen)', () => {
    const gcj = wgs84ToGcj02({ lat: 39.90923, lng: 116.397428 })
    expect(Math.abs(gcj.lng - 116.40367162595768)).toBeLessThan(1e-9)
    expect(Math.abs(gcj.lat - 39.91063350638631)).toBeLessThan(1e-9)
  })

  it('shifts a point in Changzhou by a few hundred metres, and round-trips back', () => {
    const wgs = { lat: 31.7416, lng: 120.0932 }
    const gcj = wgs84ToGcj02(wgs)
    const shift = haversineMetres(wgs, gcj)
    expect(shift).toBeGreaterThan(100)
    expect(shift).toBeLessThan(1_000)
    const back = gcj02ToWgs84(gcj)
    expect(Math.abs(back.lat - wgs.lat)).toBeLessThan(1e-9)
    expect(Math.abs(back.lng - wgs.lng)).toBeLessThan(1e-9)
  })

  it('leaves points outside China unchanged', () => {
    for (const p of [{ lat: 51.5074, lng: -0.1278 }, { lat: -33.8688, lng: 151.2093 }, { lat: 0.5, lng: 100 }, { lat: 60, lng: 120 }]) {
      expect(wgs84ToGcj02(p)).toEqual(p)
      expect(gcj02ToWgs84(p)).toEqual(p)
    }
  })
})

describe('haversine', () => {
  it('gives a known distance (one degree of latitude ≈ 111.2 km)', () => {
    expect(haversineMetres({ lat: 31, lng: 120 }, { lat: 32, lng: 120 })).toBeCloseTo(111_195, -1)
  })
})
