/**
 * WeChat: https://developers.weixin.qq.com/miniprogram/dev/api/location/wx.getLocation.html
 * 'wgs84' because the API takes WGS-84; the map converts to GCJ-02 itself (the API's `gcj02`).
 * Failures: "getLocation:fail auth deny" / "authorize no response" (the worker said no),
 * "privacy permission is not authorized" (refused the privacy guide), "system permission denied"
 * or "ERROR_NOCELL&WIFI_LOCATIONSWITCHOFF" (location off on the phone).
 */
import Taro from '@tarojs/taro'
import { LOCATE_TIMEOUT_MS, type LocateWorker } from './locate.types'

export const locateWorker: LocateWorker = async () => {
  try {
    const result = await Promise.race([
      Taro.getLocation({ type: 'wgs84' }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('getLocation:fail timeout')), LOCATE_TIMEOUT_MS)),
    ])
    return { ok: true, lat: result.latitude, lng: result.longitude }
  } catch (error) {
    const message = typeof error === 'object' && error !== null && 'errMsg' in error ? String((error as { errMsg: unknown }).errMsg) : String(error)
    return { ok: false, reason: /auth|privacy|permission/i.test(message) ? 'denied' : 'unavailable' }
  }
}
