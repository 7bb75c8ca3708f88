/**
 * What the H5 maps share (components/help-map.h5.tsx for workers, inspector/components/claim-map.h5.tsx for
 * inspectors): a Leaflet map with the build's tiles, the visible area reported once panning and
 * zooming settle, dot and numbered cluster markers, popups that survive a redraw, "zoom to these points".
 *
 * IMPORT ONLY FROM `.h5` FILES: this module pulls in Leaflet, which must never reach the weapp
 * package (`npm run check:weapp` fails the build if it does).
 */
import * as L from 'leaflet'
import 'leaflet/dist/leaflet.css'
import { boundsOf, type LatLng, type ViewportBox } from './map-cluster'

/**
 * A map in `element` with the tiles chosen at build time (HUXIN_MAP_TILES). Without network the
 * tiles fail and the background stays grey: markers and lists still work, so tile errors are
 * ignored rather than shown.
 */
export function createTiledMap(element: HTMLElement, view: { centre: LatLng; zoom: number }): L.Map {
  const map = L.map(element, { zoomControl: true, attributionControl: true, maxZoom: HUXIN_MAP_TILES.maxZoom })
  map.setView([view.centre.lat, view.centre.lng], view.zoom)
  for (const layer of HUXIN_MAP_TILES.layers) {
    L.tileLayer(layer.url, {
      subdomains: layer.subdomains ?? 'abc',
      attribution: layer.attribution,
      maxZoom: HUXIN_MAP_TILES.maxZoom,
      crossOrigin: false,
    })
      .on('tileerror', () => {})
      .addTo(map)
  }
  map.attributionControl.setPrefix(false)
  // On the first press Leaflet focuses the map (for its arrow keys), then puts back the *window's*
  // scroll position. In Taro's H5 pages the page, not the window, scrolls: the focus scrolls a map
  // that reaches below the fold into view, and the marker under the pointer moves away before the
  // button comes up — the click is lost. Focusing it first without scrolling settles it (Leaflet
  // then sees the map focused and leaves it alone).
  const container = map.getContainer()
  container.addEventListener(
    'mousedown',
    () => {
      if (document.activeElement !== container) container.focus({ preventScroll: true })
    },
    true,
  )
  return map
}

export function viewportOf(map: L.Map): ViewportBox {
  const b = map.getBounds()
  return { west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() }
}

/**
 * Panning and zooming come in bursts: `onSettled` gets the visible area once they have stopped
 * for `delayMs`. Returns a function that cancels a pending call (call it before removing the map).
 */
export function onViewportSettled(map: L.Map, onSettled: (box: ViewportBox) => void, delayMs = 300): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  map.on('moveend', () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = undefined
      // While its page is hidden (Taro keeps it in the document, undisplayed) a resize leaves the
      // map no size, and its "visible area" a point: nothing worth asking the server about.
      const size = map.getSize()
      if (size.x > 0 && size.y > 0) onSettled(viewportOf(map))
    }, delayMs)
  })
  return () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
  }
}

/** Shows a box; when it is a single spot (zooming cannot separate its points) steps in anyway. */
export function zoomToBox(map: L.Map, box: ViewportBox, options: { padding?: [number, number]; maxZoom?: number } = {}): void {
  const maxZoom = Math.min(options.maxZoom ?? Infinity, map.getMaxZoom())
  const bounds = L.latLngBounds([box.south, box.west], [box.north, box.east])
  if (bounds.getNorthEast().equals(bounds.getSouthWest())) map.setView(bounds.getCenter(), Math.min(maxZoom, map.getZoom() + 2))
  else map.fitBounds(bounds, { padding: options.padding ?? [40, 40], maxZoom })
}

/** A round marker with a number (a cluster), keyboard-reachable, `title` read out. */
export function countMarker(at: LatLng, count: number, options: { title: string; className: string; countClassName: string }): L.Marker {
  return L.marker([at.lat, at.lng], {
    title: options.title,
    keyboard: true,
    icon: L.divIcon({
      className: options.className,
      html: `<span class="${options.countClassName}">${Math.floor(count)}</span>`,
      iconSize: [40, 40],
      iconAnchor: [20, 20],
    }),
  })
}

/** A numbered marker for points drawn together (`countMarker`); tapping it zooms in on them. */
export function clusterMarker(
  map: L.Map,
  cluster: LatLng & { members: readonly LatLng[] },
  options: { title: string; className: string; countClassName: string },
): L.Marker {
  const marker = countMarker(cluster, cluster.members.length, options)
  marker.on('click', () => {
    const box = boundsOf(cluster.members)
    if (box) zoomToBox(map, box)
  })
  return marker
}

/** A marker drawn as a dot (`html`, `className` from the page's CSS), keyboard-reachable, `title` read out. */
export function dotMarker(at: LatLng, options: { title: string; className: string; html: string; size: number }): L.Marker {
  const half = options.size / 2
  return L.marker([at.lat, at.lng], {
    title: options.title,
    keyboard: true,
    riseOnHover: true,
    icon: L.divIcon({
      className: options.className,
      html: options.html,
      iconSize: [options.size, options.size],
      iconAnchor: [half, half],
      popupAnchor: [0, -(half - 1)],
    }),
  })
}

/**
 * Popups that survive a redraw. Markers are redrawn wholesale (new answer, new zoom); removing a
 * marker closes its popup, and Leaflet says so. The keeper remembers which one the user had open
 * and opens it again on the marker that comes back with the same id.
 */
export function createPopupKeeper() {
  let openId: string | undefined
  return {
    /** Empties the layer, still remembering the popup that was open. */
    clear(group: L.LayerGroup): void {
      const keep = openId
      group.clearLayers()
      openId = keep
    },
    /** Adds a marker with its popup; opens it when it is the one that was open. */
    add(group: L.LayerGroup, marker: L.Marker, id: string, content: HTMLElement): void {
      marker.bindPopup(content, { closeButton: true, autoPanPadding: [16, 16] })
      marker.on('popupopen', () => (openId = id))
      marker.on('popupclose', () => {
        if (openId === id) openId = undefined
      })
      group.addLayer(marker)
      if (openId === id) marker.openPopup()
    },
  }
}
