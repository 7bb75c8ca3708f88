import type { FieldProps } from './field.types'
import './form.css'

/**
 * H5: one labelled control that is not a text box (a choice, a list, photos) with its hint and,
 * when there is one, its error in red right below it. The label is a native `<label for>` (so the
 * browser's own <select> and <input type="month"> get their name from it); the hint is
 * `<id>-hint` and the error `<id>-error`, which the controls name in `aria-describedby`.
 * Text boxes use `TextField`, which links its own label.
 */
export function Field({ id, label, optional, hint, error, children }: FieldProps) {
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label className='field-label' htmlFor={id} id={`${id}-label`}>
        {label}
        {optional ? <span className='field-optional'>（选填）</span> : null}
      </label>
      {hint ? (
        <div className='field-hint' id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {children}
      {error ? (
        <div className='field-error' id={`${id}-error`}>
          {error}
        </div>
      ) : null}
    </div>
  )
}

/** Class of a text box, red when its field has an error. */
export function inputClass(error: string | undefined): string {
  return `field-input${error ? ' field-input--error' : ''}`
}
