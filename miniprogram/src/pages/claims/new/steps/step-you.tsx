import { View } from '@tarojs/components'
import { CheckBox } from '../../../../components/check-box'
import { Heading } from '../../../../components/heading'
import { TextField } from '../../../../components/text-field'
import { setSensitiveConsent } from '../wizard'
import type { StepProps } from './types'

/** Step 1 您的信息: name, phone (the number verified at sign-in is filled in), the ID number after its own consent. */
export function StepYou({ draft, err, update, change, phoneVerified }: StepProps & { phoneVerified: boolean }) {
  return (
    <View id='step-1'>
      <View className='intro-text'>老板欠工资不给？按步骤填好，劳动保障监察机构会帮您处理。带 * 的必须填。</View>
      <View className='intro-text intro-text--confidential' id='confidential-offer'>
        可以要求保密：最后一步可以选择不让用人单位知道您的姓名和电话。
      </View>
      <Heading level={2} className='section-title'>
        您的信息
      </Heading>
      <TextField
        id='claimant-name'
        label='姓名 *'
        error={err('claimant-name')}
        value={draft.claimantName}
        maxLength={50}
        placeholder='填写您的真实姓名'
        onInput={(claimantName) => update({ claimantName }, 'claimant-name')}
      />
      <TextField
        id='claimant-phone'
        label='手机号 *'
        hint={phoneVerified ? '这是您登录时验证过的号码，工作人员会打这个号码联系您，可以修改' : '工作人员会打这个号码联系您'}
        kind='phone'
        error={err('claimant-phone')}
        value={draft.claimantPhone}
        maxLength={11}
        placeholder='11 位手机号'
        onInput={(claimantPhone) => update({ claimantPhone }, 'claimant-phone')}
      />
      <CheckBox
        id='sensitive-consent'
        checked={draft.sensitiveConsent}
        label='我愿意提供身份证号码（选填），并单独同意护薪处理这一敏感个人信息：只用于核实身份，加密保存。'
        error={err('sensitive-consent')}
        onChange={(agreed) => change((d) => setSensitiveConsent(d, agreed), ['sensitive-consent', 'id-number'])}
      />
      {draft.sensitiveConsent ? (
        <TextField
          id='id-number'
          label='身份证号码'
          optional
          hint='18 位，最后一位可能是 X'
          kind='idcard'
          error={err('id-number')}
          value={draft.idNumber}
          maxLength={18}
          placeholder='18 位身份证号码'
          onInput={(idNumber) => update({ idNumber }, 'id-number')}
        />
      ) : null}
    </View>
  )
}
