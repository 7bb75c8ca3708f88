/**
 * 登录 — sign-in (`#/pages/login/index?returnTo=<page>` in H5). WeChat: "微信一键登录" plus the phone
 * form; H5: the phone form. The privacy policy must be agreed to first. After signing in the worker
 * goes back to `returnTo` (default: the claim form), where the draft is waiting untouched.
 *
 * BROWSER-TEST SELECTORS (H5 build; Taro's <Input> wraps the native control, so fill `… input`)
 *   隐私政策同意      page.check('#privacy-consent')  (role="checkbox", aria-checked; already
 *                     ticked when agreed on this phone before, in the wizard's step 5 too);
 *                     link #privacy-consent-policy
 *   手机号            page.fill('#login-phone input', '13812345678') (pre-filled with the phone typed on
 *                     the claim wizard's step 1; the number verified here becomes its contact number)
 *   获取验证码        page.click('#sms-send'); then it reads "N 秒后重发" and aria-disabled="true"
 *                     (the code: GET /__sim/sms/messages?phone=… in development)
 *   验证码            page.fill('#login-code input', '123456')
 *   登录              page.click('#login-submit'); on success the page is left (default: the claim
 *                     form, #step-1 … #step-5 shows)
 *   messages          #login-notice (above the buttons; e.g. 操作太频繁，请 N 秒后再试),
 *                     #login-phone-error, #login-code-error (e.g. the server's "还可以再试 N 次"),
 *                     #privacy-consent-error; #sms-sent (验证码已发送到 138****1234)
 *   微信一键登录      #wechat-login (weapp only)
 * Tokens are stored under `huxin:session:v1` (localStorage in H5: {"data": {accessToken, …}}).
 */
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { maskPhone } from '@huxin/shared/domain/identity'
import { api, ApiError } from '../../api'
import { ActionButton } from '../../components/action-button'
import { Heading } from '../../components/heading'
import { TextField } from '../../components/text-field'
import { PrivacyConsentCheck } from '../../components/privacy-consent-check'
import { WechatSignIn } from '../../components/wechat-sign-in'
import { loadDraft } from '../../lib/draft-storage'
import { goTo, leaveLogin } from '../../lib/navigation'
import { hasPrivacyConsent, recordPrivacyConsent } from '../../lib/privacy-consent'
import { PAGES } from '../../lib/routes'
import { rememberVerifiedPhone } from '../../lib/sign-in-handoff'
import {
  codeProblem,
  normaliseDigits,
  phoneProblem,
  secondsLeft,
  signInErrorMessage,
  smsButtonLabel,
  SMS_COUNTDOWN_SECONDS,
  waitAfter,
} from './login'

import './index.css'

interface Errors {
  phone?: string
  code?: string
  consent?: string
}

export default function LoginPage() {
  const router = useRouter()
  const returnTo = router.params.returnTo
  const [consent, setConsent] = useState(() => hasPrivacyConsent())
  // The number typed on the claim wizard's first step, so the worker does not type it twice.
  const [phone, setPhone] = useState(() => normaliseDigits(loadDraft().claimantPhone))
  const [code, setCode] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [notice, setNotice] = useState<string | undefined>()
  const [sentTo, setSentTo] = useState<string | undefined>()
  const [resendAt, setResendAt] = useState<number | undefined>()
  const [now, setNow] = useState(() => Date.now())
  const [requesting, setRequesting] = useState(false)
  const [verifying, setVerifying] = useState(false)
  const busy = useRef(false)

  const wait = secondsLeft(resendAt, now)
  const counting = wait > 0
  useEffect(() => {
    if (!counting) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [counting])

  function changeConsent(agreed: boolean) {
    setConsent(agreed)
    recordPrivacyConsent(agreed)
    if (agreed) setErrors((e) => ({ ...e, consent: undefined }))
  }

  function needConsent(): boolean {
    if (consent) return false
    setErrors((e) => ({ ...e, consent: '请先阅读并同意隐私政策，才能登录' }))
    return true
  }

  function startCountdown(seconds: number) {
    const at = Date.now()
    setNow(at)
    setResendAt(at + seconds * 1000)
  }

  async function requestCode() {
    if (busy.current || wait > 0) return
    const problem = phoneProblem(phone)
    const consentMissing = needConsent()
    if (problem) setErrors((e) => ({ ...e, phone: problem }))
    if (problem || consentMissing) return
    busy.current = true
    setRequesting(true)
    setNotice(undefined)
    const number = normaliseDigits(phone)
    try {
      await api.requestSmsCode(number)
      setSentTo(number)
      startCountdown(SMS_COUNTDOWN_SECONDS)
    } catch (error) {
      const { text, place } = signInErrorMessage(error)
      if (place === 'phone') setErrors((e) => ({ ...e, phone: text }))
      else setNotice(text)
      if (error instanceof ApiError && error.status === 429) {
        startCountdown(waitAfter(error))
      }
    } finally {
      busy.current = false
      setRequesting(false)
    }
  }

  function signedIn() {
    recordPrivacyConsent(true)
    Taro.showToast({ title: '登录成功', icon: 'success', duration: 1200 }).catch(() => {})
    leaveLogin(returnTo)
  }

  async function verify() {
    if (busy.current) return
    const consentMissing = needConsent()
    const found: Errors = { phone: phoneProblem(phone), code: codeProblem(code) }
    setErrors((e) => ({ ...e, ...found }))
    if (consentMissing || found.phone || found.code) return
    busy.current = true
    setVerifying(true)
    setNotice(undefined)
    try {
      const number = normaliseDigits(phone)
      await api.signInWithSms(number, normaliseDigits(code))
      // Proven by SMS: the claim wizard uses it as the contact number.
      rememberVerifiedPhone(number)
      signedIn()
    } catch (error) {
      const { text, place } = signInErrorMessage(error)
      if (place === 'code') setErrors((e) => ({ ...e, code: text }))
      else if (place === 'phone') setErrors((e) => ({ ...e, phone: text }))
      else setNotice(text)
    } finally {
      busy.current = false
      setVerifying(false)
    }
  }

  return (
    <View className='page login' role='main'>
      <Heading className='login-title'>登录护薪</Heading>
      <View className='login-text'>登录后才能提交投诉、查看处理进度。您填写的投诉草稿会一直保存在手机上。</View>

      <PrivacyConsentCheck
        id='privacy-consent'
        checked={consent}
        error={errors.consent}
        onChange={changeConsent}
        onOpenPolicy={() => goTo(PAGES.privacy)}
      />

      <WechatSignIn
        canStart={() => !needConsent()}
        onSignedIn={signedIn}
        onError={(error) => setNotice(signInErrorMessage(error).text)}
      />

      <TextField
        id='login-phone'
        label='手机号'
        kind='phone'
        error={errors.phone}
        value={phone}
        maxLength={11}
        placeholder='11 位手机号'
        onInput={(value) => {
          setPhone(value)
          if (errors.phone) setErrors((x) => ({ ...x, phone: undefined }))
        }}
      />

      <ActionButton
        id='sms-send'
        className={`hx-button hx-button--secondary sms-button${wait > 0 || requesting ? ' sms-button--waiting' : ''}`}
        busy={wait > 0 || requesting}
        onClick={() => {
          void requestCode()
        }}
      >
        {requesting ? '正在发送…' : smsButtonLabel(wait)}
      </ActionButton>
      {sentTo ? (
        <View className='login-sent' id='sms-sent' role='status'>
          验证码已发送到 {maskPhone(sentTo)}，5 分钟内有效
        </View>
      ) : null}

      <TextField
        id='login-code'
        label='短信验证码'
        kind='digits'
        error={errors.code}
        value={code}
        maxLength={6}
        placeholder='6 位数字'
        onInput={(value) => {
          setCode(value)
          if (errors.code) setErrors((x) => ({ ...x, code: undefined }))
        }}
      />

      {notice ? (
        <View className='notice notice--error' id='login-notice' role='alert'>
          {notice}
        </View>
      ) : null}

      <ActionButton
        id='login-submit'
        className={`hx-button hx-button--primary${verifying ? ' hx-button--busy' : ''}`}
        busy={verifying}
        onClick={() => {
          void verify()
        }}
      >
        {verifying ? '正在登录…' : '登录'}
      </ActionButton>
    </View>
  )
}
