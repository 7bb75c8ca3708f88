/**
 * Calling and going to a help point, one implementation per platform (STYLE.md):
 * - `help-point-actions.weapp.tsx`: `Taro.makePhoneCall`, and `Taro.openLocation` with the GCJ-02
 *   position (WeChat's map app takes GCJ-02: WECHAT.md, Map).
 * - `help-point-actions.h5.tsx`: a `tel:` link, and a link to AMap's marker page (GCJ-02 too).
 */
export interface HelpPointCallProps {
  phone: string
  /** What the button says, e.g. 打电话 0519-12345678. */
  label: string
  className?: string
  id?: string
}

export interface HelpPointNavigateProps {
  name: string
  address: string | null
  gcj02: { lat: number; lng: number }
  className?: string
  id?: string
}

/** Digits and + only: what a dialler accepts (0519-1234 5678 → 051912345678). */
export function dialable(phone: string): string {
  return phone.replace(/[^0-9+]/g, '')
}

/** AMap's public marker page (opens the AMap app where installed); GCJ-02 `lng,lat`. */
export function amapMarkerUrl(name: string, gcj02: { lat: number; lng: number }): string {
  const position = `${gcj02.lng.toFixed(6)},${gcj02.lat.toFixed(6)}`
  return `https://uri.amap.com/marker?position=${position}&name=${encodeURIComponent(name)}&coordinate=gaode&callnative=1`
}
