import { describe, expect, it } from 'vitest'
import { createWechatHttpAdapter, WechatApiError, type WechatHttpAdapterOptions } from '../../../src/modules/wechat/adapter'
import type { SimulatedSubscribeMessage } from '../../../src/modules/wechat/simulator'
import { APP_ID, APP_SECRET, recordingFetch, useTestSimulators } from '../../helpers/simulator-server'

const sim = useTestSimulators('wechat')

function adapter(overrides: Partial<WechatHttpAdapterOptions> = {}) {
  return createWechatHttpAdapter({
    baseUrl: sim.wechatBaseUrl,
    appId: APP_ID,
    appSecret: APP_SECRET,
    timeoutMs: 2_000,
    now: sim.clock.now,
    ...overrides,
  })
}

/** The error a promise rejects with, checked to be a WechatApiError. */
async function failure(promise: Promise<unknown>): Promise<WechatApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(WechatApiError)
  return error as WechatApiError
}

const sentTo = async (touser: string) =>
  (await sim.get<{ items: SimulatedSubscribeMessage[] }>(`${sim.wechatBaseUrl}/__control/messages?touser=${touser}`)).items

const notice = (touser: string) => ({
  touser,
  templateId: 'tmpl-claim-status',
  page: 'pages/claims/detail/index?id=42',
  data: { thing1: { value: '已受理' }, time2: { value: '2026-06-01 10:00' } },
})

describe('WeChat adapter: sign-in (jscode2session)', () => {
  it('exchanges a login code for the openid and a session key that stays out of serialised output', async () => {
    const session = await adapter().code2Session('sim:o6_bmjrPTlm6_2sgVt7hMZOPfL2M')

    expect(session.openid).toBe('o6_bmjrPTlm6_2sgVt7hMZOPfL2M')
    expect(session.unionid).toBeUndefined()
    expect(Buffer.from(session.sessionKey, 'base64')).toHaveLength(16)
    expect(JSON.stringify(session)).toBe('{"openid":"o6_bmjrPTlm6_2sgVt7hMZOPfL2M"}')
    expect({ ...session }).not.toHaveProperty('sessionKey')
  })

  it('accepts a code once: a second exchange is 40029 and not worth retrying', async () => {
    const wechat = adapter()
    await wechat.code2Session('sim:worker-once')

    const error = await failure(wechat.code2Session('sim:worker-once'))
    expect(error).toMatchObject({ operation: 'jscode2session', kind: 'api', errcode: 40029, retryable: false })
    // A fresh code for the same user (`sim:<openid>:<nonce>`) signs them in again.
    await expect(wechat.code2Session('sim:worker-once:2')).resolves.toMatchObject({ openid: 'worker-once' })
  })

  it('answers 40029 for a code WeChat never issued', async () => {
    const error = await failure(adapter().code2Session('081xYz000abcdEf1gHi200aBcD1xYz0q'))
    expect(error).toMatchObject({ errcode: 40029, retryable: false })
  })

  it.each([
    [-1, true, 'system busy'],
    [45011, true, 'rate limited'],
    [45009, true, 'daily quota reached'],
    [40029, false, 'invalid code'],
    [40226, false, 'high-risk user'],
    [40163, false, 'an errcode HuXin does not know'],
  ])('maps errcode %i to retryable=%s (%s)', async (errcode, retryable) => {
    const error = await failure(adapter().code2Session(`sim:error:${errcode}`))
    expect(error).toMatchObject({ operation: 'jscode2session', kind: 'api', errcode, retryable })
    expect(error.errmsg).not.toBe('')
  })

  it('rejects a wrong AppSecret (40125) and a wrong AppID (40013) as permanent', async () => {
    expect(await failure(adapter({ appSecret: 'not-the-secret' }).code2Session('sim:w1'))).toMatchObject({ errcode: 40125, retryable: false })
    expect(await failure(adapter({ appId: 'wx0000000000000000' }).code2Session('sim:w2'))).toMatchObject({ errcode: 40013, retryable: false })
  })

  it('never puts the AppSecret or the session key in an error message', async () => {
    const error = await failure(adapter().code2Session('sim:error:-1'))
    expect(`${error.message} ${error.errmsg} ${JSON.stringify(error)}`).not.toContain(APP_SECRET)
  })

  it('keeps the base URL’s path prefix and sends WeChat’s query parameters', async () => {
    const recorder = recordingFetch()
    await adapter({ fetch: recorder.fetch }).code2Session('sim:prefix-check')

    const [call] = recorder.calls
    expect(call?.method).toBe('GET')
    expect(call?.url.pathname).toBe('/__sim/wechat/sns/jscode2session')
    expect(Object.fromEntries(call?.url.searchParams ?? [])).toEqual({
      appid: APP_ID,
      secret: APP_SECRET,
      js_code: 'sim:prefix-check',
      grant_type: 'authorization_code',
    })
  })

  it('reports a base URL that answers with an HTTP error as an http failure', async () => {
    const error = await failure(adapter({ baseUrl: `${sim.url}/not-wechat` }).code2Session('sim:w3'))
    expect(error).toMatchObject({ kind: 'http', errcode: null, retryable: false })
  })
})

describe('WeChat adapter: access token', () => {
  it('asks for a token once and reuses it until shortly before it expires', async () => {
    const recorder = recordingFetch()
    const wechat = adapter({ fetch: recorder.fetch })

    await wechat.sendSubscribeMessage(notice('token-user-1'))
    await wechat.sendSubscribeMessage(notice('token-user-2'))
    await wechat.getPhoneNumber('sim:phone:13812341234')
    expect(recorder.count('/cgi-bin/stable_token')).toBe(1)
    expect(recorder.calls[0]?.body).toEqual({ grant_type: 'client_credential', appid: APP_ID, secret: APP_SECRET, force_refresh: false })

    // 7200 s tokens are refreshed 5 minutes early.
    sim.clock.advance(6_800_000)
    await wechat.sendSubscribeMessage(notice('token-user-3'))
    expect(recorder.count('/cgi-bin/stable_token')).toBe(1)
    sim.clock.advance(200_000)
    await wechat.sendSubscribeMessage(notice('token-user-4'))
    expect(recorder.count('/cgi-bin/stable_token')).toBe(2)
    expect(recorder.count('/cgi-bin/message/subscribe/send')).toBe(4)
  })

  it('shares one token request among concurrent calls', async () => {
    const recorder = recordingFetch()
    const wechat = adapter({ fetch: recorder.fetch })

    await Promise.all([1, 2, 3, 4].map((n) => wechat.sendSubscribeMessage(notice(`concurrent-${n}`))))

    expect(recorder.count('/cgi-bin/stable_token')).toBe(1)
    expect(await sentTo('concurrent-3')).toHaveLength(1)
  })

  it('fetches a new token once when WeChat says the cached one is no longer valid (40001)', async () => {
    const recorder = recordingFetch()
    const wechat = adapter({ fetch: recorder.fetch })
    await wechat.sendSubscribeMessage(notice('revoked-1'))

    await sim.control('wechat', '/revoke-access-tokens')
    await wechat.sendSubscribeMessage(notice('revoked-2'))

    expect(recorder.count('/cgi-bin/stable_token')).toBe(2)
    expect(recorder.count('/cgi-bin/message/subscribe/send')).toBe(3)
    expect(await sentTo('revoked-2')).toHaveLength(1)
  })

  it('refreshes an expired token (42001) even when its own clock thought it fresh', async () => {
    const recorder = recordingFetch()
    const wechat = adapter({ fetch: recorder.fetch, now: () => 0 }) // a clock that never moves
    await wechat.getPhoneNumber('sim:phone:13900001111')

    sim.clock.advance(7_201_000)
    await expect(wechat.getPhoneNumber('sim:phone:13900002222')).resolves.toMatchObject({ purePhoneNumber: '13900002222' })
    expect(recorder.count('/cgi-bin/stable_token')).toBe(2)
  })

  it('refreshes only once: a token rejected again fails with 40001 instead of looping', async () => {
    // Every send finds its token revoked, as if another server kept forcing refreshes.
    const recorder = recordingFetch(async (call) => {
      if (call.url.pathname.endsWith('/subscribe/send')) await sim.control('wechat', '/revoke-access-tokens')
    })
    const error = await failure(adapter({ fetch: recorder.fetch }).sendSubscribeMessage(notice('never')))

    expect(error).toMatchObject({ operation: 'subscribe/send', errcode: 40001, retryable: true })
    expect(recorder.count('/cgi-bin/stable_token')).toBe(2)
    expect(recorder.count('/cgi-bin/message/subscribe/send')).toBe(2)
  })

  it('reports a wrong AppSecret when fetching the token as permanent', async () => {
    const error = await failure(adapter({ appSecret: 'not-the-secret' }).sendSubscribeMessage(notice('x')))
    expect(error).toMatchObject({ operation: 'stable_token', errcode: 40125, retryable: false })
  })
})

describe('WeChat adapter: phone number', () => {
  it('returns the number the user shared', async () => {
    await expect(adapter().getPhoneNumber('sim:phone:13812345678')).resolves.toEqual({
      phoneNumber: '13812345678',
      purePhoneNumber: '13812345678',
      countryCode: '86',
    })
  })

  it('refuses a number whose watermark names another mini-program', async () => {
    const error = await failure(adapter().getPhoneNumber('sim:phone:13812345678:appid:wx9999999999999999'))
    expect(error).toMatchObject({ operation: 'getuserphonenumber', kind: 'invalid-response', retryable: false })
    expect(error.message).toContain('watermark')
  })

  it('accepts a phone code once and maps its errors', async () => {
    const wechat = adapter()
    await wechat.getPhoneNumber('sim:phone:13700001234')
    expect(await failure(wechat.getPhoneNumber('sim:phone:13700001234'))).toMatchObject({ errcode: 40029, retryable: false })
    expect(await failure(wechat.getPhoneNumber('sim:error:-1'))).toMatchObject({ errcode: -1, retryable: true })
  })
})

describe('WeChat adapter: subscription messages', () => {
  it('sends the message WeChat records, with its template, page and data', async () => {
    await adapter().sendSubscribeMessage({ ...notice('o-recipient'), miniprogramState: 'developer' })

    const [message, ...others] = await sentTo('o-recipient')
    expect(others).toEqual([])
    expect(message).toMatchObject({
      touser: 'o-recipient',
      templateId: 'tmpl-claim-status',
      page: 'pages/claims/detail/index?id=42',
      data: { thing1: { value: '已受理' }, time2: { value: '2026-06-01 10:00' } },
      miniprogramState: 'developer',
      lang: 'zh_CN',
    })
    expect(await sentTo('someone-else')).toEqual([])
  })

  it('treats 43101 (refused, or one-time subscription used) as permanent and nothing is sent', async () => {
    const error = await failure(adapter().sendSubscribeMessage(notice('refuse-all')))
    expect(error).toMatchObject({ operation: 'subscribe/send', kind: 'api', errcode: 43101, retryable: false })
    expect(await sentTo('refuse-all')).toEqual([])
  })
})

describe('WeChat adapter: failures of the connection', () => {
  it('errorRate 1: every call is answered "system busy" (-1), retryable', async () => {
    await sim.control('wechat', '/faults', { errorRate: 1 })
    const wechat = adapter()

    expect(await failure(wechat.code2Session('sim:busy'))).toMatchObject({ kind: 'api', errcode: -1, retryable: true })
    expect(await failure(wechat.sendSubscribeMessage(notice('busy')))).toMatchObject({ errcode: -1, retryable: true })

    await sim.control('wechat', '/reset')
    await expect(wechat.code2Session('sim:busy')).resolves.toMatchObject({ openid: 'busy' })
  })

  it('latency beyond timeoutMs: a timeout, retryable, reported when the deadline passes', async () => {
    await sim.control('wechat', '/faults', { latencyMs: 1_500 })
    const startedAt = performance.now()

    const error = await failure(adapter({ timeoutMs: 200 }).code2Session('sim:slow'))

    expect(error).toMatchObject({ kind: 'timeout', errcode: null, retryable: true })
    expect(performance.now() - startedAt).toBeLessThan(1_000)
  })

  it('latency within timeoutMs still succeeds', async () => {
    await sim.control('wechat', '/faults', { latencyMs: 100 })
    await expect(adapter({ timeoutMs: 2_000 }).code2Session('sim:patient')).resolves.toMatchObject({ openid: 'patient' })
  })

  it('a dropped connection is a network error, retryable', async () => {
    await sim.control('wechat', '/faults', { dropConnection: true })
    const error = await failure(adapter().code2Session('sim:dropped'))
    expect(error).toMatchObject({ kind: 'network', errcode: null, retryable: true })
  })

  it('a lost answer is a network error, retryable, though WeChat delivered the message', async () => {
    const wechat = adapter()
    await wechat.sendSubscribeMessage(notice('lost-1')) // fetches the token before answers get lost
    await sim.control('wechat', '/faults', { dropResponse: true })

    const error = await failure(wechat.sendSubscribeMessage(notice('lost-2')))
    expect(error).toMatchObject({ operation: 'subscribe/send', kind: 'network', retryable: true })
    expect(await sentTo('lost-2')).toHaveLength(1)
  })

  it('nobody listening is a network error, retryable', async () => {
    const error = await failure(adapter({ baseUrl: 'http://127.0.0.1:1/__sim/wechat' }).code2Session('sim:nobody'))
    expect(error).toMatchObject({ kind: 'network', retryable: true })
  })
})
