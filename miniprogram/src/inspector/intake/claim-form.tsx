/**
 * 代为登记投诉 — staff enter a wage claim for a worker who called 12333, came in, wrote or was
 * referred (API.md, Staff-side claims): the channel and how the worker consented are recorded. The
 * worker later sees and follows it in the app after proving the same phone number by SMS.
 *
 * BROWSER-TEST SELECTORS: #intake-claim-channel, #intake-claim-consent (selects),
 * #intake-claim-consent-note, #intake-claim-name, #intake-claim-phone, #intake-claim-employer,
 * #intake-claim-town, #intake-claim-industry (select), #intake-claim-from, #intake-claim-to,
 * #intake-claim-amount, #intake-claim-workers, #intake-claim-description, #intake-claim-submit,
 * #intake-claim-error, #intake-claim-done (with the reference)
 */
import { View } from '@tarojs/components'
import { useState } from 'react'
import type { CreateClaimBody } from '@huxin/shared/schemas/claim'
import { PRIVACY_POLICY_VERSION } from '@huxin/shared/domain/claim-rules'
import type { StaffIntakeChannel } from '@huxin/shared/domain/claim-status'
import { parseYuanToFen } from '@huxin/shared/domain/money'
import { Field } from '../../components/field'
import { Heading } from '../../components/heading'
import { SelectField } from '../../components/select-field'
import { newIdempotencyKey } from '../../lib/idempotency'
import { intakeApi } from '../intake-api'
import { ChannelSelect, defaultTown, DescriptionBox, EmployerBox, FormEnd, TownSelect, type StaffTowns } from './field-blocks'
import { industryOptions, refusal, TextBox } from './form-bits'

const consentOptions = [
  { value: 'verbal' as const, label: '口头同意（电话或当面）' },
  { value: 'signed' as const, label: '书面签字同意' },
]

export function ClaimIntakeForm({ towns }: { towns: StaffTowns }) {
  const [f, setF] = useState({
    channel: 'hotline' as StaffIntakeChannel,
    consent: 'verbal' as 'verbal' | 'signed',
    consentNote: '',
    name: '',
    phone: '',
    employer: '',
    town: defaultTown(towns),
    industry: 'construction' as CreateClaimBody['industry'],
    from: '',
    to: '',
    amount: '',
    workers: '1',
    description: '',
  })
  const [key, setKey] = useState(newIdempotencyKey())
  const [error, setError] = useState<string | undefined>()
  const [bad, setBad] = useState<string[]>([])
  const [done, setDone] = useState<{ id: string; reference: string } | undefined>()
  const [busy, setBusy] = useState(false)
  const set = <K extends keyof typeof f>(k: K) => (v: (typeof f)[K]) => setF({ ...f, [k]: v })
  const errorOf = (field: string, text: string) => (bad.some((b) => b.includes(field)) ? text : undefined)

  async function submit() {
    if (busy) return
    const amountOwedFen = parseYuanToFen(f.amount)
    const local: string[] = []
    if (f.name.trim() === '') local.push('claimant.name')
    if (f.employer.trim() === '') local.push('employer.name')
    if (!/^\d{4}-\d{2}$/.test(f.from)) local.push('periodFrom')
    if (!/^\d{4}-\d{2}$/.test(f.to)) local.push('periodTo')
    if (amountOwedFen === undefined || amountOwedFen <= 0) local.push('amountOwedFen')
    if (f.description.trim() === '') local.push('description')
    if (f.town === '') local.push('town')
    if (local.length > 0) {
      setBad(local)
      setError('请补全标红的内容')
      return
    }
    const body: CreateClaimBody = {
      claimant: f.phone.trim() ? { name: f.name.trim(), phone: f.phone.trim() } : { name: f.name.trim() },
      employer: { name: f.employer.trim() },
      industry: f.industry,
      town: f.town as CreateClaimBody['town'],
      periodFrom: f.from,
      periodTo: f.to,
      amountOwedFen: amountOwedFen!,
      workersCount: Math.max(1, Number(f.workers) || 1),
      description: f.description.trim(),
      confidential: false,
      consent: { privacyVersion: PRIVACY_POLICY_VERSION, sensitiveInfo: false },
      channel: f.channel,
      workerConsent: f.consentNote.trim() ? { how: f.consent, note: f.consentNote.trim() } : { how: f.consent },
    }
    setBusy(true)
    setError(undefined)
    try {
      const claim = await intakeApi.fileClaim(body, key)
      setDone({ id: claim.id, reference: claim.reference })
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
        代为登记投诉
      </Heading>
      <ChannelSelect prefix='intake-claim' value={f.channel} onChange={set('channel')} />
      <Field id='intake-claim-consent' label='劳动者同意代为登记的方式' error={undefined}>
        <SelectField id='intake-claim-consent' options={consentOptions} value={f.consent} placeholder='请选择' onChange={set('consent')} />
      </Field>
      <TextBox id='intake-claim-consent-note' label='同意情况说明' optional value={f.consentNote} onInput={set('consentNote')} />
      <TextBox id='intake-claim-name' label='劳动者姓名' value={f.name} onInput={set('name')} error={errorOf('claimant.name', '请填写姓名')} maxlength={50} />
      <TextBox id='intake-claim-phone' label='劳动者手机号' optional hint='劳动者用这个号码短信登录后，可在小程序里查看这件投诉' value={f.phone} onInput={set('phone')} error={errorOf('phone', '请填写正确的手机号')} type='number' maxlength={11} />
      <EmployerBox prefix='intake-claim' label='用人单位' value={f.employer} onInput={set('employer')} error={errorOf('employer', '请填写用人单位名称')} />
      <TownSelect prefix='intake-claim' towns={towns} value={f.town} onChange={set('town')} error={errorOf('town', '请选择街镇')} />
      <Field id='intake-claim-industry' label='行业' error={undefined}>
        <SelectField id='intake-claim-industry' options={industryOptions} value={f.industry} placeholder='请选择' onChange={set('industry')} />
      </Field>
      <TextBox id='intake-claim-from' label='欠薪开始月份（年-月）' value={f.from} onInput={set('from')} error={errorOf('periodFrom', '格式如 2026-03')} maxlength={7} />
      <TextBox id='intake-claim-to' label='欠薪结束月份（年-月）' value={f.to} onInput={set('to')} error={errorOf('periodTo', '格式如 2026-06')} maxlength={7} />
      <TextBox id='intake-claim-amount' label='被欠金额（元）' value={f.amount} onInput={set('amount')} error={errorOf('amountOwedFen', '请填写大于 0 的金额')} type='digit' maxlength={12} />
      <TextBox id='intake-claim-workers' label='涉及人数' value={f.workers} onInput={set('workers')} type='number' maxlength={5} />
      <DescriptionBox prefix='intake-claim' label='情况说明' value={f.description} onInput={set('description')} error={errorOf('description', '请填写情况说明')} />
      <FormEnd
        prefix='intake-claim'
        error={error}
        done={done}
        doneText={(reference) => `已登记，编号 ${reference}`}
        openLabel='打开这件投诉'
        submitLabel='登记投诉'
        busy={busy}
        onSubmit={() => void submit()}
      />
    </View>
  )
}
