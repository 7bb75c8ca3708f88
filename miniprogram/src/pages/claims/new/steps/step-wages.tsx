import { Text, View } from '@tarojs/components'
import { shanghaiMonth } from '@huxin/shared/domain/shanghai-time'
import { ActionButton } from '../../../../components/action-button'
import { Field } from '../../../../components/field'
import { Heading } from '../../../../components/heading'
import { MonthField } from '../../../../components/month-field'
import { TextField } from '../../../../components/text-field'
import { amountPreview, coWorkerFieldId, EARLIEST_MONTH } from '../form'
import { addCoWorker, removeCoWorker, updateCoWorker } from '../wizard'
import type { StepProps } from './types'

/** Step 3 欠薪情况: the months, the amount (read back in figures), how many workers, co-workers by name. */
export function StepWages({ draft, err, update, change }: StepProps) {
  const thisMonth = shanghaiMonth(new Date())
  const preview = amountPreview(draft.amountYuan)
  return (
    <View id='step-3'>
      <Heading level={2} className='section-title'>
        欠薪情况
      </Heading>
      <Field id='period-from' label='欠薪开始月份 *' error={err('period-from')}>
        <MonthField
          id='period-from'
          value={draft.periodFrom}
          start={EARLIEST_MONTH}
          end={thisMonth}
          placeholder='点这里选择月份'
          invalid={err('period-from') !== undefined}
          onChange={(periodFrom) => update({ periodFrom }, 'period-from')}
        />
      </Field>
      <Field id='period-to' label='欠薪结束月份 *' hint='到现在还欠着的，选本月' error={err('period-to')}>
        <MonthField
          id='period-to'
          value={draft.periodTo}
          start={draft.periodFrom || EARLIEST_MONTH}
          end={thisMonth}
          placeholder='点这里选择月份'
          invalid={err('period-to') !== undefined}
          onChange={(periodTo) => update({ periodTo }, 'period-to')}
        />
      </Field>
      <TextField
        id='amount-yuan'
        label='欠薪金额（元）*'
        hint='一共被欠了多少钱'
        kind='decimal'
        error={err('amount-yuan')}
        value={draft.amountYuan}
        maxLength={15}
        placeholder='例如：8000'
        onInput={(amountYuan) => update({ amountYuan }, 'amount-yuan')}
      >
        {preview ? (
          <View className='amount-preview' id='amount-preview' aria-live='polite'>
            {preview}
          </View>
        ) : null}
      </TextField>
      <TextField
        id='workers-count'
        label='涉及人数 *'
        hint='一起被欠工资的人数，包括您自己'
        kind='digits'
        error={err('workers-count')}
        value={draft.workersCount}
        maxLength={5}
        onInput={(workersCount) => update({ workersCount }, 'workers-count')}
      />
      <Field id='co-workers' label='一起被欠薪的工友' optional hint='写上工友的姓名，有电话也可以写上，方便一起处理' error={err('co-workers')}>
        {draft.coWorkers.map((row, index) => {
          const nameId = coWorkerFieldId(index, 'name')
          const phoneId = coWorkerFieldId(index, 'phone')
          return (
            <View key={index} className='co-worker'>
              <View className='co-worker-head'>
                <Text className='co-worker-title'>工友 {index + 1}</Text>
                <ActionButton
                  id={`co-worker-${index}-remove`}
                  className='co-worker-remove link-button'
                  label={`删除工友 ${index + 1}`}
                  onClick={() => change((d) => removeCoWorker(d, index), 'all')}
                >
                  删除
                </ActionButton>
              </View>
              <TextField
                compact
                id={nameId}
                label={`工友 ${index + 1} 姓名`}
                error={err(nameId)}
                value={row.name}
                maxLength={50}
                placeholder='姓名'
                onInput={(name) => change((d) => updateCoWorker(d, index, { name }), [nameId])}
              />
              <TextField
                compact
                id={phoneId}
                label={`工友 ${index + 1} 手机号（可以不填）`}
                kind='phone'
                error={err(phoneId)}
                value={row.phone}
                maxLength={11}
                placeholder='手机号（可以不填）'
                onInput={(phone) => change((d) => updateCoWorker(d, index, { phone }), [phoneId])}
              />
            </View>
          )
        })}
        <ActionButton
          id='co-worker-add'
          className='hx-button hx-button--secondary small-button'
          onClick={() => change((d) => addCoWorker(d), ['workers-count'])}
        >
          ＋ 添加一位工友
        </ActionButton>
      </Field>
    </View>
  )
}
