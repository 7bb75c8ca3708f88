import Taro from '@tarojs/taro'
import type { FocusField } from './focus.types'

/** WeChat: scrolls to the control; the red messages are visible anyway. */
export const focusField: FocusField = (id) => {
  Taro.pageScrollTo({ selector: `#${id}`, offsetTop: -120, duration: 300 }).catch(() => {})
}

export function scrollToTop(): void {
  Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => {})
}
