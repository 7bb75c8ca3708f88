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
import { useState } from 'react'
import type { CreateReportBody } from '@huxin/shared/schemas/report'
import { ActionButton } from '../../components/action-button'
import { Heading } from '../../components/heading'
import { newIdempotencyKey } from '../../lib/idempotency'
import { intakeApi } from '../intake-api'
import { ChannelSelect, defaultTown, DescriptionBox, EmployerBox, FormEnd, KindSelect, TownSelect, type StaffTowns } from './field-blocks'
import { refusal, TextBox } from './form-bits'

export function ReportIntakeForm({ towns }: { towns: StaffTowns }) {
  const [kind, setKind] = useState<CreateReportBody['kind']>('wages')
  const [channel, setChannel] = useState<NonNullable<CreateReportBody['channel']>>('hotline')
  const [town, setTown] = useState<string>(defaultTown(towns))
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
    const local = [...(employer.trim() ? [] : ['employer']), ...(description.trim() ? [] : ['description']), ...(town ? [] : ['town'])]
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
      <KindSelect prefix='intake-report' label='举报事项' value={kind} onChange={setKind} />
      <ChannelSelect prefix='intake-report' value={channel} onChange={setChannel} />
      <TownSelect prefix='intake-report' towns={towns} value={town} onChange={setTown} error={errorOf('town', '请选择街镇')} />
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
      <EmployerBox prefix='intake-report' label='被举报单位' value={employer} onInput={setEmployer} error={errorOf('employer', '请填写单位名称')} />
      <DescriptionBox prefix='intake-report' label='举报内容' value={description} onInput={setDescription} error={errorOf('description', '请填写举报内容')} />
      <FormEnd
        prefix='intake-report'
        error={error}
        done={done}
        doneText={(reference) => `已登记举报，编号 ${reference}`}
        openLabel='打开这件举报'
        submitLabel='登记举报'
        busy={busy}
        onSubmit={() => void submit()}
      />
    </View>
  )
}
