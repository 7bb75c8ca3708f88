/**
 * Picking where the work was on a map (the wizard's 工作地点, issue 14), one implementation per platform:
 * - `site-picker.h5.tsx`: Leaflet (the help map's setup, lib/leaflet-map.ts): tap the map, or move
 *   the map and press 选地图中间的位置 (keyboard and screen-reader users), WGS-84.
 * - `site-picker.weapp.tsx`: WeChat's own place chooser (`chooseLocation`, GCJ-02, converted to
 *   WGS-84 with shared/domain/coordinates), which also gives the place's address.
 * Leaflet is imported only by the .h5 file, so it never reaches the weapp package.
 */
export interface SitePoint {
  lat: number
  lng: number
}

export interface SitePickerProps {
  /** The point picked so far (WGS-84), drawn as the marker. */
  value: SitePoint | undefined
  /** Where the map opens when nothing is picked yet: the town chosen above, else the district. */
  centre: SitePoint
  /** A point was picked; `address` when the platform's chooser knows it. */
  onPick: (point: SitePoint, address?: string) => void
  /** weapp: the chooser failed for a reason worth saying (privacy refused …). */
  onProblem: (message: string) => void
}
