import { Picker, Text, View } from '@tarojs/components'
import type { SelectFieldProps } from './choice-fields.types'
import './choice-fields.css'

/** WeChat: the native bottom wheel (Taro <Picker mode="selector">). */
export function SelectField<V extends string>({ id, options, value, placeholder, invalid, onChange }: SelectFieldProps<V>) {
  const index = options.findIndex((o) => o.value === value)
  const chosen = options[index]
  return (
    <Picker
      id={id}
      mode='selector'
      range={options.map((o) => o.label)}
      value={index < 0 ? 0 : index}
      onChange={(e) => {
        const option = options[Number(e.detail.value)]
        if (option) onChange(option.value)
      }}
    >
      <View className={`choice-value${chosen ? '' : ' choice-value--empty'}${invalid ? ' choice-value--invalid' : ''}`}>
        <Text>{chosen ? chosen.label : placeholder}</Text>
        <Text className='choice-arrow'>▼</Text>
      </View>
    </Picker>
  )
}
