import type { CheckBoxProps } from './check-box.types'
import './form.css'

/**
 * H5: a large tick box with its sentence, a whole card to tap. A native element with
 * role="checkbox", reachable by Tab and toggled by Space (or Enter); its error is linked with
 * aria-describedby. `children` goes under the sentence (e.g. a link to the policy).
 */
export function CheckBox({ id, checked, label, error, onChange, children }: CheckBoxProps) {
  return (
    <div className={`consent${error ? ' consent--error' : ''}`}>
      <div
        id={id}
        className='consent-toggle'
        role='checkbox'
        tabIndex={0}
        aria-checked={checked}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onClick={() => onChange(!checked)}
        onKeyDown={(e) => {
          if (e.key === ' ' || e.key === 'Enter') {
            e.preventDefault()
            onChange(!checked)
          }
        }}
      >
        <div className={`consent-box${checked ? ' consent-box--checked' : ''}`} aria-hidden='true'>
          {checked ? '✓' : ''}
        </div>
        <div className='consent-text'>{label}</div>
      </div>
      {children}
      {error ? (
        <div className='field-error' id={`${id}-error`}>
          {error}
        </div>
      ) : null}
    </div>
  )
}
