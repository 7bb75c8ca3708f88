/**
 * Pure logic of the sign-in page: checking what was typed, the resend countdown and the worker's
 * words for each refusal of the server (API.md, Auth). No Taro import (test/login.test.ts).
 */
import { MOBILE_PATTERN } from '@huxin/shared/domain/identity'
import { ApiError } from '../../api/errors'

/** Seconds before another code may be asked for (the server may ask for longer: retry-after). */
export const SMS_COUNTDOWN_SECONDS = 60

const MOBILE = new RegExp(MOBILE_PATTERN)

/** Full-width digits, spaces and dashes from Chinese input methods → `13812345678`. */
export function normaliseDigits(value: string): string {
  return value.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s-]/g, '')
}

export function phoneProblem(phone: string): string | undefined {
  const value = normaliseDigits(phone)
  if (value === '') return '请填写手机号'
  if (!MOBILE.test(value)) return '手机号应为 11 位数字，以 1 开头'
  return undefined
}

export function codeProblem(code: string): string | undefined {
  const value = normaliseDigits(code)
  if (value === '') return '请填写短信里的 6 位验证码'
  if (!/^\d{6}$/.test(value)) return '验证码是 6 位数字'
  return undefined
}

export function smsButtonLabel(secondsLeft: number): string {
  return secondsLeft > 0 ? `${secondsLeft} 秒后重发` : '获取验证码'
}

/** Seconds left of a countdown that ends at `until` (epoch ms). */
export function secondsLeft(until: number | undefined, now: number): number {
  if (until === undefined) return 0
  return Math.max(0, Math.ceil((until - now) / 1000))
}

/** How long to wait after a refusal: the server's retry-after, else the usual minute. */
export function waitAfter(error: unknown): number {
  if (error instanceof ApiError && error.retryAfterSeconds !== undefined) return Math.max(1, error.retryAfterSeconds)
  return SMS_COUNTDOWN_SECONDS
}

/** Where a sign-in refusal belongs: under the code box, under the phone box, or above the buttons. */
export type MessagePlace = 'code' | 'phone' | 'notice'

/** The worker's words for a failed request of a code or a sign-in. */
export function signInErrorMessage(error: unknown): { text: string; place: MessagePlace } {
  if (!(error instanceof ApiError)) return { text: '登录没有成功，请再试一次', place: 'notice' }
  if (error.isNetworkError) return { text: '网络不好，请到信号好的地方再试', place: 'notice' }
  switch (error.code) {
    case 'SMS_CODE_WRONG':
      // The server's message says how many tries are left.
      return { text: error.message || '验证码不对，请再看一下短信', place: 'code' }
    case 'SMS_CODE_EXPIRED':
      return { text: '验证码已经过期，请重新获取', place: 'code' }
    case 'SMS_CODE_LOCKED':
      return { text: '输错的次数太多，这个验证码不能用了，请重新获取', place: 'code' }
    case 'WECHAT_CODE_INVALID':
      return { text: '微信登录没有成功，请再点一次', place: 'notice' }
    case 'WECHAT_HIGH_RISK_USER':
      return { text: '微信提示这个账号暂时不能这样登录，请用下面的手机号登录', place: 'notice' }
    default:
      break
  }
  if (error.status === 429) {
    return { text: `操作太频繁，请 ${waitAfter(error)} 秒后再试`, place: 'notice' }
  }
  if (error.status === 400) {
    const onPhone = error.details.some((d) => d.field.includes('phone'))
    return onPhone ? { text: '手机号不对，请检查', place: 'phone' } : { text: '验证码是 6 位数字', place: 'code' }
  }
  if (error.status === 401) return { text: error.message || '验证码不对，请再看一下短信', place: 'code' }
  if (error.status >= 500) return { text: '服务暂时不可用，请稍后再试', place: 'notice' }
  return { text: error.message, place: 'notice' }
}
