import type { StaffFieldProps } from './staff-field.types'
import '../../components/form.css'

/** H5: native label and input, hint and error linked by aria-describedby, aria-invalid on error. */
export function StaffField({ id, label, optional, hint, error, value, onInput, password, digits, maxLength, onConfirm, autoComplete }: StaffFieldProps) {
  const controlId = `${id}-input`
  const described = [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label className='field-label' htmlFor={controlId} id={`${id}-label`}>
        {label}
        {optional ? <span className='field-optional'>（选填）</span> : null}
      </label>
      {hint ? (
        <div className='field-hint' id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <div id={id} className={`field-input${error ? ' field-input--error' : ''}`}>
        <input
          id={controlId}
          className='field-native'
          type={password ? 'password' : 'text'}
          inputMode={digits ? 'numeric' : 'text'}
          autoComplete={autoComplete ?? 'off'}
          value={value}
          maxLength={maxLength}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          onChange={(e) => onInput(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && onConfirm) onConfirm()
          }}
        />
      </div>
      {error ? (
        <div className='field-error' id={`${id}-error`} role='alert'>
          {error}
        </div>
      ) : null}
    </div>
  )
}
