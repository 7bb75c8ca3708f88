import * as L from 'leaflet'
import { useDidShow } from '@tarojs/taro'
import { useEffect, useRef } from 'react'
import { PROJECT_DEPOSIT_STATUS_LABELS } from '@huxin/shared/schemas/project'
import { createTiledMap, dotMarker, zoomToBox } from '../../lib/leaflet-map'
import { zoneBox } from '../claim-map'
import type { ProjectMapProps } from './project-map.types'
import './claim-map.css'

function text(tag: string, className: string, content: string): HTMLElement {
  const element = document.createElement(tag)
  element.className = className
  element.textContent = content
  return element
}

/** The projects with a site, one dot each; the popup opens the project (built as DOM, never HTML). */
export function ProjectMap({ projects, onOpen }: ProjectMapProps) {
  const element = useRef<HTMLDivElement>(null)
  const map = useRef<L.Map>()
  const layer = useRef<L.LayerGroup>()
  const open = useRef(onOpen)
  open.current = onOpen

  useEffect(() => {
    if (!element.current) return
    const m = createTiledMap(element.current, { centre: { lat: 0, lng: 0 }, zoom: 2 })
    zoomToBox(m, zoneBox(), { padding: [8, 8] })
    layer.current = L.layerGroup().addTo(m)
    map.current = m
    return () => {
      m.remove()
      map.current = undefined
      layer.current = undefined
    }
  }, [])
  useDidShow(() => map.current?.invalidateSize())

  useEffect(() => {
    const group = layer.current
    if (!group) return
    group.clearLayers()
    for (const p of projects) {
      if (p.site.lat === null || p.site.lng === null) continue
      const marker = dotMarker(
        { lat: p.site.lat, lng: p.site.lng },
        { title: p.name, className: 'claim-marker project-marker', html: `<span class="claim-marker-dot" data-project-id="${p.id}"></span>`, size: 28 },
      )
      const box = document.createElement('div')
      box.className = 'claim-popup'
      box.append(
        text('div', 'claim-popup-reference', p.name),
        text('div', 'claim-popup-employer', `总包 ${p.generalContractor.name}`),
        text('div', 'claim-popup-facts', `保证金${PROJECT_DEPOSIT_STATUS_LABELS[p.deposit.status]}`),
      )
      const button = text('button', 'claim-popup-open', '查看项目')
      button.setAttribute('type', 'button')
      button.addEventListener('click', () => open.current(p.id))
      box.append(button)
      marker.bindPopup(box)
      group.addLayer(marker)
    }
  }, [projects])

  return <div ref={element} id='project-map' className='claim-map' role='region' aria-label='工程项目地图（上方列表内容相同）' />
}
