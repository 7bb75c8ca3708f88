import { Text, View } from '@tarojs/components'
import { PRIVACY_POLICY_VERSION } from '@huxin/shared/domain/claim-rules'
import { ActionButton } from '../../../../components/action-button'
import { CheckBox } from '../../../../components/check-box'
import { Field } from '../../../../components/field'
import { Heading } from '../../../../components/heading'
import { ToggleSwitch } from '../../../../components/toggle-switch'
import { goTo } from '../../../../lib/navigation'
import { recordPrivacyConsent } from '../../../../lib/privacy-consent'
import { PAGES } from '../../../../lib/routes'
import { summarise } from '../wizard'
import type { StepProps } from './types'

/** Step 5 确认提交: everything in plain words with 修改 per section, confidentiality, the privacy consent. */
export function StepConfirm({ draft, err, update, goToStep, signedIn }: StepProps & { signedIn: boolean }) {
  return (
    <View id='step-5'>
      <Heading level={2} className='section-title'>
        请核对您填写的内容
      </Heading>
      {draft.photosLost > 0 ? (
        <View className='notice notice--error' id='photos-lost-warning' role='alert'>
          之前选的 {draft.photosLost} 张证据照片丢失了，没有保存下来。请点下面“说明和证据”旁边的“修改”重新选；不选也可以提交。
        </View>
      ) : null}
      <View id='claim-summary'>
        {summarise(draft).map((section) => (
          <View key={section.step} className='summary-card'>
            <View className='summary-head'>
              <Text className='summary-title'>{section.title}</Text>
              <ActionButton
                id={`edit-step-${section.step}`}
                className='summary-edit link-button'
                label={`修改${section.title}`}
                onClick={() => goToStep(section.step)}
              >
                修改
              </ActionButton>
            </View>
            {section.lines.map((line) => (
              <View key={line.label} className='summary-line'>
                <Text className='summary-label'>{line.label}：</Text>
                <Text className='summary-value'>{line.value}</Text>
              </View>
            ))}
          </View>
        ))}
      </View>

      <Field id='confidential' label='是否要求对身份保密' error={err('confidential')}>
        <ToggleSwitch
          id='confidential'
          checked={draft.confidential}
          label='要求对身份保密'
          stateText={draft.confidential ? '是，请保密' : '否'}
          onChange={(confidential) => update({ confidential }, 'confidential')}
        />
        <View className='field-hint'>打开后，处理时不向用人单位透露您的姓名和电话</View>
      </Field>

      <CheckBox
        id='consent'
        checked={draft.consent}
        label={`我已阅读并同意《护薪隐私政策》（${PRIVACY_POLICY_VERSION} 版），同意用我填写的信息处理这次投诉`}
        error={err('consent')}
        onChange={(consent) => {
          // The same policy the sign-in page asks about: agreed here, it is agreed there too.
          if (consent) recordPrivacyConsent(true)
          update({ consent }, 'consent')
        }}
      >
        <ActionButton id='consent-policy' className='consent-link link-button' onClick={() => goTo(PAGES.privacy)}>
          点这里看隐私政策
        </ActionButton>
      </CheckBox>
      {!signedIn ? <View className='draft-note'>提交前需要先登录，点“提交投诉”会带您去登录，登录后会自动提交。</View> : null}
    </View>
  )
}
