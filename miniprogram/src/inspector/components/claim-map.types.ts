/**
 * The inspectors' map of open claims (inspector/map, whose list is the complete alternative), one
 * implementation per platform (STYLE.md):
 * - `claim-map.h5.tsx`: Leaflet on WGS-84 with the build's tiles (lib/leaflet-map, shared with the
 *   workers' help map), markers coloured by status and deadline, clusters where they crowd (the
 *   server's grid cells when it sent counts, else lib/map-cluster), the visible area reported
 *   after each pan or zoom so the page loads the claims in it.
 * - `claim-map.weapp.tsx`: no map (staff work on a desktop browser); it reports the whole zone
 *   once, so the list — the complete alternative to the map — still fills.
 * Leaflet is imported only by the .h5 file, so it never reaches the weapp package.
 */
import type { ClaimMapCluster, ClaimMapItem } from '@huxin/shared/schemas/claim-map'
import type { ViewportBox } from '../../lib/map-cluster'

export interface ClaimMapProps {
  /** Claims in view, one marker each (crowded ones clustered on screen). */
  items: readonly ClaimMapItem[]
  /** The server's grid cells when too many claims are in view to list (`truncated`). */
  clusters: readonly ClaimMapCluster[]
  /** The first view, before any answer. */
  initialBox: ViewportBox
  /** Show this box whenever `key` changes (the first answer's extent; "放大这一片" in the list). */
  show?: { key: string; box: ViewportBox }
  /** The popup's "打开案件". */
  onOpen: (id: string) => void
  /** The visible area: once at the start, then after every pan or zoom settles. */
  onViewportChange: (box: ViewportBox) => void
}
