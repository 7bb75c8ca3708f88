import Taro from '@tarojs/taro'
import type { FocusField } from './focus.types'

const FOCUSABLE = 'input, textarea, select, button, [tabindex]'

/** Focuses the element with that id, or the first focusable control inside it, and scrolls to it. */
export const focusField: FocusField = (id) => {
  // After React has rendered the step that shows the control.
  setTimeout(() => {
    const element = document.getElementById(id)
    if (!element) return
    const target = element.matches(FOCUSABLE) ? element : element.querySelector<HTMLElement>(FOCUSABLE)
    ;(target ?? element).focus({ preventScroll: true })
    element.scrollIntoView({ block: 'center' })
  }, 0)
}

export function scrollToTop(): void {
  Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => {})
}
