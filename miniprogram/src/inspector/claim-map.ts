/**
 * The inspectors' map of open claims (inspector/map), the parts without Taro, DOM or Leaflet:
 * marker colours, list rows and their spoken text, the box sent to `GET /api/v1/claims/map`, and
 * the first view. Unit-tested in test/inspector-map.test.ts.
 */
import type { ClaimMapCluster, ClaimMapItem } from '@huxin/shared/schemas/claim-map'
import { CLAIM_STATUS_LABELS } from '@huxin/shared/domain/claim-status'
import { TOWN_CENTRES } from '@huxin/shared/domain/town-centres'
import { townName } from '@huxin/shared/domain/towns'
import { formatShanghaiDate } from '../lib/dates'
import type { ViewportBox } from '../lib/map-cluster'
import { yuan } from './case'

/** What a marker's colour says: overdue beats everything; else where the case stands. */
export type MarkerTone = 'overdue' | 'waiting' | 'working' | 'ordered'

export const TONE_LABELS: Record<MarkerTone, string> = {
  overdue: '已逾期',
  waiting: '待受理',
  working: '办理中',
  ordered: '已责令支付',
}

/** The legend's order. */
export const TONES: readonly MarkerTone[] = ['overdue', 'waiting', 'working', 'ordered']

export function markerTone(item: Pick<ClaimMapItem, 'status' | 'overdue'>): MarkerTone {
  if (item.overdue) return 'overdue'
  if (item.status === 'submitted') return 'waiting'
  if (item.status === 'ordered_to_pay') return 'ordered'
  return 'working'
}

const round6 = (value: number) => Number(value.toFixed(6))

/**
 * The `bbox` query value: minLng,minLat,maxLng,maxLat (west,south,east,north, as the help points'),
 * clamped to what the API accepts (a world-wide view reaches past ±180°) and rounded outwards.
 */
export function mapBboxParam(box: ViewportBox): string {
  const clamp = (value: number, limit: number) => Math.max(-limit, Math.min(limit, value))
  const south = Math.floor(clamp(box.south, 90) * 1e6) / 1e6
  const west = Math.floor(clamp(box.west, 180) * 1e6) / 1e6
  const north = Math.ceil(clamp(box.north, 90) * 1e6) / 1e6
  const east = Math.ceil(clamp(box.east, 180) * 1e6) / 1e6
  return [west, south, east, north].map(round6).join(',')
}

/** The development zone: every town centre with a margin, the view before any answer came. */
export function zoneBox(margin = 0.03): ViewportBox {
  const centres = Object.values(TOWN_CENTRES)
  return {
    south: Math.min(...centres.map((c) => c.lat)) - margin,
    west: Math.min(...centres.map((c) => c.lng)) - margin,
    north: Math.max(...centres.map((c) => c.lat)) + margin,
    east: Math.max(...centres.map((c) => c.lng)) + margin,
  }
}

/** The box around every claim and cell of an answer (to fit the first view to); undefined if none. */
export function answerBox(items: readonly ClaimMapItem[], clusters: readonly ClaimMapCluster[]): ViewportBox | undefined {
  const boxes: ViewportBox[] = [
    ...items.map((i) => ({ south: i.site.lat, west: i.site.lng, north: i.site.lat, east: i.site.lng })),
    ...clusters.map((c) => c.bounds),
  ]
  if (boxes.length === 0) return undefined
  return {
    south: Math.min(...boxes.map((b) => b.south)),
    west: Math.min(...boxes.map((b) => b.west)),
    north: Math.max(...boxes.map((b) => b.north)),
    east: Math.max(...boxes.map((b) => b.east)),
  }
}

export interface MapRow {
  id: string
  reference: string
  tone: MarkerTone
  status: string
  employer: string
  facts: string
  deadline: string
  address: string | undefined
  /** One sentence for screen readers: the row says everything the marker does. */
  ariaLabel: string
}

export function mapRow(item: ClaimMapItem): MapRow {
  const tone = markerTone(item)
  const status = CLAIM_STATUS_LABELS[item.status]
  const town = townName(item.town) ?? item.town
  const facts = `${town} · ${item.workersCount} 人 · 欠薪 ${yuan(item.amountOwedFen)}${item.isGroupCase ? ' · 群体性' : ''}`
  const due = item.dueAt ? formatShanghaiDate(item.dueAt) : undefined
  const deadline = item.overdue ? `已逾期（期限 ${due ?? ''}）` : due ? `期限 ${due}` : '无期限'
  const address = item.site.address
  return {
    id: item.id,
    reference: item.reference,
    tone,
    status,
    employer: item.employerName,
    facts,
    deadline,
    address,
    ariaLabel: [item.reference, status, item.employerName, facts, deadline, address ? `地点 ${address}` : undefined, item.assignedToMe ? '由您负责' : undefined]
      .filter(Boolean)
      .join('，'),
  }
}

export function clusterLabel(cluster: Pick<ClaimMapCluster, 'count' | 'overdueCount'>): string {
  return `这一片有 ${cluster.count} 件${cluster.overdueCount > 0 ? `（其中逾期 ${cluster.overdueCount} 件）` : ''}`
}
