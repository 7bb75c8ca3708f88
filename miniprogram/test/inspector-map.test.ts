import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { ClaimMapItem } from '@huxin/shared/schemas/claim-map'
import { TOWN_CENTRES } from '@huxin/shared/domain/town-centres'
import { evidenceFileLabel, fileSize } from '../src/components/evidence-file.types'
import { answerBox, clusterLabel, mapBboxParam, mapRow, markerTone, zoneBox } from '../src/inspector/claim-map'
import { INSPECTOR_PAGES } from '../src/inspector/routes'

const item = (overrides: Partial<ClaimMapItem> = {}): ClaimMapItem => ({
  id: '0190a4c2-0000-7000-8000-000000000001',
  reference: 'JK-20261128-0001',
  status: 'submitted',
  town: 'henglin',
  employerName: '常州某某建筑劳务有限公司',
  amountOwedFen: 1_234_500,
  workersCount: 6,
  isGroupCase: true,
  site: { lat: 31.7402, lng: 120.1462, address: '横林镇某路 8 号' },
  acceptDueAt: '2026-12-04T15:59:59.000Z',
  dueAt: '2026-12-04T15:59:59.000Z',
  overdue: false,
  assignedToMe: false,
  ...overrides,
})

describe('the claim map', () => {
  it('colours a marker by deadline first, then by where the case stands', () => {
    expect(markerTone({ status: 'accepted', overdue: true })).toBe('overdue')
    expect(markerTone({ status: 'submitted', overdue: false })).toBe('waiting')
    expect(markerTone({ status: 'investigating', overdue: false })).toBe('working')
    expect(markerTone({ status: 'mediating', overdue: false })).toBe('working')
    expect(markerTone({ status: 'ordered_to_pay', overdue: false })).toBe('ordered')
  })

  it('asks for the box west,south,east,north (longitudes first, as the API parses it), rounded outwards and within what the API accepts', () => {
    expect(mapBboxParam({ south: 31.7000004, west: 120.0000006, north: 31.8000004, east: 120.1000006 })).toBe('120,31.7,120.100001,31.800001')
    // A world view from Leaflet reaches past ±180°.
    expect(mapBboxParam({ south: -95, west: -540, north: 95, east: 540 })).toBe('-180,-90,180,90')
  })

  it('starts from the whole development zone and fits the first answer', () => {
    const zone = zoneBox()
    for (const centre of Object.values(TOWN_CENTRES)) {
      expect(centre.lat).toBeGreaterThan(zone.south)
      expect(centre.lat).toBeLessThan(zone.north)
      expect(centre.lng).toBeGreaterThan(zone.west)
      expect(centre.lng).toBeLessThan(zone.east)
    }
    expect(answerBox([], [])).toBeUndefined()
    const cell = { key: 'c', lat: 31.5, lng: 120.5, count: 400, overdueCount: 3, bounds: { south: 31.5, west: 120.5, north: 31.75, east: 120.75 } }
    expect(answerBox([item()], [cell])).toEqual({ south: 31.5, west: 120.1462, north: 31.75, east: 120.75 })
  })

  it('says in one sentence what the marker shows, and nothing about the claimant', () => {
    const row = mapRow(item())
    expect(row).toMatchObject({ tone: 'waiting', status: '已提交，等待受理', employer: '常州某某建筑劳务有限公司' })
    expect(row.facts).toBe('横林镇 · 6 人 · 欠薪 12,345.00 元 · 群体性')
    expect(row.deadline).toBe('期限 2026年12月4日')
    expect(row.ariaLabel).toBe(
      'JK-20261128-0001，已提交，等待受理，常州某某建筑劳务有限公司，横林镇 · 6 人 · 欠薪 12,345.00 元 · 群体性，期限 2026年12月4日，地点 横林镇某路 8 号',
    )
    const late = mapRow(item({ status: 'accepted', overdue: true, assignedToMe: true, isGroupCase: false, site: { lat: 31, lng: 120 } }))
    expect(late.tone).toBe('overdue')
    expect(late.deadline).toBe('已逾期（期限 2026年12月4日）')
    expect(late.address).toBeUndefined()
    expect(late.ariaLabel.endsWith('由您负责')).toBe(true)
    expect(clusterLabel({ count: 12, overdueCount: 0 })).toBe('这一片有 12 件')
    expect(clusterLabel({ count: 12, overdueCount: 2 })).toBe('这一片有 12 件（其中逾期 2 件）')
  })

  it('is a page of the inspector subpackage', () => {
    const here = path.dirname(fileURLToPath(import.meta.url))
    const config = readFileSync(path.join(here, '../src/app.config.ts'), 'utf8')
    expect(INSPECTOR_PAGES.map).toBe('/inspector/map/index')
    expect(config).toMatch(/root: 'inspector',\s*pages: \[[^\]]*'map\/index'/)
  })
})

describe('evidence files', () => {
  it('names a file by kind and size', () => {
    expect(fileSize(830)).toBe('830 B')
    expect(fileSize(12_345)).toBe('12 KB')
    expect(fileSize(1_572_864)).toBe('1.5 MB')
    expect(evidenceFileLabel({ mime: 'application/pdf', size: 2048, fileName: 'contract.pdf' })).toBe('contract.pdf · PDF 文件 · 2 KB')
    expect(evidenceFileLabel({ mime: 'image/heic', size: 2048 })).toBe('照片（HEIC） · 2 KB')
  })
})
