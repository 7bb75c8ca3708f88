import type { ReactNode } from 'react'

/**
 * A button of the app's own look (`hx-button …` classes), one implementation per platform:
 * - `action-button.h5.tsx`: the browser's own `<button type="button">`. Taro's H5 `<Button>` is a
 *   custom element (`taro-button-core`) with no role, not reachable by Tab, deaf to Enter/Space and
 *   with its focus outline removed; a native button has all of that for free.
 * - `action-button.weapp.tsx`: Taro's `<Button>` (WeChat's native button).
 */
export interface ActionButtonProps {
  /** Element id (stable, used by browser tests). */
  id?: string
  className?: string
  /** While busy the button says so in words and ignores taps; `aria-disabled` says "true". */
  busy?: boolean
  /** A shorter or fuller name for screen readers than the visible words. */
  label?: string
  /** A toggle button (filters): `aria-pressed`. */
  pressed?: boolean
  /** A tick-box button (只看营业中): role="checkbox" with `aria-checked`. */
  checked?: boolean
  onClick: () => void
  children: ReactNode
}
