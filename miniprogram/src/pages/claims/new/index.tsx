/**
 * 欠薪投诉 — the claim form, the mini-program's home page (`#/pages/claims/new/index` in H5; `/`
 * shows it too).
 *
 * BROWSER-TEST SELECTORS (H5 build, checked with Playwright + Chromium against dist/h5)
 * Taro renders <Input>/<Textarea>/<Switch> as custom elements (`taro-input-core` …) that carry the
 * `id` and wrap the native control, so `page.fill('#claimant-name', …)` throws ("not an <input>");
 * target the native control inside:
 *   姓名              page.fill('#claimant-name input', '张三')
 *   手机号            page.fill('#claimant-phone input', '13812345678')
 *   用人单位名称      page.fill('#employer-name input', '某某建筑工程有限公司')
 *   统一社会信用代码  page.fill('#employer-credit-code input', '91320400MA1MABCD1M')
 *   工程项目名称      page.fill('#project-name input', '某某花园二期')
 *   欠薪金额（元）    page.fill('#amount-yuan input', '8000.50')   (then #amount-preview shows 即 8,000.50 元)
 *   涉及人数          page.fill('#workers-count input', '3')
 *   情况说明          page.fill('#description textarea', '…')
 * Choices are native controls in H5 (components/select-field.h5.tsx, month-field.h5.tsx; the weapp
 * uses Taro's <Picker>), with the `id` on the control itself: no popup to drive.
 *   行业              page.selectOption('#industry', { label: '建筑业' })  or value 'construction'
 *   所在镇/街道       page.selectOption('#town', { label: '横林镇' })     or value 'henglin'
 *   欠薪开始/结束月份 page.fill('#period-from', '2025-03'); page.fill('#period-to', '2025-06')
 *                     (<input type="month">, value YYYY-MM; no later than the current month)
 *   是否要求保密      page.click('#confidential') toggles; or page.check('#confidential input')
 *   隐私政策同意      page.check('#consent') or page.click('#consent') (role="checkbox",
 *                     aria-checked="true|false"; page.isChecked('#consent') works)
 *   提交              page.click('#submit'); while sending it shows 正在提交… and has
 *                     aria-disabled="true" (Taro's H5 button always carries a disabled attribute,
 *                     "false" when enabled, so check aria-disabled, not [disabled])
 * Results:
 *   field errors      `#<field-id>-error`, e.g. #claimant-name-error, #consent-error
 *   form message      #form-notice (e.g. 网络不好，已保存草稿，请稍后重试; 已恢复您上次没有提交的内容)
 *   success           #claim-success, reference in .claim-reference, deadline in #accept-due
 *                     (YYYY年M月D日, Asia/Shanghai), button #file-another
 * The draft lives in localStorage under `huxin:claim-draft:v1` (Taro wraps it as {"data": …}).
 */
import { Button, Input, Switch, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { Claim } from '@huxin/shared'
import { PRIVACY_POLICY_VERSION, shanghaiMonth } from '@huxin/shared/domain/claim-rules'
import { ApiError, api } from '../../../api/client'
import { MonthField } from '../../../components/month-field'
import { SelectField } from '../../../components/select-field'
import { formatShanghaiDate } from '../../../lib/dates'
import { clearDraft, loadDraft, saveDraft } from '../../../lib/draft-storage'
import {
  amountPreview,
  answerWasLost,
  EARLIEST_MONTH,
  emptyDraft,
  firstErrorFieldId,
  INDUSTRY_OPTIONS,
  isBlankDraft,
  placeFieldErrors,
  prepareSubmission,
  rememberUnansweredBody,
  submitErrorMessage,
  submitWithRecovery,
  TOWN_OPTIONS,
  withNewKey,
  type ClaimDraft,
  type FieldId,
  type FieldMessages,
} from './form'

import './index.css'

type Notice = { kind: 'error' | 'info'; text: string }

function scrollToField(id: FieldId | undefined) {
  if (id === undefined) return
  Taro.pageScrollTo({ selector: `#${id}`, offsetTop: -120, duration: 300 }).catch(() => {
    // Scrolling is a convenience; the red messages are visible anyway.
  })
}

function scrollToTop() {
  Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => {})
}

interface FieldProps {
  id: FieldId
  label: string
  optional?: boolean
  hint?: string
  error: string | undefined
  children: ReactNode
}

/** One labelled control with its hint and, when there is one, its error in red right below it. */
function Field({ id, label, optional, hint, error, children }: FieldProps) {
  return (
    <View className={`field${error ? ' field--error' : ''}`}>
      <View className='field-label'>
        <Text>{label}</Text>
        {optional ? <Text className='field-optional'>（选填）</Text> : null}
      </View>
      {hint ? <View className='field-hint'>{hint}</View> : null}
      {children}
      {error ? (
        <View className='field-error' id={`${id}-error`}>
          {error}
        </View>
      ) : null}
    </View>
  )
}

function SuccessView({ claim, earlierVersion, onNew }: { claim: Claim; earlierVersion: boolean; onNew: () => void }) {
  const due = formatShanghaiDate(claim.acceptDueAt)
  return (
    <View className='page success' id='claim-success'>
      <View className='success-mark'>✓</View>
      <View className='success-title'>提交成功</View>
      <View className='success-card'>
        <View className='success-label'>投诉编号</View>
        <Text className='claim-reference' userSelect>
          {claim.reference}
        </Text>
        <View className='success-note'>请记下或截图保存这个编号，查询进度时要用。</View>
      </View>
      {due ? (
        <View className='success-card'>
          <View className='success-label'>受理期限</View>
          <View className='success-due' id='accept-due'>
            {due}
            {claim.acceptDueProvisional ? '（预计）' : ''}
          </View>
          <View className='success-note'>劳动保障监察机构会在这一天之前告诉您是否受理。</View>
        </View>
      ) : null}
      {earlierVersion ? (
        <View className='notice notice--info'>
          网络中断前，您之前填写的版本已经提交成功，以上是那一次的编号。如需补充内容，请联系劳动保障监察大队。
        </View>
      ) : null}
      <Button id='file-another' className='hx-button hx-button--secondary' onClick={onNew}>
        再投诉一件
      </Button>
    </View>
  )
}

export default function NewClaimPage() {
  const [initial] = useState(() => {
    const stored = loadDraft()
    return { draft: stored, restored: !isBlankDraft(stored) }
  })
  const [draft, setDraft] = useState<ClaimDraft>(initial.draft)
  const [errors, setErrors] = useState<FieldMessages>({})
  const [notice, setNotice] = useState<Notice | undefined>(
    initial.restored ? { kind: 'info', text: '已恢复您上次没有提交的内容' } : undefined,
  )
  const [sending, setSending] = useState(false)
  const sendingRef = useRef(false)
  const [success, setSuccess] = useState<{ claim: Claim; earlierVersion: boolean } | undefined>()

  // Save on every change so that nothing typed is lost when the app is closed or the network drops.
  useEffect(() => {
    if (isBlankDraft(draft)) clearDraft()
    else saveDraft(draft)
  }, [draft])

  const thisMonth = shanghaiMonth(new Date())

  function update(patch: Partial<ClaimDraft>, field: FieldId) {
    setDraft((d) => ({ ...d, ...patch }))
    if (errors[field] !== undefined) {
      setErrors((e) => {
        const next = { ...e }
        delete next[field]
        return next
      })
    }
  }

  async function submit() {
    if (sendingRef.current) return
    const { body, errors: found } = prepareSubmission(draft)
    if (body === undefined) {
      const placed = placeFieldErrors(found)
      setErrors(placed.byField)
      setNotice({ kind: 'error', text: ['有几处需要修改，请看红色提示', ...placed.other].join('。') })
      scrollToField(firstErrorFieldId(placed.byField))
      return
    }
    sendingRef.current = true
    setSending(true)
    setNotice(undefined)
    setErrors({})
    try {
      const result = await submitWithRecovery(body, draft, api.createClaim)
      clearDraft()
      setDraft(emptyDraft())
      setSuccess(result)
      scrollToTop()
    } catch (error) {
      if (answerWasLost(error)) setDraft((d) => rememberUnansweredBody(d, body))
      if (error instanceof ApiError && error.status === 422) setDraft((d) => withNewKey(d))
      let other: string[] = []
      if (error instanceof ApiError && error.details.length > 0) {
        const placed = placeFieldErrors(error.details)
        setErrors(placed.byField)
        other = placed.other
        scrollToField(firstErrorFieldId(placed.byField))
      }
      setNotice({ kind: 'error', text: [submitErrorMessage(error), ...other].join('。') })
    } finally {
      sendingRef.current = false
      setSending(false)
    }
  }

  function startAnother() {
    setSuccess(undefined)
    setErrors({})
    setNotice(undefined)
    setDraft(emptyDraft())
    scrollToTop()
  }

  if (success) {
    return <SuccessView claim={success.claim} earlierVersion={success.earlierVersion} onNew={startAnother} />
  }

  const preview = amountPreview(draft.amountYuan)
  const inputClass = (id: FieldId) => `field-input${errors[id] ? ' field-input--error' : ''}`

  return (
    <View className='page claim-form'>
      <View className='intro'>
        <View className='intro-title'>我要投诉欠薪</View>
        <View className='intro-text'>老板欠工资不给？填好下面的内容，劳动保障监察机构会帮您处理。带 * 的必须填。</View>
      </View>

      <View className='section-title'>您的信息</View>
      <Field id='claimant-name' label='姓名 *' error={errors['claimant-name']}>
        <Input
          id='claimant-name'
          className={inputClass('claimant-name')}
          value={draft.claimantName}
          maxlength={50}
          placeholder='填写您的真实姓名'
          onInput={(e) => update({ claimantName: e.detail.value }, 'claimant-name')}
        />
      </Field>
      <Field id='claimant-phone' label='手机号' optional hint='方便工作人员联系您' error={errors['claimant-phone']}>
        <Input
          id='claimant-phone'
          className={inputClass('claimant-phone')}
          type='number'
          value={draft.claimantPhone}
          maxlength={11}
          placeholder='11 位手机号'
          onInput={(e) => update({ claimantPhone: e.detail.value }, 'claimant-phone')}
        />
      </Field>

      <View className='section-title'>欠您工资的单位</View>
      <Field id='employer-name' label='用人单位名称 *' hint='公司、老板或包工头的名称' error={errors['employer-name']}>
        <Input
          id='employer-name'
          className={inputClass('employer-name')}
          value={draft.employerName}
          maxlength={100}
          placeholder='例如：某某建筑工程有限公司'
          onInput={(e) => update({ employerName: e.detail.value }, 'employer-name')}
        />
      </Field>
      <Field
        id='employer-credit-code'
        label='统一社会信用代码'
        optional
        hint='营业执照上的 18 位代码，不知道可以不填'
        error={errors['employer-credit-code']}
      >
        <Input
          id='employer-credit-code'
          className={inputClass('employer-credit-code')}
          value={draft.employerCreditCode}
          maxlength={18}
          placeholder='18 位代码'
          onInput={(e) => update({ employerCreditCode: e.detail.value }, 'employer-credit-code')}
        />
      </Field>
      <Field id='project-name' label='工程项目名称' optional hint='在工地干活的，填工地或楼盘名称' error={errors['project-name']}>
        <Input
          id='project-name'
          className={inputClass('project-name')}
          value={draft.projectName}
          maxlength={100}
          placeholder='例如：某某花园二期'
          onInput={(e) => update({ projectName: e.detail.value }, 'project-name')}
        />
      </Field>
      <Field id='industry' label='行业 *' error={errors.industry}>
        <SelectField
          id='industry'
          options={INDUSTRY_OPTIONS}
          value={draft.industry}
          placeholder='点这里选择行业'
          invalid={errors.industry !== undefined}
          onChange={(industry) => update({ industry }, 'industry')}
        />
      </Field>
      <Field id='town' label='所在镇/街道 *' hint='干活的地方属于哪个镇或街道' error={errors.town}>
        <SelectField
          id='town'
          options={TOWN_OPTIONS}
          value={draft.town}
          placeholder='点这里选择镇/街道'
          invalid={errors.town !== undefined}
          onChange={(town) => update({ town }, 'town')}
        />
      </Field>

      <View className='section-title'>欠薪情况</View>
      <Field id='period-from' label='欠薪开始月份 *' error={errors['period-from']}>
        <MonthField
          id='period-from'
          value={draft.periodFrom}
          start={EARLIEST_MONTH}
          end={thisMonth}
          placeholder='点这里选择月份'
          invalid={errors['period-from'] !== undefined}
          onChange={(periodFrom) => update({ periodFrom }, 'period-from')}
        />
      </Field>
      <Field id='period-to' label='欠薪结束月份 *' hint='到现在还欠着的，选本月' error={errors['period-to']}>
        <MonthField
          id='period-to'
          value={draft.periodTo}
          start={draft.periodFrom || EARLIEST_MONTH}
          end={thisMonth}
          placeholder='点这里选择月份'
          invalid={errors['period-to'] !== undefined}
          onChange={(periodTo) => update({ periodTo }, 'period-to')}
        />
      </Field>
      <Field id='amount-yuan' label='欠薪金额（元）*' hint='一共被欠了多少钱' error={errors['amount-yuan']}>
        <Input
          id='amount-yuan'
          className={inputClass('amount-yuan')}
          type='digit'
          value={draft.amountYuan}
          maxlength={15}
          placeholder='例如：8000'
          onInput={(e) => update({ amountYuan: e.detail.value }, 'amount-yuan')}
        />
        {preview ? (
          <View className='amount-preview' id='amount-preview'>
            {preview}
          </View>
        ) : null}
      </Field>
      <Field id='workers-count' label='涉及人数 *' hint='一起被欠工资的人数，包括您自己' error={errors['workers-count']}>
        <Input
          id='workers-count'
          className={inputClass('workers-count')}
          type='number'
          value={draft.workersCount}
          maxlength={5}
          onInput={(e) => update({ workersCount: e.detail.value }, 'workers-count')}
        />
      </Field>
      <Field id='description' label='情况说明 *' hint='什么时候、在哪里干的活，老板怎么说的' error={errors.description}>
        <Textarea
          id='description'
          className={`field-textarea${errors.description ? ' field-input--error' : ''}`}
          value={draft.description}
          maxlength={2000}
          placeholder='简单说一说欠薪的经过'
          onInput={(e) => update({ description: e.detail.value }, 'description')}
        />
      </Field>

      <Field id='confidential' label='是否要求对身份保密' error={errors.confidential}>
        <View className='switch-row'>
          <Text className='switch-text'>{draft.confidential ? '是，请保密' : '否'}</Text>
          <Switch
            id='confidential'
            className='switch-control'
            checked={draft.confidential}
            color='#0b4f9c'
            onChange={(e) => update({ confidential: e.detail.value }, 'confidential')}
          />
        </View>
        <View className='field-hint'>打开后，处理时不向用人单位透露您的姓名和电话</View>
      </Field>

      <View className={`consent${errors.consent ? ' consent--error' : ''}`}>
        <View
          id='consent'
          className='consent-toggle'
          role='checkbox'
          aria-checked={draft.consent}
          aria-label='我已阅读并同意隐私政策'
          onClick={() => update({ consent: !draft.consent }, 'consent')}
        >
          <View className={`consent-box${draft.consent ? ' consent-box--checked' : ''}`}>{draft.consent ? '✓' : ''}</View>
          <View className='consent-text'>
            我已阅读并同意《护薪隐私政策》（{PRIVACY_POLICY_VERSION} 版），同意用我填写的信息处理这次投诉
          </View>
        </View>
        {errors.consent ? (
          <View className='field-error' id='consent-error'>
            {errors.consent}
          </View>
        ) : null}
      </View>

      {notice ? (
        <View className={`notice notice--${notice.kind}`} id='form-notice'>
          {notice.text}
        </View>
      ) : null}

      <Button
        id='submit'
        className={`hx-button hx-button--primary submit-button${sending ? ' hx-button--busy' : ''}`}
        disabled={sending}
        loading={sending}
        aria-disabled={sending}
        onClick={() => {
          void submit()
        }}
      >
        {sending ? '正在提交…' : '提交投诉'}
      </Button>
      <View className='draft-note'>填写的内容会自动保存在手机上，没网时也不会丢。</View>
    </View>
  )
}
