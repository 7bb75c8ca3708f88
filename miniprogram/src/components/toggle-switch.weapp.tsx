import { Switch, Text, View } from '@tarojs/components'
import type { ToggleSwitchProps } from './toggle-switch.types'
import './form.css'

/** WeChat: the native switch, enlarged for a thumb. */
export function ToggleSwitch({ id, checked, label, stateText, onChange }: ToggleSwitchProps) {
  return (
    <View className='switch-row'>
      <Text className='switch-text'>{stateText}</Text>
      <Switch
        id={id}
        className='switch-control'
        checked={checked}
        color='#0b4f9c'
        aria-label={label}
        onChange={(e) => onChange(e.detail.value)}
      />
    </View>
  )
}
