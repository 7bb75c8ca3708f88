import { describe, expect, it } from 'vitest'
import { boundsOf, clusterPoints, projectToPixels } from '../src/lib/map-cluster'

describe('projectToPixels', () => {
  it('matches Web Mercator at known places', () => {
    expect(projectToPixels({ lat: 0, lng: 0 }, 0)).toEqual({ x: 128, y: 128 })
    const p = projectToPixels({ lat: 85.0511287798, lng: 180 }, 1)
    expect(p.x).toBeCloseTo(512, 6)
    expect(p.y).toBeCloseTo(0, 4)
    // One zoom level doubles every distance.
    const a = projectToPixels({ lat: 31.75, lng: 120.05 }, 10)
    const b = projectToPixels({ lat: 31.75, lng: 120.05 }, 11)
    expect(b.x).toBeCloseTo(a.x * 2, 6)
    expect(b.y).toBeCloseTo(a.y * 2, 6)
  })
})

describe('clusterPoints', () => {
  // 12 points within ~200 m of each other, one 8 km away.
  const dense = Array.from({ length: 12 }, (_, i) => ({ id: `d${i}`, lat: 31.75 + (i % 4) * 0.0005, lng: 120.05 + Math.floor(i / 4) * 0.0005 }))
  const far = { id: 'far', lat: 31.75, lng: 120.13 }

  it('merges crowded points into one cluster at a low zoom and keeps a lone point alone', () => {
    const clusters = clusterPoints([...dense, far], 12)
    expect(clusters).toHaveLength(2)
    const big = clusters.find((c) => c.members.length > 1)!
    expect(big.members).toHaveLength(12)
    expect(big.key.startsWith('cluster:')).toBe(true)
    expect(big.lat).toBeCloseTo(31.75075, 5)
    expect(big.lng).toBeCloseTo(120.0505, 5)
    expect(clusters.find((c) => c.key === 'far')?.members).toEqual([far])
  })

  it('splits them again when zoomed in far enough', () => {
    const clusters = clusterPoints(dense, 19)
    expect(clusters).toHaveLength(12)
    expect(clusters.every((c) => c.members.length === 1)).toBe(true)
  })

  it('does not cluster fewer than minClusterSize points in a cell', () => {
    const three = dense.slice(0, 3)
    expect(clusterPoints(three, 10, { minClusterSize: 4 })).toHaveLength(3)
    expect(clusterPoints(three, 10, { minClusterSize: 3 })).toHaveLength(1)
  })

  it('keeps every point exactly once, and the nearest (first) point in the first group', () => {
    const points = [far, ...dense]
    for (const zoom of [3, 8, 12, 14, 16, 19]) {
      const clusters = clusterPoints(points, zoom)
      const ids = clusters.flatMap((c) => c.members.map((m) => m.id)).sort()
      expect(ids).toEqual(points.map((p) => p.id).sort())
      expect(clusters[0]?.members.some((m) => m.id === 'far')).toBe(true)
    }
  })

  it('gives a stable key for the same members', () => {
    const a = clusterPoints(dense, 12)[0]!.key
    const b = clusterPoints([...dense].reverse(), 12)[0]!.key
    expect(a).toBe(b)
  })
})

describe('boundsOf', () => {
  it('spans the points', () => {
    expect(boundsOf([{ lat: 1, lng: 5 }, { lat: -2, lng: 7 }])).toEqual({ south: -2, west: 5, north: 1, east: 7 })
    expect(boundsOf([])).toBeUndefined()
  })
})
