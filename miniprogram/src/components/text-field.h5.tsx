import type { TextFieldProps, TextKind } from './text-field.types'
import './form.css'

const INPUT_MODE: Record<TextKind, 'text' | 'numeric' | 'decimal' | 'tel'> = {
  text: 'text',
  phone: 'tel',
  digits: 'numeric',
  decimal: 'decimal',
  idcard: 'text',
}

/**
 * H5: a native `<label for>` and control. Taro's `<Input>` is a custom element that keeps the id,
 * so a label could never point at the real input; here the wrapper keeps the id (tests fill
 * `#id input`) and the control is `<id>-input`.
 */
export function TextField(props: TextFieldProps) {
  const { id, label, optional, hint, error, value, onInput, kind = 'text', maxLength, placeholder, multiline, compact, children } = props
  const controlId = `${id}-input`
  const described = [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined
  const common = {
    id: controlId,
    className: 'field-native',
    value,
    maxLength,
    placeholder,
    'aria-invalid': error ? (true as const) : undefined,
    'aria-describedby': described,
  }
  return (
    <div className={compact ? 'field-row' : `field${error ? ' field--error' : ''}`}>
      <label className={compact ? 'field-label field-label--compact' : 'field-label'} htmlFor={controlId} id={`${id}-label`}>
        {label}
        {optional ? <span className='field-optional'>（选填）</span> : null}
      </label>
      {hint ? (
        <div className='field-hint' id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {multiline ? (
        <div id={id} className={`field-textarea${error ? ' field-input--error' : ''}`}>
          <textarea {...common} onChange={(e) => onInput(e.target.value)} />
        </div>
      ) : (
        <div id={id} className={`field-input${error ? ' field-input--error' : ''}`}>
          <input
            {...common}
            type={kind === 'phone' ? 'tel' : 'text'}
            inputMode={INPUT_MODE[kind]}
            autoComplete={kind === 'phone' ? 'tel' : 'off'}
            onChange={(e) => onInput(e.target.value)}
          />
        </div>
      )}
      {children}
      {error ? (
        <div className='field-error' id={`${id}-error`}>
          {error}
        </div>
      ) : null}
    </div>
  )
}
