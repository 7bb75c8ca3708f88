import { Button } from '@tarojs/components'
import type { ActionButtonProps } from './action-button.types'

/** WeChat: Taro's button (the native mini-program button). */
export function ActionButton({ id, className, busy, label, pressed, checked, onClick, children }: ActionButtonProps) {
  return (
    <Button
      id={id}
      className={className}
      aria-disabled={busy ? 'true' : 'false'}
      aria-label={label}
      aria-pressed={pressed}
      aria-checked={checked}
      onClick={() => {
        if (!busy) onClick()
      }}
    >
      {children}
    </Button>
  )
}
