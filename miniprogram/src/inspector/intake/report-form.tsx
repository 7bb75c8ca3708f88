/**
 * 登记举报 — a report of any kind taken by staff (phone, visit, letter, referral): named (the
 * reporter's name and phone kept, the phone encrypted) or anonymous (nothing kept).
 *
 * BROWSER-TEST SELECTORS: #intake-report-kind, #intake-report-channel, #intake-report-town
 * (selects), #intake-report-anonymous (checkbox button, aria-pressed), #intake-report-name,
 * #intake-report-phone, #intake-report-employer, #intake-report-description,
 * #intake-report-submit, #intake-report-error, #intake-report-done, #intake-report-open
 */
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { CreateReportBody } from '@huxin/shared/schemas/report'
import { Field } from '../../components/field'
import { ActionButton } from '../../components/action-button'
import { Heading } from '../../components/heading'
import { SelectField } from '../../components/select-field'
import { newIdempotencyKey } from '../../lib/idempotency'
import { intakeApi } from '../intake-api'
import { inspectorClaimUrl } from '../routes'
import { channelOptions, FormMessage, kindOptions, refusal, TextBox, townOptions } from './form-bits'

export function ReportIntakeForm({ towns }: { towns: readonly string[] }) {
  const [kind, setKind] = useState<CreateReportBody['kind']>('wages')
  const [channel, setChannel] = useState<NonNullable<CreateReportBody['channel']>>('hotline')
  const [town, setTown] = useState<string>(towns[0] ?? '')
  const [anonymous, setAnonymous] = useState(false)
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  const [employer, setEmployer] = useState('')
  const [description, setDescription] = useState('')
  const [key, setKey] = useState(newIdempotencyKey())
  const [error, setError] = useState<string | undefined>()
  const [bad, setBad] = useState<string[]>([])
  const [done, setDone] = useState<{ id: string; reference: string } | undefined>()
  const [busy, setBusy] = useState(false)
  const errorOf = (field: string, text: string) => (bad.some((b) => b.includes(field)) ? text : undefined)

  async function submit() {
    if (busy) return
    const local = [...(employer.trim() ? [] : ['employer']), ...(description.trim() ? [] : ['description'])]
    if (local.length) {
      setBad(local)
      setError('请补全标红的内容')
      return
    }
    const reporter = { ...(name.trim() ? { name: name.trim() } : {}), ...(phone.trim() ? { phone: phone.trim() } : {}) }
    const body: CreateReportBody = {
      kind,
      channel,
      town: town as CreateReportBody['town'],
      employer: { name: employer.trim() },
      description: description.trim(),
      anonymous,
      ...(!anonymous && Object.keys(reporter).length ? { reporter } : {}),
    }
    setBusy(true)
    setError(undefined)
    try {
      const report = await intakeApi.fileReport(body, key)
      setDone({ id: report.id, reference: report.reference })
      setBad([])
      setKey(newIdempotencyKey())
    } catch (e) {
      const r = refusal(e)
      setError(r.text)
      setBad(r.fields)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='inspector-card'>
      <Heading level={2} className='inspector-heading'>
        登记举报
      </Heading>
      <Field id='intake-report-kind' label='举报事项' error={undefined}>
        <SelectField id='intake-report-kind' options={kindOptions} value={kind} placeholder='请选择' onChange={setKind} />
      </Field>
      <Field id='intake-report-channel' label='来件渠道' error={undefined}>
        <SelectField id='intake-report-channel' options={channelOptions} value={channel} placeholder='请选择' onChange={setChannel} />
      </Field>
      <Field id='intake-report-town' label='所在街镇' error={errorOf('town', '请选择街镇')}>
        <SelectField id='intake-report-town' options={townOptions} value={town} placeholder='请选择' onChange={setTown} />
      </Field>
      <ActionButton
        id='intake-report-anonymous'
        className={`inspector-chip${anonymous ? ' inspector-chip--on' : ''}`}
        pressed={anonymous}
        onClick={() => setAnonymous(!anonymous)}
      >
        {anonymous ? '☑' : '☐'} 匿名举报（不记录举报人信息）
      </ActionButton>
      {anonymous ? null : (
        <>
          <TextBox id='intake-report-name' label='举报人姓名' optional value={name} onInput={setName} maxlength={50} />
          <TextBox id='intake-report-phone' label='举报人电话' optional value={phone} onInput={setPhone} error={errorOf('phone', '请填写正确的手机号')} type='number' maxlength={11} />
        </>
      )}
      <TextBox id='intake-report-employer' label='被举报单位' value={employer} onInput={setEmployer} error={errorOf('employer', '请填写单位名称')} maxlength={100} />
      <TextBox id='intake-report-description' label='举报内容' multiline value={description} onInput={setDescription} error={errorOf('description', '请填写举报内容')} maxlength={2000} />
      <FormMessage id='intake-report' error={error} done={done ? `已登记举报，编号 ${done.reference}` : undefined} />
      {done ? (
        <ActionButton id='intake-report-open' className='hx-button hx-button--secondary' onClick={() => void Taro.navigateTo({ url: inspectorClaimUrl(done.id) })}>
          打开这件举报
        </ActionButton>
      ) : null}
      <ActionButton id='intake-report-submit' className={`hx-button hx-button--primary${busy ? ' hx-button--busy' : ''}`} onClick={() => void submit()}>
        登记举报
      </ActionButton>
    </View>
  )
}
