import { Input, Text, Textarea, View } from '@tarojs/components'
import type { TextFieldProps, TextKind } from './text-field.types'
import './form.css'

const INPUT_TYPE: Record<TextKind, 'text' | 'number' | 'digit' | 'idcard'> = {
  text: 'text',
  phone: 'number',
  digits: 'number',
  decimal: 'digit',
  idcard: 'idcard',
}

/** WeChat: Taro's native input in the labelled card; the label is read with the control. */
export function TextField(props: TextFieldProps) {
  const { id, label, optional, hint, error, value, onInput, kind = 'text', maxLength, placeholder, multiline, compact, children } = props
  const boxClass = multiline ? 'field-textarea' : 'field-input'
  return (
    <View className={compact ? 'field-row' : `field${error ? ' field--error' : ''}`}>
      <View className={compact ? 'field-label field-label--compact' : 'field-label'} id={`${id}-label`}>
        <Text>{label}</Text>
        {optional ? <Text className='field-optional'>（选填）</Text> : null}
      </View>
      {hint ? (
        <View className='field-hint' id={`${id}-hint`}>
          {hint}
        </View>
      ) : null}
      {multiline ? (
        <Textarea
          id={id}
          className={`${boxClass}${error ? ' field-input--error' : ''}`}
          value={value}
          maxlength={maxLength}
          placeholder={placeholder}
          aria-label={label}
          onInput={(e) => onInput(e.detail.value)}
        />
      ) : (
        <Input
          id={id}
          className={`${boxClass}${error ? ' field-input--error' : ''}`}
          type={INPUT_TYPE[kind]}
          value={value}
          maxlength={maxLength}
          placeholder={placeholder}
          aria-label={label}
          onInput={(e) => onInput(e.detail.value)}
        />
      )}
      {children}
      {error ? (
        <View className='field-error' id={`${id}-error`}>
          {error}
        </View>
      ) : null}
    </View>
  )
}
