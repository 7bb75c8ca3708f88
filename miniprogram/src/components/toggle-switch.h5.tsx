import type { ToggleSwitchProps } from './toggle-switch.types'
import './form.css'

/**
 * H5: a native checkbox with role="switch" inside its label (the whole row toggles it; Space does
 * from the keyboard). Taro's H5 `<Switch>` hides its checkbox inside a custom element that no label
 * can point at.
 */
export function ToggleSwitch({ id, checked, label, stateText, onChange }: ToggleSwitchProps) {
  return (
    <label id={id} className='switch-row switch-row--native'>
      <span className='switch-text'>{stateText}</span>
      <input
        type='checkbox'
        role='switch'
        className='switch-native'
        checked={checked}
        aria-label={label}
        onChange={(e) => onChange(e.target.checked)}
      />
    </label>
  )
}
