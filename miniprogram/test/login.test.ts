import { describe, expect, it } from 'vitest'
import { ApiError, apiErrorFromResponse, networkError } from '../src/api/errors'
import { codeProblem, phoneProblem, secondsLeft, signInErrorMessage, smsButtonLabel, waitAfter } from '../src/pages/login/login'

describe('sign-in input', () => {
  it('accepts mainland mobile numbers typed with spaces or full-width digits', () => {
    expect(phoneProblem('138 1234 5678')).toBeUndefined()
    expect(phoneProblem('１３８１２３４５６７８')).toBeUndefined()
    expect(phoneProblem('')).toBe('请填写手机号')
    expect(phoneProblem('12812345678')).toContain('11 位')
    expect(codeProblem('123456')).toBeUndefined()
    expect(codeProblem('12345')).toBe('验证码是 6 位数字')
    expect(codeProblem('')).toContain('6 位验证码')
  })
})

describe('resend countdown', () => {
  it('counts whole seconds down to the button label', () => {
    expect(secondsLeft(undefined, 0)).toBe(0)
    expect(secondsLeft(60_000, 0)).toBe(60)
    expect(secondsLeft(60_000, 59_001)).toBe(1)
    expect(secondsLeft(60_000, 61_000)).toBe(0)
    expect(smsButtonLabel(0)).toBe('获取验证码')
    expect(smsButtonLabel(42)).toBe('42 秒后重发')
  })

  it('waits as long as the server says after a 429', () => {
    const limited = apiErrorFromResponse(429, { error: { code: 'RATE_LIMITED', message: 'x' } }, { 'retry-after': '120' })
    expect(waitAfter(limited)).toBe(120)
    expect(waitAfter(new ApiError(429, 'RATE_LIMITED', 'x'))).toBe(60)
    expect(signInErrorMessage(limited)).toEqual({ text: '操作太频繁，请 120 秒后再试', place: 'notice' })
  })
})

describe('refusals in the worker’s words', () => {
  it('puts code problems under the code box, keeping the server’s "tries left"', () => {
    expect(signInErrorMessage(new ApiError(401, 'SMS_CODE_WRONG', '验证码不对，还可以再试 3 次'))).toEqual({
      text: '验证码不对，还可以再试 3 次',
      place: 'code',
    })
    expect(signInErrorMessage(new ApiError(401, 'SMS_CODE_EXPIRED', 'x')).text).toContain('过期')
    expect(signInErrorMessage(new ApiError(401, 'SMS_CODE_LOCKED', 'x')).text).toContain('重新获取')
  })

  it('explains WeChat refusals and lost networks', () => {
    expect(signInErrorMessage(new ApiError(403, 'WECHAT_HIGH_RISK_USER', 'x')).text).toContain('手机号登录')
    expect(signInErrorMessage(new ApiError(401, 'WECHAT_CODE_INVALID', 'x')).text).toContain('再点一次')
    expect(signInErrorMessage(new ApiError(503, 'WECHAT_UNAVAILABLE', 'x')).text).toContain('稍后再试')
    expect(signInErrorMessage(networkError(new Error('x'))).text).toContain('网络不好')
    expect(signInErrorMessage(new ApiError(400, 'VALIDATION_FAILED', 'x', [{ field: 'phone', message: 'x' }]))).toEqual({
      text: '手机号不对，请检查',
      place: 'phone',
    })
  })
})
