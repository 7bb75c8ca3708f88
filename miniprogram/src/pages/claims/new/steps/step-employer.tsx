import { View } from '@tarojs/components'
import { Field } from '../../../../components/field'
import { Heading } from '../../../../components/heading'
import { SelectField } from '../../../../components/select-field'
import { TextField } from '../../../../components/text-field'
import { INDUSTRY_OPTIONS, TOWN_OPTIONS } from '../form'
import type { StepProps } from './types'

/** Step 2 欠薪单位: who owes the wages, the project, the industry and the town. */
export function StepEmployer({ draft, err, update }: StepProps) {
  return (
    <View id='step-2'>
      <Heading level={2} className='section-title'>
        欠您工资的单位
      </Heading>
      <TextField
        id='employer-name'
        label='用人单位名称 *'
        hint='公司、老板或包工头的名称'
        error={err('employer-name')}
        value={draft.employerName}
        maxLength={100}
        placeholder='例如：某某建筑工程有限公司'
        onInput={(employerName) => update({ employerName }, 'employer-name')}
      />
      <TextField
        id='employer-credit-code'
        label='统一社会信用代码'
        optional
        hint='营业执照上的 18 位代码，不知道可以不填'
        error={err('employer-credit-code')}
        value={draft.employerCreditCode}
        maxLength={18}
        placeholder='18 位代码'
        onInput={(employerCreditCode) => update({ employerCreditCode }, 'employer-credit-code')}
      />
      <TextField
        id='project-name'
        label='工程项目名称'
        optional
        hint='在工地干活的，填工地或楼盘名称'
        error={err('project-name')}
        value={draft.projectName}
        maxLength={100}
        placeholder='例如：某某花园二期'
        onInput={(projectName) => update({ projectName }, 'project-name')}
      />
      <Field id='industry' label='行业 *' error={err('industry')}>
        <SelectField
          id='industry'
          options={INDUSTRY_OPTIONS}
          value={draft.industry}
          placeholder='点这里选择行业'
          invalid={err('industry') !== undefined}
          onChange={(industry) => update({ industry }, 'industry')}
        />
      </Field>
      <Field id='town' label='所在镇/街道 *' hint='干活的地方属于哪个镇或街道' error={err('town')}>
        <SelectField
          id='town'
          options={TOWN_OPTIONS}
          value={draft.town}
          placeholder='点这里选择镇/街道'
          invalid={err('town') !== undefined}
          onChange={(town) => update({ town }, 'town')}
        />
      </Field>
    </View>
  )
}
