import { ActionButton } from './action-button'
import { CheckBox } from './check-box'
import type { PrivacyConsentCheckProps } from './privacy-ui.types'

export const PRIVACY_CONSENT_LABEL = '我已阅读并同意《护薪隐私政策》'

/** H5: the tick box, with the link to the policy under it. */
export function PrivacyConsentCheck({ id, checked, error, onChange, onOpenPolicy }: PrivacyConsentCheckProps) {
  return (
    <CheckBox id={id} checked={checked} label={PRIVACY_CONSENT_LABEL} error={error} onChange={onChange}>
      <ActionButton id={`${id}-policy`} className='consent-link link-button' onClick={onOpenPolicy}>
        点这里看隐私政策
      </ActionButton>
    </CheckBox>
  )
}
