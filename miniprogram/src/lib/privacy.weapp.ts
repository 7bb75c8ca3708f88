/**
 * WeChat: answers `wx.onNeedPrivacyAuthorization` through the sheet of the page on screen.
 * https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html
 * A refusal makes the pending call fail ("privacy permission is not authorized"): the app keeps
 * working without photos.
 */
import Taro from '@tarojs/taro'
import { PRIVACY_AGREE_BUTTON_ID, type PrivacyGate } from './privacy.types'

type Resolve = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => void

let pending: Resolve | undefined
let installed = false
const listeners = new Set<(asking: boolean) => void>()

export const privacyGate: PrivacyGate = {
  install() {
    if (installed || typeof Taro.onNeedPrivacyAuthorization !== 'function') return
    installed = true
    Taro.onNeedPrivacyAuthorization((resolve) => {
      if (listeners.size === 0) {
        // No page can show the sheet: refuse this call rather than leave it hanging.
        resolve({ event: 'disagree' })
        return
      }
      pending = resolve
      resolve({ event: 'exposureAuthorization' })
      listeners.forEach((listener) => listener(true))
    })
  },
  subscribe(listener) {
    listeners.add(listener)
    if (pending) listener(true)
    return () => {
      listeners.delete(listener)
    }
  },
  answer(agreed, buttonId = PRIVACY_AGREE_BUTTON_ID) {
    const resolve = pending
    pending = undefined
    listeners.forEach((listener) => listener(false))
    resolve?.(agreed ? { event: 'agree', buttonId } : { event: 'disagree' })
  },
}
