import type { ActionButtonProps } from './action-button.types'

/** H5: a native button (focusable, Enter and Space activate it, announced as a button). */
export function ActionButton({ id, className, busy, label, pressed, checked, onClick, children }: ActionButtonProps) {
  return (
    <button
      id={id}
      type='button'
      className={`hx-native-button ${className ?? ''}`}
      // Always "true" or "false": the browser tests wait for aria-disabled="false".
      aria-disabled={busy ? 'true' : 'false'}
      aria-label={label}
      aria-pressed={pressed}
      role={checked === undefined ? undefined : 'checkbox'}
      aria-checked={checked}
      onClick={() => {
        if (!busy) onClick()
      }}
    >
      {children}
    </button>
  )
}
