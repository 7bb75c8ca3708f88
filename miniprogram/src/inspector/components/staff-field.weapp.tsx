import { Input } from '@tarojs/components'
import { Field, inputClass } from '../../components/field'
import type { StaffFieldProps } from './staff-field.types'

/** WeChat: the app's Field around Taro's Input. */
export function StaffField({ id, label, optional, hint, error, value, onInput, password, digits, maxLength, onConfirm }: StaffFieldProps) {
  return (
    <Field id={id} label={label} optional={optional} hint={hint} error={error}>
      <Input
        id={id}
        className={inputClass(error)}
        password={password}
        type={digits ? 'number' : 'text'}
        maxlength={maxLength ?? 140}
        value={value}
        onInput={(e) => onInput(e.detail.value)}
        onConfirm={() => onConfirm?.()}
      />
    </Field>
  )
}
