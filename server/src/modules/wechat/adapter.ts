/**
 * WeChat's server API as HuXin uses it: sign-in (`jscode2session`), the phone number a worker chose
 * to share, and subscription messages. `WechatPort` is what the rest of the server depends on;
 * `createWechatHttpAdapter` speaks WeChat's protocol to whatever base URL configuration names —
 * https://api.weixin.qq.com in production, the simulator (simulators/wechat.ts) elsewhere.
 *
 * Protocol: https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html,
 * .../mp-access-token/getStableAccessToken.html, .../user-info/phone-number/getPhoneNumber.html,
 * .../mp-message-management/subscribe-message/sendMessage.html
 */
import { isRecord } from '@huxin/shared'
import { callHttp, joinUrl, TransportError, type Fetch, type HttpCall } from '../../lib/http-call'

export interface WechatSession {
  openid: string
  /** Only when the mini-program is bound to a WeChat Open Platform account. */
  unionid?: string
  /**
   * Decrypts data the client signs with it. It must never reach a log or a client, so it is a
   * non-enumerable property: a logged or JSON-serialised session does not carry it.
   */
  sessionKey: string
}

export interface WechatPhoneNumber {
  /** With the country code for numbers outside mainland China, e.g. `+1 650…`. */
  phoneNumber: string
  /** Without the country code. */
  purePhoneNumber: string
  countryCode: string
}

export type MiniprogramState = 'developer' | 'trial' | 'formal'
export type WechatLang = 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW'

export interface SubscribeMessage {
  /** The recipient's openid. */
  touser: string
  templateId: string
  /** Mini-program page opened from the message, e.g. `pages/claims/detail/index?id=…`. */
  page?: string
  data: Record<string, { value: string }>
  miniprogramState?: MiniprogramState
  lang?: WechatLang
}

export interface WechatPort {
  /** Exchanges a `wx.login()` code (single use, valid 5 minutes) for the user's openid. */
  code2Session(code: string): Promise<WechatSession>
  /** Exchanges a `getPhoneNumber` button code for the phone number the user agreed to share. */
  getPhoneNumber(code: string): Promise<WechatPhoneNumber>
  /** Sends one subscription message; 43101 (refused or one-time subscription used) is permanent. */
  sendSubscribeMessage(message: SubscribeMessage): Promise<void>
}

export type WechatOperation = 'jscode2session' | 'stable_token' | 'getuserphonenumber' | 'subscribe/send'

/**
 * `api`: WeChat answered with an errcode · `http`: a non-2xx status (a proxy or WeChat's edge) ·
 * `timeout` / `network`: no answer · `invalid-response`: an answer HuXin must not trust.
 */
export type WechatErrorKind = 'api' | 'http' | 'timeout' | 'network' | 'invalid-response'

/** The errcodes HuXin reacts to. Full list: WeChat's global return codes page. */
export const WechatErrcode = {
  SYSTEM_BUSY: -1,
  INVALID_CREDENTIAL: 40001,
  INVALID_APPID: 40013,
  INVALID_CODE: 40029,
  INVALID_APPSECRET: 40125,
  HIGH_RISK_USER: 40226,
  ACCESS_TOKEN_EXPIRED: 42001,
  USER_REFUSED: 43101,
  DAILY_QUOTA_REACHED: 45009,
  RATE_LIMITED: 45011,
} as const

/**
 * Worth trying again later: WeChat busy, rate or daily quota limits, and a token WeChat still
 * rejects after one refresh (the next attempt fetches another). Everything else — an invalid or
 * used code, a high-risk user, a refused subscription, wrong credentials — fails the same way
 * every time and needs a person, not a retry.
 */
const RETRYABLE_ERRCODES: ReadonlySet<number> = new Set([
  WechatErrcode.SYSTEM_BUSY,
  WechatErrcode.RATE_LIMITED,
  WechatErrcode.DAILY_QUOTA_REACHED,
  WechatErrcode.INVALID_CREDENTIAL,
  WechatErrcode.ACCESS_TOKEN_EXPIRED,
])

const TOKEN_REJECTED: ReadonlySet<number> = new Set([WechatErrcode.INVALID_CREDENTIAL, WechatErrcode.ACCESS_TOKEN_EXPIRED])

export class WechatApiError extends Error {
  constructor(
    readonly operation: WechatOperation,
    readonly kind: WechatErrorKind,
    /** WeChat's errcode; `null` when WeChat gave none (timeout, network, HTTP or response errors). */
    readonly errcode: number | null,
    readonly errmsg: string,
    readonly retryable: boolean,
  ) {
    super(`WeChat ${operation} failed: ${errcode ?? kind} ${errmsg}`)
    this.name = 'WechatApiError'
  }
}

export interface WechatHttpAdapterOptions {
  /** `https://api.weixin.qq.com`, or a simulator's base URL such as `http://127.0.0.1:3000/__sim/wechat`. */
  baseUrl: string
  appId: string
  appSecret: string
  /** Per request, body included. Default 5000. */
  timeoutMs?: number
  fetch?: Fetch
  /** Clock for the access-token cache, in milliseconds. */
  now?: () => number
}

const DEFAULT_TIMEOUT_MS = 5_000

/** Refresh a little before WeChat's expiry (7200 s): 5 minutes early, or halfway for short tokens. */
function refreshAfterSeconds(expiresIn: number): number {
  return Math.max(expiresIn - 300, expiresIn / 2)
}

export function createWechatHttpAdapter(options: WechatHttpAdapterOptions): WechatPort {
  const { baseUrl, appId, appSecret } = options
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const fetchImpl: Fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const now = options.now ?? Date.now

  async function call(operation: WechatOperation, request: HttpCall): Promise<Record<string, unknown>> {
    let answer
    try {
      answer = await callHttp(fetchImpl, request, timeoutMs)
    } catch (error) {
      if (error instanceof TransportError) throw new WechatApiError(operation, error.kind, null, error.message, true)
      throw error
    }
    if (answer.status < 200 || answer.status > 299) {
      const retryable = answer.status >= 500 || answer.status === 429
      throw new WechatApiError(operation, 'http', null, `HTTP ${answer.status}`, retryable)
    }
    const body = answer.json
    if (!isRecord(body)) throw new WechatApiError(operation, 'invalid-response', null, 'the answer is not a JSON object', false)
    // Successful answers carry errcode 0 or none at all (jscode2session, stable_token).
    const errcode = body.errcode
    if (errcode !== undefined && errcode !== 0) {
      const code = typeof errcode === 'number' ? errcode : Number(errcode)
      const errmsg = typeof body.errmsg === 'string' ? body.errmsg : ''
      if (!Number.isInteger(code)) throw new WechatApiError(operation, 'invalid-response', null, 'errcode is not a number', false)
      throw new WechatApiError(operation, 'api', code, errmsg, RETRYABLE_ERRCODES.has(code))
    }
    return body
  }

  const invalid = (operation: WechatOperation, what: string) =>
    new WechatApiError(operation, 'invalid-response', null, what, false)

  // The stable access token: one per app, shared by every caller of this adapter. Concurrent
  // callers wait for a single token request instead of each starting their own.
  let cached: { token: string; refreshAt: number } | undefined
  let pending: Promise<string> | undefined

  async function requestToken(): Promise<string> {
    const requestedAt = now()
    const body = await call('stable_token', {
      method: 'POST',
      url: joinUrl(baseUrl, '/cgi-bin/stable_token'),
      // Normal mode (force_refresh false) returns the token currently valid for the app, so after a
      // 40001 it yields the newer token another holder obtained; forced refreshes are rate-limited.
      body: { grant_type: 'client_credential', appid: appId, secret: appSecret, force_refresh: false },
    })
    const token = body.access_token
    const expiresIn = body.expires_in
    if (typeof token !== 'string' || token === '') throw invalid('stable_token', 'access_token missing')
    if (typeof expiresIn !== 'number' || !(expiresIn > 0)) throw invalid('stable_token', 'expires_in missing')
    cached = { token, refreshAt: requestedAt + refreshAfterSeconds(expiresIn) * 1000 }
    return token
  }

  function accessToken(): Promise<string> {
    if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token)
    pending ??= requestToken().finally(() => {
      pending = undefined
    })
    return pending
  }

  /** Runs `send` with the cached token; on 40001/42001 fetches a token once and tries once more. */
  async function withAccessToken<T>(send: (token: string) => Promise<T>): Promise<T> {
    const token = await accessToken()
    try {
      return await send(token)
    } catch (error) {
      if (!(error instanceof WechatApiError && error.errcode !== null && TOKEN_REJECTED.has(error.errcode))) throw error
      if (cached?.token === token) cached = undefined
      return send(await accessToken())
    }
  }

  return {
    async code2Session(code) {
      const body = await call('jscode2session', {
        method: 'GET',
        url: joinUrl(baseUrl, '/sns/jscode2session', {
          appid: appId,
          secret: appSecret,
          js_code: code,
          grant_type: 'authorization_code',
        }),
      })
      const { openid, unionid, session_key: sessionKey } = body
      if (typeof openid !== 'string' || openid === '') throw invalid('jscode2session', 'openid missing')
      if (typeof sessionKey !== 'string' || sessionKey === '') throw invalid('jscode2session', 'session_key missing')
      const session: Omit<WechatSession, 'sessionKey'> = typeof unionid === 'string' && unionid !== '' ? { openid, unionid } : { openid }
      Object.defineProperty(session, 'sessionKey', { value: sessionKey, enumerable: false })
      return session as WechatSession
    },

    async getPhoneNumber(code) {
      const body = await withAccessToken((token) =>
        call('getuserphonenumber', {
          method: 'POST',
          url: joinUrl(baseUrl, '/wxa/business/getuserphonenumber', { access_token: token }),
          body: { code },
        }),
      )
      const info = body.phone_info
      if (!isRecord(info)) throw invalid('getuserphonenumber', 'phone_info missing')
      const { phoneNumber, purePhoneNumber, countryCode, watermark } = info
      if (typeof phoneNumber !== 'string' || typeof purePhoneNumber !== 'string') {
        throw invalid('getuserphonenumber', 'phone number missing')
      }
      // The watermark names the mini-program the number was shared with: a code obtained by
      // another app must not attach a number to one of our workers.
      if (!isRecord(watermark) || watermark.appid !== appId) {
        throw invalid('getuserphonenumber', 'watermark.appid does not match this mini-program')
      }
      return { phoneNumber, purePhoneNumber, countryCode: typeof countryCode === 'string' ? countryCode : String(countryCode ?? '') }
    },

    async sendSubscribeMessage(message) {
      await withAccessToken((token) =>
        call('subscribe/send', {
          method: 'POST',
          url: joinUrl(baseUrl, '/cgi-bin/message/subscribe/send', { access_token: token }),
          body: {
            touser: message.touser,
            template_id: message.templateId,
            page: message.page,
            data: message.data,
            miniprogram_state: message.miniprogramState,
            lang: message.lang ?? 'zh_CN',
          },
        }),
      )
    },
  }
}
