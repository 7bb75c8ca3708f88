import type { SelectFieldProps } from './choice-fields.types'
import './choice-fields.css'

/**
 * H5: the browser's <select>, which opens the phone's own chooser. The element carries `id`
 * itself, so a browser test picks with `page.selectOption('#industry', { label: '制造业' })`.
 */
export function SelectField<V extends string>({ id, options, value, placeholder, invalid, onChange }: SelectFieldProps<V>) {
  return (
    <select
      id={id}
      className={`choice-native${value === '' ? ' choice-value--empty' : ''}${invalid ? ' choice-value--invalid' : ''}`}
      value={value}
      aria-invalid={invalid ? true : undefined}
      // Named by the Field's <label for> around it (field.h5.tsx); its error describes it.
      aria-describedby={invalid ? `${id}-error` : undefined}
      onChange={(e) => {
        const option = options.find((o) => o.value === e.target.value)
        if (option) onChange(option.value)
      }}
    >
      {value === '' ? (
        <option value='' disabled>
          {placeholder}
        </option>
      ) : null}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  )
}
