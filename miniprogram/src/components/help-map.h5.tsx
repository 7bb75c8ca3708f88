import * as L from 'leaflet'
import { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { HelpPointItem } from '../api/help-points-types'
import { pointsToShowFirst, STATUS_LABELS, statusTone } from '../lib/help-points'
import { clusterMarker, createPopupKeeper, createTiledMap, dotMarker, onViewportSettled } from '../lib/leaflet-map'
import { clusterPoints } from '../lib/map-cluster'
import { INCLUDE_NEAREST, type HelpMapProps } from './help-map.types'
import './help-map.css'

/** Clusters form only where at least this many markers share a 60-px cell. */
const MIN_CLUSTER_SIZE = 4
const DEFAULT_ZOOM = 14

function text(tag: string, className: string, content: string): HTMLElement {
  const element = document.createElement(tag)
  element.className = className
  element.textContent = content
  return element
}

/** The popup of a marker, built as DOM (names come from staff input: never as HTML). */
function popupContent(point: HelpPointItem, onOpen: (id: string) => void): HTMLElement {
  const box = document.createElement('div')
  box.className = 'help-popup'
  box.append(
    text('div', 'help-popup-name', point.name),
    text('div', 'help-popup-status', `${point.openNow ? '营业中' : '已下班'} · ${STATUS_LABELS[point.status]}`),
  )
  const button = text('button', 'help-popup-open', '看详情、打电话、导航')
  button.setAttribute('type', 'button')
  button.addEventListener('click', () => onOpen(point.id))
  box.append(button)
  return box
}

/**
 * Leaflet on WGS-84 (see help-map.types.ts). Created once; markers are redrawn when the points or
 * the zoom change (a live status change recolours its marker in place). The view is fitted to the
 * worker and the nearest points only when those change, never on a status change.
 */
export function HelpMap({ points, centre, centreIsWorker, onOpen, onViewportChange }: HelpMapProps) {
  const element = useRef<HTMLDivElement>(null)
  const map = useRef<L.Map>()
  const markers = useRef<L.LayerGroup>()
  const here = useRef<L.Layer>()
  const fitted = useRef('')
  const [popups] = useState(createPopupKeeper)
  const latest = useRef({ points, onOpen, onViewportChange })
  latest.current = { points, onOpen, onViewportChange }

  function drawMarkers() {
    const m = map.current
    const group = markers.current
    if (!m || !group) return
    popups.clear(group)
    const { points: current, onOpen: open } = latest.current
    const inputs = current.map((point) => ({ id: point.id, lat: point.location.lat, lng: point.location.lng, point }))
    for (const cluster of clusterPoints(inputs, m.getZoom(), { minClusterSize: MIN_CLUSTER_SIZE })) {
      if (cluster.members.length === 1) {
        const { point } = cluster.members[0] as (typeof inputs)[number]
        const tone = statusTone(point.status)
        const marker = dotMarker(point.location, {
          title: `${point.name}，${STATUS_LABELS[point.status]}`,
          className: `help-marker help-marker--${tone}`,
          html: `<span class="help-marker-dot" data-point-id="${point.id}" data-status="${point.status}"></span>`,
          size: 30,
        })
        popups.add(group, marker, point.id, popupContent(point, open))
      } else {
        const marker = clusterMarker(m, cluster, {
          title: `这里有 ${cluster.members.length} 个地点，点一下放大`,
          className: 'help-cluster',
          countClassName: 'help-cluster-count',
        })
        group.addLayer(marker)
      }
    }
  }

  // The map itself, once.
  useEffect(() => {
    if (!element.current) return
    const m = createTiledMap(element.current, { centre, zoom: DEFAULT_ZOOM })
    markers.current = L.layerGroup().addTo(m)
    m.on('zoomend', drawMarkers)
    const stopViewport = onViewportSettled(m, (box) => latest.current.onViewportChange?.(box))
    map.current = m
    drawMarkers()
    return () => {
      stopViewport()
      m.remove()
      map.current = undefined
      markers.current = undefined
    }
    // Created once; later props arrive through the effects below.
  }, [])

  // Taro keeps a tab page in the document while another is shown; the window may have changed size
  // meanwhile, and Leaflet measures its box only when told.
  useDidShow(() => map.current?.invalidateSize())

  // Markers follow the points (and their live status).
  useEffect(drawMarkers, [points])

  // The worker's spot, and the first view: the worker and the nearest points.
  useEffect(() => {
    const m = map.current
    if (!m) return
    here.current?.remove()
    here.current = L.circleMarker([centre.lat, centre.lng], {
      radius: 9,
      color: '#ffffff',
      weight: 3,
      fillColor: centreIsWorker ? '#d4380d' : '#4a5361',
      fillOpacity: 1,
      className: 'help-here',
    })
      .bindTooltip(centreIsWorker ? '您在这里' : '您选的地方', { permanent: false })
      .addTo(m)
    const nearest = pointsToShowFirst(points, INCLUDE_NEAREST)
    const key = `${centre.lat},${centre.lng}|${nearest.map((p) => p.id).join(',')}`
    if (key === fitted.current) return
    fitted.current = key
    if (nearest.length === 0) {
      m.setView([centre.lat, centre.lng], DEFAULT_ZOOM)
      return
    }
    const bounds = L.latLngBounds([[centre.lat, centre.lng], ...nearest.map((p): [number, number] => [p.location.lat, p.location.lng])])
    // The zoom control sits in the top-left corner: keep the worker's dot and the points clear of it.
    m.fitBounds(bounds, { paddingTopLeft: [64, 96], paddingBottomRight: [32, 32], maxZoom: 16 })
  }, [centre, centreIsWorker, points])

  return <div ref={element} id='help-map' className='help-map help-map--web' role='region' aria-label='附近求助地点地图（下方列表内容相同）' />
}
