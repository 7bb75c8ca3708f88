import type { MonthFieldProps } from './choice-fields.types'
import './choice-fields.css'

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

/**
 * H5: <input type="month"> (native year-month chooser on Android and iOS browsers; value
 * `YYYY-MM`). The element carries `id` itself: a browser test sets it with
 * `page.fill('#period-from', '2025-03')`.
 */
export function MonthField({ id, value, start, end, placeholder, invalid, onChange }: MonthFieldProps) {
  return (
    <input
      id={id}
      type='month'
      className={`choice-native${value === '' ? ' choice-value--empty' : ''}${invalid ? ' choice-value--invalid' : ''}`}
      value={value}
      min={start}
      max={end}
      // Browsers without a month control show a text box: tell the worker the format.
      placeholder={`${placeholder}，如 2025-03`}
      aria-invalid={invalid ? true : undefined}
      // Named by the Field's <label for> around it (field.h5.tsx); its error describes it.
      aria-describedby={invalid ? `${id}-error` : undefined}
      onChange={(e) => {
        const month = e.target.value.slice(0, 7)
        if (MONTH.test(month)) onChange(month)
      }}
    />
  )
}
