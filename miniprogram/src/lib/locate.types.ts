/**
 * The worker's position in WGS-84 (what the API takes), one implementation per platform:
 * - `locate.weapp.ts`: `Taro.getLocation({ type: 'wgs84' })`, declared in app.config.ts
 *   (`requiredPrivateInfos`, `permission['scope.userLocation']`) and asked behind the privacy
 *   authorization (lib/privacy.weapp.ts, components/privacy-sheet.weapp.tsx).
 * - `locate.h5.ts`: the browser's `navigator.geolocation` (WGS-84 by the W3C spec).
 * Never throws: a refusal or a phone without a fix gives a reason, and the page offers the towns.
 */
export type LocateResult =
  | { ok: true; lat: number; lng: number }
  | { ok: false; reason: 'denied' | 'unavailable' }

export type LocateWorker = () => Promise<LocateResult>

/** A fix may take a while indoors; past this the worker picks a town instead. */
export const LOCATE_TIMEOUT_MS = 12_000
