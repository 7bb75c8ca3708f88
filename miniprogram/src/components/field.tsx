import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './form.css'

export interface FieldProps {
  /** Id of the control inside; the error gets `<id>-error` (browser tests read it). */
  id: string
  label: string
  optional?: boolean
  hint?: string
  error: string | undefined
  children: ReactNode
}

/** One labelled control with its hint and, when there is one, its error in red right below it. */
export function Field({ id, label, optional, hint, error, children }: FieldProps) {
  return (
    <View className={`field${error ? ' field--error' : ''}`}>
      <View className='field-label'>
        <Text>{label}</Text>
        {optional ? <Text className='field-optional'>（选填）</Text> : null}
      </View>
      {hint ? <View className='field-hint'>{hint}</View> : null}
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
