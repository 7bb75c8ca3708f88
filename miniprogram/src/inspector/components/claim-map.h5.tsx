import * as L from 'leaflet'
import { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { ClaimMapItem } from '@huxin/shared/schemas/claim-map'
import { clusterMarker, countMarker, createPopupKeeper, createTiledMap, dotMarker, onViewportSettled, viewportOf, zoomToBox } from '../../lib/leaflet-map'
import { clusterPoints } from '../../lib/map-cluster'
import { clusterLabel, mapRow } from '../claim-map'
import type { ClaimMapProps } from './claim-map.types'
import './claim-map.css'

/** On screen, at least this many markers within 60 px become one numbered marker. */
const MIN_CLUSTER_SIZE = 4

function text(tag: string, className: string, content: string): HTMLElement {
  const element = document.createElement(tag)
  element.className = className
  element.textContent = content
  return element
}

/** A marker's popup, built as DOM: employer names and addresses come from workers, never as HTML. */
function popupContent(item: ClaimMapItem, onOpen: (id: string) => void): HTMLElement {
  const row = mapRow(item)
  const box = document.createElement('div')
  box.className = 'claim-popup'
  box.append(
    text('div', 'claim-popup-reference', row.reference),
    text('div', `claim-popup-status claim-popup-status--${row.tone}`, `${row.status} · ${row.deadline}`),
    text('div', 'claim-popup-employer', row.employer),
    text('div', 'claim-popup-facts', row.facts),
  )
  if (row.address) box.append(text('div', 'claim-popup-address', row.address))
  const button = text('button', 'claim-popup-open', '打开案件')
  button.setAttribute('type', 'button')
  button.addEventListener('click', () => onOpen(item.id))
  box.append(button)
  return box
}

/**
 * Leaflet on WGS-84 (claim-map.types.ts). The map is made once; markers are redrawn when the
 * answer or the zoom changes; the page hears of every settled pan or zoom and loads that area.
 */
export function ClaimMap({ items, clusters, initialBox, show, onOpen, onViewportChange }: ClaimMapProps) {
  const element = useRef<HTMLDivElement>(null)
  const map = useRef<L.Map>()
  const layer = useRef<L.LayerGroup>()
  const [popups] = useState(createPopupKeeper)
  const latest = useRef({ items, clusters, onOpen, onViewportChange })
  latest.current = { items, clusters, onOpen, onViewportChange }

  const drawn = useRef('')

  function drawMarkers() {
    const m = map.current
    const group = layer.current
    if (!m || !group) return
    const { items: current, clusters: cells, onOpen: open } = latest.current
    // Each pan brings a new answer, mostly the same claims: redraw only what changed, so an open
    // popup and the marker under the pointer stay put.
    const signature = [
      m.getZoom(),
      ...cells.map((c) => `${c.key}:${c.count}:${c.overdueCount}`),
      ...current.map((i) => `${i.id}:${i.status}:${i.overdue}:${i.site.lat}:${i.site.lng}`),
    ].join('|')
    if (signature === drawn.current) return
    drawn.current = signature
    popups.clear(group)
    // The server counted the claims in grid cells: one numbered marker per cell.
    for (const cell of cells) {
      const marker = countMarker(cell, cell.count, {
        title: `${clusterLabel(cell)}，点一下放大`,
        className: `claim-cluster${cell.overdueCount > 0 ? ' claim-cluster--overdue' : ''}`,
        countClassName: 'claim-cluster-count',
      })
      marker.on('click', () => zoomToBox(m, cell.bounds, { padding: [20, 20] }))
      group.addLayer(marker)
    }
    const inputs = current.map((item) => ({ id: item.id, lat: item.site.lat, lng: item.site.lng, item }))
    for (const cluster of clusterPoints(inputs, m.getZoom(), { minClusterSize: MIN_CLUSTER_SIZE })) {
      if (cluster.members.length === 1) {
        const { item } = cluster.members[0] as (typeof inputs)[number]
        const row = mapRow(item)
        const marker = dotMarker(item.site, {
          title: row.ariaLabel,
          className: `claim-marker claim-marker--${row.tone}`,
          html: `<span class="claim-marker-dot" data-claim-id="${item.id}" data-tone="${row.tone}"></span>`,
          size: 28,
        })
        popups.add(group, marker, item.id, popupContent(item, open))
      } else {
        const overdue = cluster.members.filter((member) => member.item.overdue).length
        const marker = clusterMarker(m, cluster, {
          title: `${clusterLabel({ count: cluster.members.length, overdueCount: overdue })}，点一下放大`,
          className: `claim-cluster${overdue > 0 ? ' claim-cluster--overdue' : ''}`,
          countClassName: 'claim-cluster-count',
        })
        group.addLayer(marker)
      }
    }
  }

  // The map itself, once; the first area is reported at once, later ones when a move settles.
  useEffect(() => {
    if (!element.current) return
    const m = createTiledMap(element.current, { centre: { lat: 0, lng: 0 }, zoom: 2 })
    m.fitBounds(
      L.latLngBounds([initialBox.south, initialBox.west], [initialBox.north, initialBox.east]),
      { padding: [8, 8] },
    )
    layer.current = L.layerGroup().addTo(m)
    m.on('zoomend', drawMarkers)
    const stopViewport = onViewportSettled(m, (box) => latest.current.onViewportChange(box))
    map.current = m
    latest.current.onViewportChange(viewportOf(m))
    return () => {
      stopViewport()
      m.remove()
      map.current = undefined
      layer.current = undefined
    }
    // Made once; later props arrive through the effects below.
  }, [])

  // Taro keeps a page in the document while another is shown; the window may have changed size.
  useDidShow(() => map.current?.invalidateSize())

  useEffect(drawMarkers, [items, clusters])

  const shownKey = useRef<string | undefined>()
  useEffect(() => {
    const m = map.current
    if (!m || !show || show.key === shownKey.current) return
    shownKey.current = show.key
    // Never closer than a few streets: two claims side by side need no street-level view.
    zoomToBox(m, show.box, { padding: [32, 32], maxZoom: 16 })
  }, [show])

  return <div ref={element} id='claim-map' className='claim-map' role='region' aria-label='案件地图（下方列表内容相同）' />
}
