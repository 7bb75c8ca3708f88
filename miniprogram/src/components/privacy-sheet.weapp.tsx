import { Button, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { privacyGate } from '../lib/privacy'
import { PRIVACY_AGREE_BUTTON_ID } from '../lib/privacy.types'
import type { PrivacySheetProps } from './privacy-ui.types'
import './privacy.css'

/**
 * WeChat: the sheet shown when a private API (choosing photos) needs the privacy authorization
 * or the worker's location (wx.onNeedPrivacyAuthorization, lib/privacy.weapp.ts). Refusing is fine:
 * the claim can be filed without photos, and help points are found by picking a town.
 */
const TEXT = {
  photos: {
    body: '选照片要用到您手机里的相册或相机。我们只把您选的照片作为这件投诉的证据，交给劳动保障监察机构处理。',
    refuse: '不同意（不传照片）',
  },
  location: {
    body: '找离您最近的维权服务点要用到您的位置。位置只用来排出远近，不会保存。',
    refuse: '不同意（自己选镇、街道）',
  },
}

export function PrivacySheet({ onOpenPolicy, purpose = 'photos' }: PrivacySheetProps) {
  const [asking, setAsking] = useState(false)
  useEffect(() => privacyGate.subscribe(setAsking), [])
  if (!asking) return null
  return (
    <View className='privacy-mask'>
      <View className='privacy-sheet' role='dialog' aria-label='隐私保护提示'>
        <View className='privacy-title'>隐私保护提示</View>
        <View className='privacy-text'>{TEXT[purpose].body}</View>
        <Text className='consent-link privacy-link' onClick={onOpenPolicy}>
          点这里看《护薪隐私政策》
        </Text>
        <Button
          id={PRIVACY_AGREE_BUTTON_ID}
          className='hx-button hx-button--primary privacy-button'
          openType='agreePrivacyAuthorization'
          onAgreePrivacyAuthorization={() => privacyGate.answer(true, PRIVACY_AGREE_BUTTON_ID)}
        >
          同意
        </Button>
        <Button className='hx-button hx-button--secondary privacy-button' onClick={() => privacyGate.answer(false)}>
          {TEXT[purpose].refuse}
        </Button>
      </View>
    </View>
  )
}
