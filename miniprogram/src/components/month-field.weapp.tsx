import { Picker, Text, View } from '@tarojs/components'
import { formatMonth } from '../lib/dates'
import type { MonthFieldProps } from './choice-fields.types'
import './choice-fields.css'

/** WeChat: the native year-month wheel (Taro <Picker mode="date" fields="month"> → `YYYY-MM`). */
export function MonthField({ id, value, start, end, placeholder, invalid, onChange }: MonthFieldProps) {
  return (
    <Picker
      id={id}
      mode='date'
      fields='month'
      start={start}
      end={end}
      value={value || end}
      onChange={(e) => onChange(e.detail.value.slice(0, 7))}
    >
      <View className={`choice-value${value ? '' : ' choice-value--empty'}${invalid ? ' choice-value--invalid' : ''}`}>
        <Text>{value ? formatMonth(value) : placeholder}</Text>
        <Text className='choice-arrow'>▼</Text>
      </View>
    </Picker>
  )
}
