/**
 * 我要投诉 — the claim wizard, the mini-program's home page and first tab (`#/pages/claims/new/index`
 * in H5; `/` shows it too). Five steps: 1 您的信息, 2 欠薪单位, 3 欠薪情况, 4 说明和证据, 5 确认提交.
 * Everything typed, the step and the photos chosen are saved on the phone after every change.
 *
 * Browser-test selectors, storage keys and how to drive each step: ./SELECTORS.md.
 *
 * The steps are components in ./steps; this page owns the state, moving between steps and sending.
 */
import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { api, ApiError } from '../../../api'
import { ActionButton } from '../../../components/action-button'
import { Heading } from '../../../components/heading'
import { PrivacySheet } from '../../../components/privacy-sheet'
import { clearDraft, clearLastSuccess, loadDraft, loadLastSuccess, saveDraft, saveLastSuccess } from '../../../lib/draft-storage'
import { focusField, scrollToTop } from '../../../lib/focus'
import { goTo, goToLogin } from '../../../lib/navigation'
import { photoStore } from '../../../lib/photos'
import { PAGES } from '../../../lib/routes'
import { submitAfterSignIn, takeSubmitAfterSignIn, verifiedPhone } from '../../../lib/sign-in-handoff'
import { askForClaimUpdates } from '../../../lib/subscribe'
import { wizardHistory } from '../../../lib/wizard-history'
import {
  answerWasLost,
  emptyDraft,
  firstErrorFieldId,
  isBlankDraft,
  placeFieldErrors,
  prepareSubmission,
  submitErrorMessage,
  type ClaimDraft,
  type FieldId,
  type FieldMessages,
  type WizardStep,
} from './form'
import { StepConfirm } from './steps/step-confirm'
import { StepEmployer } from './steps/step-employer'
import { StepEvidence } from './steps/step-evidence'
import { StepSite } from './steps/step-site'
import { StepWages } from './steps/step-wages'
import { StepYou } from './steps/step-you'
import { SuccessView } from './steps/success-view'
import type { StepProps } from './steps/types'
import { useWizardBackButton } from './use-wizard-back-button'
import { useWizardPhotos } from './use-wizard-photos'
import { prefillFromProject, withProject } from './project-prefill'
import { lastSuccessFrom, runSubmission, type LastSuccess, type SubmitProgress } from './submit'
import {
  firstStepWithError,
  LAST_STEP,
  nextStep,
  previousStep,
  STEP_TITLES,
  stepOfError,
  validateStep,
  withVerifiedPhone,
} from './wizard'

import './index.css'

/** `fields`: the message only sums up the red messages; it goes once they are all fixed. */
type Notice = { kind: 'error' | 'info'; text: string; retry?: boolean; fields?: boolean }

const SIGN_IN_FIRST = '请先登录。登录后会回到这里，您填写的内容不会丢，并会自动提交'

function progressText(progress: SubmitProgress | undefined): string {
  if (!progress || progress.phase === 'claim') return '正在提交…'
  return `正在上传照片 ${Math.min(progress.done + 1, progress.total)}/${progress.total}…`
}

export default function NewClaimPage() {
  const [boot] = useState(() => {
    const stored = loadDraft()
    // The photos are checked once read back from the phone's storage (the effect below).
    return { draft: stored, restored: !isBlankDraft(stored), last: loadLastSuccess() }
  })
  const [draft, setDraftState] = useState<ClaimDraft>(boot.draft)
  const draftRef = useRef(boot.draft)
  const [errors, setErrors] = useState<FieldMessages>({})
  const [notice, setNotice] = useState<Notice | undefined>(
    boot.restored ? { kind: 'info', text: '已恢复您上次没有提交的内容' } : undefined,
  )
  const [sending, setSending] = useState(false)
  const sendingRef = useRef(false)
  const [progress, setProgress] = useState<SubmitProgress | undefined>()
  const [success, setSuccess] = useState<LastSuccess | undefined>(boot.last)
  const [signedIn, setSignedIn] = useState(() => api.session.isSignedIn())
  const [phone, setPhone] = useState(() => verifiedPhone())

  function setDraft(next: ClaimDraft | ((d: ClaimDraft) => ClaimDraft)) {
    const value = typeof next === 'function' ? next(draftRef.current) : next
    draftRef.current = value
    setDraftState(value)
  }

  const { photoNotice, setPhotoNotice, photosRestored, choosePhotos, dropPhoto } = useWizardPhotos(draftRef, setDraft, () => clearErrors(['photos']))

  useEffect(() => void prefillFromProject((patch) => setDraft((d) => ({ ...d, ...patch }))), []) // a site sign's QR code
  // Save on every change so that nothing typed is lost when the app is closed or the network drops.
  useEffect(() => {
    if (isBlankDraft(draft) && draft.step === 1) clearDraft()
    else saveDraft(draft)
  }, [draft])

  // The phone's back button steps back through the wizard (lib/wizard-history.*).
  useWizardBackButton(draft.step, !success && !draft.filed, (target) => {
    if (draftRef.current.filed) return
    setNotice(undefined)
    goToStep(target)
  })

  // The latest submit, for the automatic one after signing in (useDidShow keeps its first closure).
  const submitRef = useRef<() => Promise<void>>(async () => {})

  useDidShow(() => {
    const now = api.session.isSignedIn()
    setSignedIn(now)
    if (!now) return
    // The number proven by SMS at sign-in becomes the contact number when none was typed.
    const verified = verifiedPhone()
    setPhone(verified)
    if (verified !== undefined) setDraft((d) => withVerifiedPhone(d, verified))
    // Back from signing in with a claim waiting: send it now, once, with the same key.
    if (takeSubmitAfterSignIn(draftRef.current.idempotencyKey) && !draftRef.current.filed) {
      setNotice(undefined)
      void submitRef.current()
    }
  })

  function clearErrors(fields: readonly FieldId[] | 'all') {
    setErrors((e) => {
      const next: FieldMessages = { ...e }
      if (fields === 'all') for (const key of Object.keys(next) as FieldId[]) delete next[key]
      else for (const field of fields) delete next[field]
      // One banner: it sums up the red messages, so it goes once they are all fixed.
      if (Object.keys(next).length === 0) setNotice((n) => (n?.fields ? undefined : n))
      return Object.keys(next).length === Object.keys(e).length ? e : next
    })
  }

  function update(patch: Partial<ClaimDraft>, field: FieldId) {
    setDraft((d) => ({ ...d, ...patch }))
    clearErrors([field])
  }

  function change(next: (d: ClaimDraft) => ClaimDraft, clears: readonly FieldId[] | 'all' = []) {
    setDraft(next)
    clearErrors(clears)
  }

  function goToStep(target: WizardStep, keepErrors?: FieldMessages) {
    setDraft((d) => ({ ...d, step: target }))
    setErrors(keepErrors ?? {})
    scrollToTop()
  }

  function showErrors(found: Parameters<typeof placeFieldErrors>[0], lead = '有几处需要修改，请看红色提示') {
    const placed = placeFieldErrors(found)
    setErrors(placed.byField)
    setNotice({ kind: 'error', text: [lead, ...placed.other].join('。'), fields: placed.other.length === 0 })
    const first = firstErrorFieldId(placed.byField)
    if (first !== undefined) focusField(first)
    return placed
  }

  /** Shows the errors of the earliest step that has any, going back to it if needed. */
  function showErrorsFromStep(found: Parameters<typeof placeFieldErrors>[0], leadHere?: string) {
    const here = draftRef.current.step
    const first = firstStepWithError(found) ?? LAST_STEP
    if (first !== here) goToStep(first)
    showErrors(
      found.filter((e) => stepOfError(e) === first),
      first === here ? leadHere : `第 ${first} 步“${STEP_TITLES[first]}”有几处需要修改，请看红色提示`,
    )
  }

  function next() {
    const found = validateStep(draftRef.current, draftRef.current.step)
    if (found.length > 0) {
      showErrors(found)
      return
    }
    setNotice(undefined)
    goToStep(nextStep(draftRef.current.step))
  }

  function back() {
    setNotice(undefined)
    // Through the browser's history when the step before is its previous entry, so that the two
    // "back"s stay one; the listener then shows it.
    const target = previousStep(draftRef.current.step)
    if (!wizardHistory.back(draftRef.current.step, target)) goToStep(target)
  }

  function finish(done: LastSuccess) {
    saveLastSuccess(done)
    draftRef.current.photos.forEach((photo) => photoStore.forget(photo.path))
    clearDraft()
    setDraft(emptyDraft())
    setErrors({})
    setNotice(undefined)
    setPhotoNotice(undefined)
    setSuccess(done)
    scrollToTop()
  }

  async function submit() {
    if (sendingRef.current) return
    await photosRestored
    const current = draftRef.current
    let body = undefined as ReturnType<typeof prepareSubmission>['body']
    if (!current.filed) {
      const prepared = prepareSubmission(current)
      if (prepared.body === undefined) {
        showErrorsFromStep(prepared.errors)
        return
      }
      // A claim started from a site sign's QR code names its project (project-prefill.ts).
      body = withProject(prepared.body)
    }
    if (!api.session.isSignedIn()) {
      setNotice({ kind: 'info', text: SIGN_IN_FIRST })
      submitAfterSignIn(current.idempotencyKey)
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
        uploadPhoto: (claimId, path) => api.uploadAttachment(claimId, photoStore.localUrl(path)),
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
        // The client has opened the sign-in page; the draft is kept and sent on return.
        submitAfterSignIn(draftRef.current.idempotencyKey)
        setSignedIn(false)
        setNotice({ kind: 'info', text: SIGN_IN_FIRST })
        return
      }
      if (error instanceof ApiError && error.status === 400 && error.details.length > 0 && !draftRef.current.filed) {
        showErrorsFromStep(error.details, submitErrorMessage(error))
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
  submitRef.current = submit

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
    setDraft(withVerifiedPhone(emptyDraft(), verifiedPhone()))
    scrollToTop()
  }

  if (success) {
    return <SuccessView success={success} onNew={startAnother} />
  }

  const retryButton = (
    <ActionButton
      id='retry'
      className={`hx-button hx-button--primary${sending ? ' hx-button--busy' : ''}`}
      busy={sending}
      onClick={() => {
        void submit()
      }}
    >
      {sending ? progressText(progress) : '重试'}
    </ActionButton>
  )

  const noticeView = notice ? (
    <View className={`notice notice--${notice.kind}`} id='form-notice' role={notice.kind === 'error' ? 'alert' : 'status'}>
      {notice.text}
    </View>
  ) : null

  // Filed, photos still to send: nothing left to edit.
  if (draft.filed) {
    const waiting = draft.photos.filter((p) => p.attachmentId === undefined && p.refused === undefined).length
    return (
      <View className='page claim-form' id='claim-filed' role='main'>
        <Heading className='intro-title'>投诉已经提交</Heading>
        <View className='success-card'>
          <View className='success-label'>投诉编号</View>
          <Text className='claim-reference' userSelect>
            {draft.filed.reference}
          </Text>
          <View className='success-note'>还有 {waiting} 张照片没有传上去。网络好的时候点“重试”。</View>
        </View>
        {noticeView}
        {retryButton}
        <ActionButton id='skip-photos' className='hx-button hx-button--secondary skip-button' onClick={skipRemainingPhotos}>
          不传照片了，完成
        </ActionButton>
      </View>
    )
  }

  const step = draft.step
  const stepProps: StepProps = { draft, err: (id) => errors[id], update, change, goToStep }

  return (
    <View className='page claim-form' role='main'>
      <View className='wizard-head'>
        <Heading className='intro-title'>我要投诉欠薪</Heading>
        <View className='wizard-progress' id='wizard-progress'>
          第 {step} 步，共 {LAST_STEP} 步：{STEP_TITLES[step]}
        </View>
        <View className='wizard-dots' aria-hidden='true'>
          {([1, 2, 3, 4, 5] as const).map((n) => (
            <View key={n} className={`wizard-dot${n <= step ? ' wizard-dot--done' : ''}`} />
          ))}
        </View>
      </View>

      {step === 1 ? <StepYou {...stepProps} phoneVerified={phone !== undefined && draft.claimantPhone === phone} /> : null}
      {step === 2 ? <StepEmployer {...stepProps} /> : null}
      {step === 2 ? <StepSite {...stepProps} /> : null}
      {step === 3 ? <StepWages {...stepProps} /> : null}
      {step === 4 ? (
        <StepEvidence
          {...stepProps}
          photoNotice={photoNotice}
          onChoose={(source) => void choosePhotos(source)}
          onRemove={dropPhoto}
        />
      ) : null}
      {step === 5 ? <StepConfirm {...stepProps} signedIn={signedIn} /> : null}

      {noticeView}
      {notice?.retry ? <View className='notice-actions'>{retryButton}</View> : null}

      <View className='wizard-nav'>
        {step > 1 ? (
          <ActionButton id='wizard-back' className='hx-button hx-button--secondary wizard-nav-button' onClick={back}>
            上一步
          </ActionButton>
        ) : null}
        {step < LAST_STEP ? (
          <ActionButton id='wizard-next' className='hx-button hx-button--primary wizard-nav-button' onClick={next}>
            下一步
          </ActionButton>
        ) : (
          <ActionButton
            id='submit'
            className={`hx-button hx-button--primary wizard-nav-button${sending ? ' hx-button--busy' : ''}`}
            busy={sending}
            onClick={() => {
              void submit()
            }}
          >
            {sending ? progressText(progress) : '提交投诉'}
          </ActionButton>
        )}
      </View>
      <View className='draft-note'>填写的内容会自动保存在手机上，没网时也不会丢。</View>
      <PrivacySheet onOpenPolicy={() => goTo(PAGES.privacy)} />
    </View>
  )
}
