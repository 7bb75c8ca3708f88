/**
 * 匿名举报 — anyone reports a labour violation without signing in and without leaving a name
 * (`#/pages/report/index`, linked from 找帮助): kind, employer, town, what happened. Nothing about
 * the sender is kept; the server limits reports per network address (docs/casework.md, Reports).
 *
 * BROWSER-TEST SELECTORS: #report-kind, #report-town (selects), #report-employer input,
 * #report-description textarea, #report-submit, #report-error, #report-done (with the reference)
 */
import { View } from '@tarojs/components'
import { useState } from 'react'
import type { CreateReportBody } from '@huxin/shared/schemas/report'
import { REPORT_KINDS, REPORT_KIND_LABELS } from '@huxin/shared/domain/report-kinds'
import { TOWNS } from '@huxin/shared/domain/towns'
import { api } from '../../api'
import { ApiError } from '../../api/errors'
import { ActionButton } from '../../components/action-button'
import { Field } from '../../components/field'
import { Heading } from '../../components/heading'
import { SelectField } from '../../components/select-field'
import { TextField } from '../../components/text-field'
import { newIdempotencyKey } from '../../lib/idempotency'
import '../../components/form.css'
import './index.css'

type Kind = CreateReportBody['kind']
type Town = CreateReportBody['town']
const kindOptions = REPORT_KINDS.map((value) => ({ value, label: REPORT_KIND_LABELS[value] }))
const townOptions = TOWNS.map((t) => ({ value: t.code as Town, label: t.name }))

interface Errors {
  kind?: string
  town?: string
  employer?: string
  description?: string
}

export default function ReportPage() {
  const [kind, setKind] = useState<Kind | ''>('')
  const [town, setTown] = useState<Town | ''>('')
  const [employer, setEmployer] = useState('')
  const [description, setDescription] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [error, setError] = useState<string | undefined>()
  const [done, setDone] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  // One key per report: a retry after a lost answer is the same report, never a second one.
  const [key, setKey] = useState(newIdempotencyKey())

  async function submit() {
    if (busy) return
    const found: Errors = {}
    if (!kind) found.kind = '请选择举报的事项'
    if (!town) found.town = '请选择单位所在的镇或街道'
    if (employer.trim() === '') found.employer = '请填写单位名称'
    if (description.trim() === '') found.description = '请说一说发生了什么'
    setErrors(found)
    if (Object.keys(found).length > 0 || !kind || !town) {
      setError('还有内容没填好，请看标红的地方')
      return
    }
    setBusy(true)
    setError(undefined)
    try {
      const report = await api.reportAnonymously(
        { kind, town, employer: { name: employer.trim() }, description: description.trim(), anonymous: true },
        key,
      )
      setDone(report.reference)
      setKey(newIdempotencyKey())
      setEmployer('')
      setDescription('')
    } catch (e) {
      if (e instanceof ApiError && e.status === 429) setError(e.message || '举报过于频繁，请稍后再试；紧急情况请拨打 12333')
      else if (e instanceof ApiError && e.code === 'NETWORK') setError('网络不通，请检查网络后重试')
      else setError(e instanceof ApiError ? e.message : '提交失败，请重试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='page' role='main'>
      <Heading level={1} className='report-title'>
        匿名举报
      </Heading>
      <View className='notice notice--info'>
        不用登录，也不留姓名和电话。举报拖欠工资、不缴社保、超时加班、不签劳动合同、使用童工等违法行为，劳动保障监察大队会依法核查。
        举报人无法查询处理结果；想知道结果或为自己讨薪，请用“我要投诉”。
      </View>
      <Field id='report-kind' label='举报什么事' error={errors.kind}>
        <SelectField id='report-kind' options={kindOptions} value={kind} placeholder='请选择' invalid={!!errors.kind} onChange={setKind} />
      </Field>
      <Field id='report-town' label='单位在哪个镇或街道' error={errors.town}>
        <SelectField id='report-town' options={townOptions} value={town} placeholder='请选择' invalid={!!errors.town} onChange={setTown} />
      </Field>
      <TextField id='report-employer' label='单位名称' error={errors.employer} value={employer} onInput={setEmployer} maxLength={100} placeholder='如：常州某某机械有限公司' />
      <TextField
        id='report-description'
        label='发生了什么'
        hint='时间、地点、涉及多少人；请不要写您自己的姓名和电话'
        error={errors.description}
        value={description}
        onInput={setDescription}
        multiline
        maxLength={2000}
      />
      <View aria-live='polite'>
        {error ? (
          <View className='notice notice--error' id='report-error' role='alert'>
            {error}
          </View>
        ) : null}
        {done ? (
          <View className='notice notice--info' id='report-done' role='status'>
            已收到您的举报，编号 {done}。谢谢您！
          </View>
        ) : null}
      </View>
      <ActionButton id='report-submit' className='hx-button hx-button--primary' busy={busy} onClick={() => void submit()}>
        提交举报
      </ActionButton>
    </View>
  )
}
