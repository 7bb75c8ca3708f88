/**
 * The map of help points, one implementation per platform (STYLE.md; WECHAT.md, Packages):
 * - `help-map.weapp.tsx`: WeChat's native `<map>` (Taro `<Map>`), GCJ-02 markers from the API's
 *   `gcj02`, callouts, `include-points` around the worker and the nearest points.
 * - `help-map.h5.tsx`: Leaflet on WGS-84 (OpenStreetMap and Tianditu tiles are WGS-84/CGCS2000),
 *   tiles from the build's HUXIN_MAP_TILES, grid clustering when markers crowd; markers and the
 *   list keep working when no tile loads.
 * Leaflet is imported only by the .h5 file, so it never reaches the weapp package.
 * The list under the map (pages/help/map) is the complete alternative to this picture.
 */
import type { HelpPointItem } from '../api/help-points-types'
import type { ViewportBox } from '../lib/map-cluster'

export interface HelpMapProps {
  points: readonly HelpPointItem[]
  /** The worker's position (WGS-84), or the centre of the town they picked. */
  centre: { lat: number; lng: number }
  /** True when `centre` is where the phone is (drawn as "您在这里"), false for a picked town. */
  centreIsWorker: boolean
  /** Tapping a marker's callout / popup link opens the point's detail. */
  onOpen: (id: string) => void
  /**
   * H5: the visible area (WGS-84) after the worker panned or zoomed, so the page can load the
   * points in it (`GET /api/v1/help-points?bbox=`). The weapp map shows the nearest points only.
   */
  onViewportChange?: (box: ViewportBox) => void
}

export type { ViewportBox } from '../lib/map-cluster'

/** How many of the nearest points the first view must show with the worker. */
export const INCLUDE_NEAREST = 5
