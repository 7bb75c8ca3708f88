/**
 * 我要投诉 — the claim wizard, the mini-program's home page and first tab (`#/pages/claims/new/index`
 * in H5; `/` shows it too). Five steps: 1 您的信息, 2 欠薪单位, 3 欠薪情况, 4 说明和证据, 5 确认提交.
 * Everything typed, the step and the photos chosen are saved on the phone after every change.
 *
 * BROWSER-TEST SELECTORS (H5 build, checked with Playwright + Chromium against dist/h5)
 * Taro renders <Input>/<Textarea>/<Switch> as custom elements (`taro-input-core` …) that carry the
 * `id` and wrap the native control, so `page.fill('#claimant-name', …)` throws ("not an <input>");
 * target the native control inside. Only the current step's controls exist in the page.
 *   steps             #step-1 … #step-5 (the step on screen); #wizard-progress (第 N 步，共 5 步)
 *                     #wizard-next 下一步 (checks this step first), #wizard-back 上一步,
 *                     on step 5: #edit-step-1 … #edit-step-4 (修改) jump back
 *   step 1 您的信息
 *     姓名              page.fill('#claimant-name input', '张三')
 *     手机号            page.fill('#claimant-phone input', '13812345678')
 *     身份证号码同意    page.check('#sensitive-consent') (role="checkbox"); only then:
 *     身份证号码        page.fill('#id-number input', '11010519491231002X')
 *   step 2 欠薪单位
 *     用人单位名称      page.fill('#employer-name input', '某某建筑工程有限公司')
 *     统一社会信用代码  page.fill('#employer-credit-code input', '91320400MA1MABCD1M')
 *     工程项目名称      page.fill('#project-name input', '某某花园二期')
 *     行业              page.selectOption('#industry', { label: '建筑业' })  or value 'construction'
 *     所在镇/街道       page.selectOption('#town', { label: '横林镇' })     or value 'henglin'
 *   step 3 欠薪情况
 *     欠薪开始/结束月份 page.fill('#period-from', '2025-03'); page.fill('#period-to', '2025-06')
 *                       (<input type="month">, value YYYY-MM; no later than the current month)
 *     欠薪金额（元）    page.fill('#amount-yuan input', '8000.50')   (#amount-preview: 即 8,000.50 元)
 *     涉及人数          page.fill('#workers-count input', '3')
 *     工友              page.click('#co-worker-add'); page.fill('#co-worker-0-name input', '李四');
 *                       page.fill('#co-worker-0-phone input', '139…'); page.click('#co-worker-0-remove')
 *   step 4 说明和证据
 *     情况说明          page.fill('#description textarea', '…')
 *     照片              #photo-album (从相册选) / #photo-camera (拍照) open Taro's hidden
 *                       <input type="file" id="taroChooseImage">: use
 *                       `const c = page.waitForEvent('filechooser'); await page.click('#photo-album');
 *                       await (await c).setFiles({ name, mimeType, buffer })`.
 *                       Thumbnails .photo-item (.photo-remove 删除); #photo-count (已选 N 张，最多 9 张);
 *                       #photos-notice (e.g. photos lost after a reload: 上次选的 N 张照片…)
 *   step 5 确认提交
 *     summary           #claim-summary
 *     是否要求保密      page.click('#confidential') toggles; or page.check('#confidential input')
 *     隐私政策同意      page.check('#consent') (role="checkbox", aria-checked)
 *     提交              page.click('#submit'); while sending it shows 正在提交… / 正在上传照片 1/2 and has
 *                       aria-disabled="true" (Taro's H5 button always carries a disabled attribute,
 *                       "false" when enabled, so check aria-disabled, not [disabled]). Not signed in:
 *                       it opens the sign-in page, which comes back here with the draft intact.
 * Results:
 *   field errors      `#<field-id>-error`, e.g. #claimant-name-error, #consent-error, #co-worker-0-name-error
 *   form message      #form-notice (e.g. 网络不好，已保存草稿，请稍后重试; 已恢复您上次没有提交的内容)
 *   retry             #retry 重试 (shown after a failure that may pass on retry; same idempotency key)
 *   filed, photos
 *   still to send     #claim-filed (编号 in .claim-reference), #retry, #skip-photos (不传了)
 *   success           #claim-success, reference in .claim-reference, deadline in #accept-due
 *                     (YYYY年M月D日, Asia/Shanghai), #photos-sent (已上传 N 张证据照片),
 *                     buttons #go-mine (查看我的投诉), #file-another (再投诉一件)
 * Storage (localStorage in H5; Taro wraps values as {"data": …}): draft `huxin:claim-draft:v2`
 * (the old form's `huxin:claim-draft:v1` is migrated once), last success `huxin:last-claim:v1`.
 */
import { Button, Image, Input, Switch, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { PRIVACY_POLICY_VERSION } from '@huxin/shared/domain/claim-rules'
import { shanghaiMonth } from '@huxin/shared/domain/shanghai-time'
import { api, ApiError } from '../../../api'
import { CheckBox } from '../../../components/check-box'
import { Field, inputClass } from '../../../components/field'
import { MonthField } from '../../../components/month-field'
import { PrivacySheet } from '../../../components/privacy-sheet'
import { SelectField } from '../../../components/select-field'
import { formatShanghaiDate } from '../../../lib/dates'
import {
  clearDraft,
  clearLastSuccess,
  loadDraft,
  loadLastSuccess,
  saveDraft,
  saveLastSuccess,
} from '../../../lib/draft-storage'
import { newIdempotencyKey } from '../../../lib/idempotency'
import { goTo, goToLogin } from '../../../lib/navigation'
import { photoStore } from '../../../lib/photos'
import type { PhotoSource } from '../../../lib/photos.types'
import { PAGES } from '../../../lib/routes'
import {
  amountPreview,
  answerWasLost,
  coWorkerFieldId,
  EARLIEST_MONTH,
  emptyDraft,
  firstErrorFieldId,
  INDUSTRY_OPTIONS,
  isBlankDraft,
  MAX_PHOTOS,
  placeFieldErrors,
  prepareSubmission,
  submitErrorMessage,
  TOWN_OPTIONS,
  type ClaimDraft,
  type FieldId,
  type FieldMessages,
  type WizardStep,
} from './form'
import { askForClaimUpdates } from '../../../lib/subscribe'
import { lastSuccessFrom, runSubmission, type LastSuccess, type SubmitProgress } from './submit'
import {
  addCoWorker,
  addPhotos,
  dropLostPhotos,
  firstStepWithError,
  LAST_STEP,
  nextStep,
  photoAddNotice,
  photosLeft,
  previousStep,
  removeCoWorker,
  removePhoto,
  setSensitiveConsent,
  STEP_TITLES,
  stepOfError,
  summarise,
  updateCoWorker,
  validateStep,
} from './wizard'

import './index.css'

type Notice = { kind: 'error' | 'info'; text: string; retry?: boolean }

function scrollToField(id: FieldId | undefined) {
  if (id === undefined) return
  Taro.pageScrollTo({ selector: `#${id}`, offsetTop: -120, duration: 300 }).catch(() => {
    // Scrolling is a convenience; the red messages are visible anyway.
  })
}

function scrollToTop() {
  Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => {})
}

function progressText(progress: SubmitProgress | undefined): string {
  if (!progress || progress.phase === 'claim') return '正在提交…'
  return `正在上传照片 ${Math.min(progress.done + 1, progress.total)}/${progress.total}…`
}

function SuccessView({ success, onNew }: { success: LastSuccess; onNew: () => void }) {
  const due = formatShanghaiDate(success.acceptDueAt)
  return (
    <View className='page success' id='claim-success'>
      <View className='success-mark'>✓</View>
      <View className='success-title'>提交成功</View>
      <View className='success-card'>
        <View className='success-label'>投诉编号</View>
        <Text className='claim-reference' userSelect>
          {success.reference}
        </Text>
        <View className='success-note'>请记下或截图保存这个编号，查询进度时要用。</View>
      </View>
      {due ? (
        <View className='success-card'>
          <View className='success-label'>受理期限</View>
          <View className='success-due' id='accept-due'>
            {due}
            {success.acceptDueProvisional ? '（预计）' : ''}
          </View>
          <View className='success-note'>劳动保障监察机构会在这一天之前告诉您是否受理。</View>
        </View>
      ) : null}
      {success.photosSent > 0 ? (
        <View className='success-photos' id='photos-sent'>
          已上传 {success.photosSent} 张证据照片
        </View>
      ) : null}
      {success.photoProblems.map((problem) => (
        <View key={problem} className='notice notice--error'>
          {problem}
        </View>
      ))}
      {success.earlierVersion ? (
        <View className='notice notice--info'>
          网络中断前，您之前填写的版本已经提交成功，以上是那一次的编号。如需补充内容，请联系劳动保障监察大队。
        </View>
      ) : null}
      <Button id='go-mine' className='hx-button hx-button--primary success-button' onClick={() => goTo(PAGES.myClaims)}>
        查看我的投诉
      </Button>
      <Button id='file-another' className='hx-button hx-button--secondary success-button' onClick={onNew}>
        再投诉一件
      </Button>
    </View>
  )
}

export default function NewClaimPage() {
  const [boot] = useState(() => {
    const stored = loadDraft()
    const { draft, lost } = dropLostPhotos(stored, photoStore.isAvailable)
    return { draft, lost, restored: !isBlankDraft(stored), last: loadLastSuccess() }
  })
  const [draft, setDraftState] = useState<ClaimDraft>(boot.draft)
  const draftRef = useRef(boot.draft)
  const [errors, setErrors] = useState<FieldMessages>({})
  const [notice, setNotice] = useState<Notice | undefined>(
    boot.restored ? { kind: 'info', text: '已恢复您上次没有提交的内容' } : undefined,
  )
  const [photoNotice, setPhotoNotice] = useState<string | undefined>(
    boot.lost > 0 ? `上次选的 ${boot.lost} 张照片在关闭页面后丢失了，请重新选择` : undefined,
  )
  const [sending, setSending] = useState(false)
  const sendingRef = useRef(false)
  const [progress, setProgress] = useState<SubmitProgress | undefined>()
  const [success, setSuccess] = useState<LastSuccess | undefined>(boot.last)
  const [signedIn, setSignedIn] = useState(() => api.session.isSignedIn())

  function setDraft(next: ClaimDraft | ((d: ClaimDraft) => ClaimDraft)) {
    const value = typeof next === 'function' ? next(draftRef.current) : next
    draftRef.current = value
    setDraftState(value)
  }

  // Save on every change so that nothing typed is lost when the app is closed or the network drops.
  useEffect(() => {
    if (isBlankDraft(draft) && draft.step === 1) clearDraft()
    else saveDraft(draft)
  }, [draft])

  useDidShow(() => {
    const now = api.session.isSignedIn()
    setSignedIn(now)
    if (now) setNotice((n) => (n?.text.startsWith('请先登录') ? { kind: 'info', text: '已登录，请再点一次“提交投诉”' } : n))
  })

  const thisMonth = shanghaiMonth(new Date())
  const step = draft.step

  function clearError(field: FieldId) {
    if (errors[field] === undefined) return
    setErrors((e) => {
      const next = { ...e }
      delete next[field]
      return next
    })
  }

  function update(patch: Partial<ClaimDraft>, field: FieldId) {
    setDraft((d) => ({ ...d, ...patch }))
    clearError(field)
  }

  function goToStep(target: WizardStep, keepErrors?: FieldMessages) {
    setDraft((d) => ({ ...d, step: target }))
    setErrors(keepErrors ?? {})
    scrollToTop()
  }

  function showErrors(found: Parameters<typeof placeFieldErrors>[0], lead = '有几处需要修改，请看红色提示') {
    const placed = placeFieldErrors(found)
    setErrors(placed.byField)
    setNotice({ kind: 'error', text: [lead, ...placed.other].join('。') })
    scrollToField(firstErrorFieldId(placed.byField))
    return placed
  }

  function next() {
    const found = validateStep(draft, step)
    if (found.length > 0) {
      showErrors(found)
      return
    }
    setNotice(undefined)
    goToStep(nextStep(step))
  }

  function back() {
    setNotice(undefined)
    goToStep(previousStep(step))
  }

  async function choosePhotos(source: PhotoSource) {
    const left = photosLeft(draftRef.current)
    if (left <= 0) {
      setPhotoNotice(`最多 ${MAX_PHOTOS} 张照片`)
      return
    }
    const picked = await photoStore.pick(source, left)
    if (picked.cancelled) return
    if (picked.problem) {
      setPhotoNotice(picked.problem)
      return
    }
    const kept = await Promise.all(picked.photos.map((photo) => photoStore.keep(photo)))
    const result = addPhotos(draftRef.current, kept, newIdempotencyKey)
    setDraft(result.draft)
    setPhotoNotice(photoAddNotice(result.tooLarge, result.overLimit))
    clearError('photos')
  }

  function dropPhoto(id: string) {
    const photo = draftRef.current.photos.find((p) => p.id === id)
    if (photo) photoStore.forget(photo.path)
    setDraft((d) => removePhoto(d, id))
    setPhotoNotice(undefined)
  }

  function finish(success: LastSuccess) {
    saveLastSuccess(success)
    draftRef.current.photos.forEach((photo) => photoStore.forget(photo.path))
    clearDraft()
    setDraft(emptyDraft())
    setErrors({})
    setNotice(undefined)
    setPhotoNotice(undefined)
    setSuccess(success)
    scrollToTop()
  }

  async function submit() {
    if (sendingRef.current) return
    const current = draftRef.current
    let body = undefined as ReturnType<typeof prepareSubmission>['body']
    if (!current.filed) {
      const prepared = prepareSubmission(current)
      if (prepared.body === undefined) {
        const first = firstStepWithError(prepared.errors) ?? LAST_STEP
        const onStep = prepared.errors.filter((e) => stepOfError(e) === first)
        if (first !== step) goToStep(first)
        showErrors(onStep, first === step ? undefined : `第 ${first} 步“${STEP_TITLES[first]}”有几处需要修改，请看红色提示`)
        return
      }
      body = prepared.body
    }
    if (!api.session.isSignedIn()) {
      setNotice({ kind: 'info', text: '请先登录。登录后会回到这里，您填写的内容不会丢' })
      goToLogin(PAGES.newClaim)
      return
    }

    // From the tap itself, as WeChat requires; only for a new claim, not for a retry.
    if (!current.filed) askForClaimUpdates()
    sendingRef.current = true
    setSending(true)
    setNotice(undefined)
    setErrors({})
    try {
      const result = await runSubmission(current, body, {
        createClaim: api.createClaim,
        uploadPhoto: api.uploadAttachment,
        commit: (d) => {
          setDraft(d)
          saveDraft(d)
        },
        isAvailable: photoStore.isAvailable,
        onProgress: setProgress,
      })
      finish(lastSuccessFrom(result))
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        // The client has opened the sign-in page; the draft is kept.
        setSignedIn(false)
        setNotice({ kind: 'info', text: '请先登录。登录后会回到这里，您填写的内容不会丢' })
        return
      }
      if (error instanceof ApiError && error.status === 400 && error.details.length > 0 && !draftRef.current.filed) {
        const first = firstStepWithError(error.details) ?? LAST_STEP
        if (first !== step) goToStep(first)
        showErrors(
          error.details.filter((e) => stepOfError(e) === first),
          first === step ? submitErrorMessage(error) : `第 ${first} 步“${STEP_TITLES[first]}”有几处需要修改，请看红色提示`,
        )
        return
      }
      const retry = answerWasLost(error) || (error instanceof ApiError && (error.status === 409 || error.status === 429))
      setNotice({ kind: 'error', text: submitErrorMessage(error), retry })
    } finally {
      sendingRef.current = false
      setSending(false)
      setProgress(undefined)
    }
  }

  /** The claim is filed but some photos would not go up: finish without them. */
  function skipRemainingPhotos() {
    const filed = draftRef.current.filed
    if (!filed) return
    const photos = draftRef.current.photos
    const missing = photos.filter((p) => p.attachmentId === undefined).length
    finish({
      ...filed,
      photosSent: new Set(photos.flatMap((p) => (p.attachmentId === undefined ? [] : [p.attachmentId]))).size,
      photoProblems: missing > 0 ? [`有 ${missing} 张照片没有传上去，可以联系劳动保障监察大队补交`] : [],
    })
  }

  function startAnother() {
    clearLastSuccess()
    setSuccess(undefined)
    setErrors({})
    setNotice(undefined)
    setDraft(emptyDraft())
    scrollToTop()
  }

  if (success) {
    return <SuccessView success={success} onNew={startAnother} />
  }

  const retryButton = (
    <Button
      id='retry'
      className={`hx-button hx-button--primary${sending ? ' hx-button--busy' : ''}`}
      aria-disabled={sending}
      onClick={() => {
        void submit()
      }}
    >
      {sending ? progressText(progress) : '重试'}
    </Button>
  )

  const noticeView = notice ? (
    <View className={`notice notice--${notice.kind}`} id='form-notice'>
      {notice.text}
    </View>
  ) : null

  // Filed, photos still to send: nothing left to edit.
  if (draft.filed) {
    const waiting = draft.photos.filter((p) => p.attachmentId === undefined && p.refused === undefined).length
    return (
      <View className='page claim-form' id='claim-filed'>
        <View className='success-card'>
          <View className='success-label'>投诉已经提交，编号</View>
          <Text className='claim-reference' userSelect>
            {draft.filed.reference}
          </Text>
          <View className='success-note'>还有 {waiting} 张照片没有传上去。网络好的时候点“重试”。</View>
        </View>
        {noticeView}
        {retryButton}
        <Button id='skip-photos' className='hx-button hx-button--secondary skip-button' onClick={skipRemainingPhotos}>
          不传照片了，完成
        </Button>
      </View>
    )
  }

  const err = (id: FieldId) => errors[id]

  return (
    <View className='page claim-form'>
      <View className='wizard-head'>
        <View className='intro-title'>我要投诉欠薪</View>
        <View className='wizard-progress' id='wizard-progress'>
          第 {step} 步，共 {LAST_STEP} 步：{STEP_TITLES[step]}
        </View>
        <View className='wizard-dots' aria-hidden>
          {([1, 2, 3, 4, 5] as const).map((n) => (
            <View key={n} className={`wizard-dot${n <= step ? ' wizard-dot--done' : ''}`} />
          ))}
        </View>
      </View>

      {step === 1 ? (
        <View id='step-1'>
          <View className='intro-text'>老板欠工资不给？按步骤填好，劳动保障监察机构会帮您处理。带 * 的必须填。</View>
          <View className='section-title'>您的信息</View>
          <Field id='claimant-name' label='姓名 *' error={err('claimant-name')}>
            <Input
              id='claimant-name'
              className={inputClass(err('claimant-name'))}
              value={draft.claimantName}
              maxlength={50}
              placeholder='填写您的真实姓名'
              onInput={(e) => update({ claimantName: e.detail.value }, 'claimant-name')}
            />
          </Field>
          <Field id='claimant-phone' label='手机号' optional hint='方便工作人员联系您' error={err('claimant-phone')}>
            <Input
              id='claimant-phone'
              className={inputClass(err('claimant-phone'))}
              type='number'
              value={draft.claimantPhone}
              maxlength={11}
              placeholder='11 位手机号'
              onInput={(e) => update({ claimantPhone: e.detail.value }, 'claimant-phone')}
            />
          </Field>
          <CheckBox
            id='sensitive-consent'
            checked={draft.sensitiveConsent}
            label='我愿意提供身份证号码（选填），并单独同意护薪处理这一敏感个人信息：只用于核实身份，加密保存。'
            error={err('sensitive-consent')}
            onChange={(agreed) => {
              setDraft((d) => setSensitiveConsent(d, agreed))
              clearError('sensitive-consent')
              clearError('id-number')
            }}
          />
          {draft.sensitiveConsent ? (
            <Field id='id-number' label='身份证号码' optional hint='18 位，最后一位可能是 X' error={err('id-number')}>
              <Input
                id='id-number'
                className={inputClass(err('id-number'))}
                type='idcard'
                value={draft.idNumber}
                maxlength={18}
                placeholder='18 位身份证号码'
                onInput={(e) => update({ idNumber: e.detail.value }, 'id-number')}
              />
            </Field>
          ) : null}
        </View>
      ) : null}

      {step === 2 ? (
        <View id='step-2'>
          <View className='section-title'>欠您工资的单位</View>
          <Field id='employer-name' label='用人单位名称 *' hint='公司、老板或包工头的名称' error={err('employer-name')}>
            <Input
              id='employer-name'
              className={inputClass(err('employer-name'))}
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
            error={err('employer-credit-code')}
          >
            <Input
              id='employer-credit-code'
              className={inputClass(err('employer-credit-code'))}
              value={draft.employerCreditCode}
              maxlength={18}
              placeholder='18 位代码'
              onInput={(e) => update({ employerCreditCode: e.detail.value }, 'employer-credit-code')}
            />
          </Field>
          <Field id='project-name' label='工程项目名称' optional hint='在工地干活的，填工地或楼盘名称' error={err('project-name')}>
            <Input
              id='project-name'
              className={inputClass(err('project-name'))}
              value={draft.projectName}
              maxlength={100}
              placeholder='例如：某某花园二期'
              onInput={(e) => update({ projectName: e.detail.value }, 'project-name')}
            />
          </Field>
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
      ) : null}

      {step === 3 ? (
        <View id='step-3'>
          <View className='section-title'>欠薪情况</View>
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
          <Field id='amount-yuan' label='欠薪金额（元）*' hint='一共被欠了多少钱' error={err('amount-yuan')}>
            <Input
              id='amount-yuan'
              className={inputClass(err('amount-yuan'))}
              type='digit'
              value={draft.amountYuan}
              maxlength={15}
              placeholder='例如：8000'
              onInput={(e) => update({ amountYuan: e.detail.value }, 'amount-yuan')}
            />
            {amountPreview(draft.amountYuan) ? (
              <View className='amount-preview' id='amount-preview'>
                {amountPreview(draft.amountYuan)}
              </View>
            ) : null}
          </Field>
          <Field id='workers-count' label='涉及人数 *' hint='一起被欠工资的人数，包括您自己' error={err('workers-count')}>
            <Input
              id='workers-count'
              className={inputClass(err('workers-count'))}
              type='number'
              value={draft.workersCount}
              maxlength={5}
              onInput={(e) => update({ workersCount: e.detail.value }, 'workers-count')}
            />
          </Field>
          <Field
            id='co-workers'
            label='一起被欠薪的工友'
            optional
            hint='写上工友的姓名，有电话也可以写上，方便一起处理'
            error={err('co-workers')}
          >
            {draft.coWorkers.map((row, index) => {
              const nameId = coWorkerFieldId(index, 'name')
              const phoneId = coWorkerFieldId(index, 'phone')
              return (
                <View key={index} className='co-worker'>
                  <View className='co-worker-head'>
                    <Text className='co-worker-title'>工友 {index + 1}</Text>
                    <Text
                      id={`co-worker-${index}-remove`}
                      className='co-worker-remove'
                      onClick={() => {
                        setDraft((d) => removeCoWorker(d, index))
                        setErrors({})
                      }}
                    >
                      删除
                    </Text>
                  </View>
                  <Input
                    id={nameId}
                    className={`${inputClass(err(nameId))} co-worker-input`}
                    value={row.name}
                    maxlength={50}
                    placeholder='姓名'
                    onInput={(e) => {
                      setDraft((d) => updateCoWorker(d, index, { name: e.detail.value }))
                      clearError(nameId)
                    }}
                  />
                  {err(nameId) ? (
                    <View className='field-error' id={`${nameId}-error`}>
                      {err(nameId)}
                    </View>
                  ) : null}
                  <Input
                    id={phoneId}
                    className={`${inputClass(err(phoneId))} co-worker-input`}
                    type='number'
                    value={row.phone}
                    maxlength={11}
                    placeholder='手机号（可以不填）'
                    onInput={(e) => {
                      setDraft((d) => updateCoWorker(d, index, { phone: e.detail.value }))
                      clearError(phoneId)
                    }}
                  />
                  {err(phoneId) ? (
                    <View className='field-error' id={`${phoneId}-error`}>
                      {err(phoneId)}
                    </View>
                  ) : null}
                </View>
              )
            })}
            <Button
              id='co-worker-add'
              className='hx-button hx-button--secondary small-button'
              onClick={() => {
                setDraft((d) => addCoWorker(d))
                clearError('workers-count')
              }}
            >
              ＋ 添加一位工友
            </Button>
          </Field>
        </View>
      ) : null}

      {step === 4 ? (
        <View id='step-4'>
          <View className='section-title'>说明和证据</View>
          <Field id='description' label='情况说明 *' hint='什么时候、在哪里干的活，老板怎么说的' error={err('description')}>
            <Textarea
              id='description'
              className={`field-textarea${err('description') ? ' field-input--error' : ''}`}
              value={draft.description}
              maxlength={2000}
              placeholder='简单说一说欠薪的经过'
              onInput={(e) => update({ description: e.detail.value }, 'description')}
            />
          </Field>
          <Field
            id='photos'
            label='证据照片'
            optional
            hint='工资条、欠条、考勤记录、合同、聊天截图都可以拍下来'
            error={err('photos')}
          >
            {draft.photos.length > 0 ? (
              <View className='photo-grid'>
                {draft.photos.map((photo) => (
                  <View key={photo.id} className='photo-item'>
                    <Image className='photo-image' src={photo.path} mode='aspectFill' />
                    <Text className='photo-remove' onClick={() => dropPhoto(photo.id)}>
                      删除
                    </Text>
                  </View>
                ))}
              </View>
            ) : null}
            <View className='photo-count' id='photo-count'>
              已选 {draft.photos.length} 张，最多 {MAX_PHOTOS} 张
            </View>
            {photoNotice ? (
              <View className='notice notice--error' id='photos-notice'>
                {photoNotice}
              </View>
            ) : null}
            <View className='photo-buttons'>
              <Button
                id='photo-camera'
                className='hx-button hx-button--secondary photo-button'
                aria-disabled={photosLeft(draft) === 0}
                onClick={() => {
                  void choosePhotos('camera')
                }}
              >
                拍照
              </Button>
              <Button
                id='photo-album'
                className='hx-button hx-button--secondary photo-button'
                aria-disabled={photosLeft(draft) === 0}
                onClick={() => {
                  void choosePhotos('album')
                }}
              >
                从相册选
              </Button>
            </View>
            <View className='field-hint photo-tip'>没有照片也可以投诉。照片会在提交投诉后上传。</View>
          </Field>
        </View>
      ) : null}

      {step === 5 ? (
        <View id='step-5'>
          <View className='section-title'>请核对您填写的内容</View>
          <View id='claim-summary'>
            {summarise(draft).map((section) => (
              <View key={section.step} className='summary-card'>
                <View className='summary-head'>
                  <Text className='summary-title'>{section.title}</Text>
                  <Text id={`edit-step-${section.step}`} className='summary-edit' onClick={() => goToStep(section.step)}>
                    修改
                  </Text>
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

          <CheckBox
            id='consent'
            checked={draft.consent}
            label={`我已阅读并同意《护薪隐私政策》（${PRIVACY_POLICY_VERSION} 版），同意用我填写的信息处理这次投诉`}
            error={err('consent')}
            onChange={(consent) => update({ consent }, 'consent')}
          >
            <Text id='consent-policy' className='consent-link' onClick={() => goTo(PAGES.privacy)}>
              点这里看隐私政策
            </Text>
          </CheckBox>
          {!signedIn ? <View className='draft-note'>提交前需要先登录，点“提交投诉”会带您去登录。</View> : null}
        </View>
      ) : null}

      {noticeView}
      {notice?.retry ? <View className='notice-actions'>{retryButton}</View> : null}

      <View className='wizard-nav'>
        {step > 1 ? (
          <Button id='wizard-back' className='hx-button hx-button--secondary wizard-nav-button' onClick={back}>
            上一步
          </Button>
        ) : null}
        {step < LAST_STEP ? (
          <Button id='wizard-next' className='hx-button hx-button--primary wizard-nav-button' onClick={next}>
            下一步
          </Button>
        ) : (
          <Button
            id='submit'
            className={`hx-button hx-button--primary wizard-nav-button${sending ? ' hx-button--busy' : ''}`}
            aria-disabled={sending}
            onClick={() => {
              void submit()
            }}
          >
            {sending ? progressText(progress) : '提交投诉'}
          </Button>
        )}
      </View>
      <View className='draft-note'>填写的内容会自动保存在手机上，没网时也不会丢。</View>
      <PrivacySheet onOpenPolicy={() => goTo(PAGES.privacy)} />
    </View>
  )
}

