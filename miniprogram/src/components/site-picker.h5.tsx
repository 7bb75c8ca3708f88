import * as L from 'leaflet'
import { useEffect, useRef } from 'react'
import { createTiledMap } from '../lib/leaflet-map'
import { ActionButton } from './action-button'
import type { SitePickerProps } from './site-picker.types'
import './site-picker.css'

const ZOOM = 15

/**
 * Leaflet on WGS-84: a tap on the map puts the marker there; 选地图中间的位置 takes the centre
 * (the map pans with the arrow keys once focused, so a keyboard can pick a point too).
 */
export function SitePicker({ value, centre, onPick }: SitePickerProps) {
  const element = useRef<HTMLDivElement>(null)
  const map = useRef<L.Map>()
  const marker = useRef<L.CircleMarker>()
  const latest = useRef(onPick)
  latest.current = onPick

  useEffect(() => {
    if (!element.current) return
    const start = value ?? centre
    const m = createTiledMap(element.current, { centre: start, zoom: ZOOM })
    m.on('click', (event: L.LeafletMouseEvent) => latest.current({ lat: event.latlng.lat, lng: event.latlng.lng }))
    map.current = m
    return () => {
      m.remove()
      map.current = undefined
      marker.current = undefined
    }
    // Created once; the marker follows `value` below.
  }, [])

  // A new town chosen above moves an empty map there.
  useEffect(() => {
    if (!value) map.current?.setView([centre.lat, centre.lng], ZOOM)
  }, [centre.lat, centre.lng])

  useEffect(() => {
    const m = map.current
    if (!m) return
    marker.current?.remove()
    marker.current = undefined
    if (!value) return
    marker.current = L.circleMarker([value.lat, value.lng], {
      radius: 11,
      color: '#ffffff',
      weight: 3,
      fillColor: '#d4380d',
      fillOpacity: 1,
      className: 'site-marker',
    }).addTo(m)
    if (!m.getBounds().contains([value.lat, value.lng])) m.setView([value.lat, value.lng], m.getZoom())
  }, [value?.lat, value?.lng])

  return (
    <div className='site-picker'>
      <div ref={element} id='site-map-canvas' className='site-map' role='region' aria-label='选择工作地点的地图：点一下地图标出位置' />
      <ActionButton
        id='site-pick-centre'
        className='hx-button hx-button--secondary site-button'
        onClick={() => {
          const c = map.current?.getCenter()
          if (c) latest.current({ lat: c.lat, lng: c.lng })
        }}
      >
        选地图中间的位置
      </ActionButton>
    </div>
  )
}
