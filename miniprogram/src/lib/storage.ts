/**
 * The phone's storage (wx.setStorageSync; localStorage in H5, where Taro wraps each value as
 * `{"data": …}`). Every call is guarded: storage can be full or unavailable (private browsing), and
 * the app must keep working without it.
 */
import Taro from '@tarojs/taro'

export function readStorage(key: string): unknown {
  try {
    const value: unknown = Taro.getStorageSync(key)
    // Taro answers '' for a missing key.
    return value === '' ? undefined : value
  } catch {
    return undefined
  }
}

export function writeStorage(key: string, value: unknown): boolean {
  try {
    Taro.setStorageSync(key, value)
    return true
  } catch {
    return false
  }
}

export function removeStorage(key: string): void {
  try {
    Taro.removeStorageSync(key)
  } catch {
    // see writeStorage
  }
}
