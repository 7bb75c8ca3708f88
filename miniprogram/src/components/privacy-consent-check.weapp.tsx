import { Button, Text, View } from '@tarojs/components'
import { CheckBox } from './check-box'
import type { PrivacyConsentCheckProps } from './privacy-ui.types'
import './privacy.css'

export const PRIVACY_CONSENT_LABEL = '我已阅读并同意《护薪隐私政策》'

/**
 * WeChat: while not yet agreed, the tick box is a `<Button openType="agreePrivacyAuthorization">`
 * (https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html):
 * ticking it also gives WeChat's privacy authorization. Once ticked it is the plain box again.
 */
export function PrivacyConsentCheck({ id, checked, error, onChange, onOpenPolicy }: PrivacyConsentCheckProps) {
  if (checked) {
    return (
      <CheckBox id={id} checked label={PRIVACY_CONSENT_LABEL} error={error} onChange={onChange}>
        <Text id={`${id}-policy`} className='consent-link' onClick={onOpenPolicy}>
          点这里看隐私政策
        </Text>
      </CheckBox>
    )
  }
  return (
    <View className={`consent${error ? ' consent--error' : ''}`}>
      <Button
        id={id}
        className='consent-toggle consent-button'
        openType='agreePrivacyAuthorization'
        onAgreePrivacyAuthorization={() => onChange(true)}
      >
        <View className='consent-box'></View>
        <View className='consent-text'>{PRIVACY_CONSENT_LABEL}</View>
      </Button>
      <Text id={`${id}-policy`} className='consent-link' onClick={onOpenPolicy}>
        点这里看隐私政策
      </Text>
      {error ? (
        <View className='field-error' id={`${id}-error`}>
          {error}
        </View>
      ) : null}
    </View>
  )
}
