import { View } from '@tarojs/components'
import type { CheckBoxProps } from './check-box.types'
import './form.css'

/**
 * WeChat: a large tick box with its sentence: a whole card to tap (the native checkbox is small for a
 * thumb). `children` goes under the sentence (e.g. a link to the policy).
 */
export function CheckBox({ id, checked, label, error, onChange, children }: CheckBoxProps) {
  return (
    <View className={`consent${error ? ' consent--error' : ''}`}>
      <View id={id} className='consent-toggle' role='checkbox' aria-checked={checked} aria-label={label} onClick={() => onChange(!checked)}>
        <View className={`consent-box${checked ? ' consent-box--checked' : ''}`}>{checked ? '✓' : ''}</View>
        <View className='consent-text'>{label}</View>
      </View>
      {children}
      {error ? (
        <View className='field-error' id={`${id}-error`}>
          {error}
        </View>
      ) : null}
    </View>
  )
}
