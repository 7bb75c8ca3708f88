import { Text, View } from '@tarojs/components'
import type { FieldProps } from './field.types'
import './form.css'

/**
 * WeChat: one labelled control that is not a text box (a choice, a list, photos) with its hint and, when
 * there is one, its error in red right below it. The label is `<id>-label`, the hint
 * `<id>-hint`, the error `<id>-error`.
 * Text boxes use `TextField`, which links its own label.
 */
export function Field({ id, label, optional, hint, error, children }: FieldProps) {
  return (
    <View className={`field${error ? ' field--error' : ''}`}>
      <View className='field-label' id={`${id}-label`}>
        <Text>{label}</Text>
        {optional ? <Text className='field-optional'>（选填）</Text> : null}
      </View>
      {hint ? (
        <View className='field-hint' id={`${id}-hint`}>
          {hint}
        </View>
      ) : null}
      {children}
      {error ? (
        <View className='field-error' id={`${id}-error`}>
          {error}
        </View>
      ) : null}
    </View>
  )
}

/** Class of a text box, red when its field has an error. */
export function inputClass(error: string | undefined): string {
  return `field-input${error ? ' field-input--error' : ''}`
}
