/**
 * A stand-in for api.weixin.qq.com (WECHAT.md, "Simulating WeChat"): the endpoints HuXin calls,
 * with WeChat's JSON shapes and errcodes, answered over real HTTP so the adapter in
 * adapters/wechat.ts cannot tell it from WeChat. Mounted under `/__sim/wechat` (standalone.ts, and
 * the app in development). Encapsulated on purpose: its hooks and error handlers stay inside.
 *
 * Codes it understands:
 * - login (`js_code`): `sim:<openid>` → that openid, once (a second use answers 40029, WeChat's
 *   codes being single-use); `sim:<openid>:<nonce>` → the same openid, so a client can sign the
 *   same user in again with a fresh code; `sim:error:<errcode>` → that error; anything else → 40029.
 * - phone (`code`): `sim:phone:<11 digits>` → that number, once; `sim:phone:<digits>:appid:<appid>`
 *   → a watermark naming another mini-program; `sim:error:<errcode>` → that error.
 * - subscribe/send: a `touser` starting with `refuse` → 43101.
 *
 * Control routes (not part of WeChat's protocol, never faulted):
 * `POST /__control/faults` `{ errorRate?, latencyMs?, dropConnection?, dropResponse? }` (replaces
 * the switches) ·
 * `POST /__control/reset` · `GET /__control/messages?touser=` (sent messages, newest first) ·
 * `POST /__control/revoke-access-tokens` (every token answers 40001 until a new one is fetched, as
 * when another holder of the AppSecret forces a refresh).
 */
import { isRecord } from '@huxin/shared'
import { randomBytes } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyError, FastifyReply } from 'fastify'
import Type from 'typebox'
import type { MiniprogramState, WechatLang } from './adapter'
import { applyFaults, faultsFrom, FaultsBody, noFaults, redactQueriesInLogs, requestId, type Faults } from '../../lib/simulator-kit'

export interface WechatSimulatorOptions {
  appId: string
  appSecret: string
  /** Lifetime of an access token in seconds; WeChat's is 7200. */
  accessTokenTtlSeconds?: number
  /** Clock in milliseconds, for token expiry. */
  now?: () => number
}

export interface SimulatedSubscribeMessage {
  msgid: number
  touser: string
  templateId: string
  page?: string
  data: Record<string, { value: string }>
  miniprogramState: MiniprogramState
  lang: WechatLang
  sentAt: string
}

/** errmsg texts as WeChat writes them. */
const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40013: 'invalid appid',
  40029: 'invalid code',
  40037: 'invalid template_id',
  40125: 'invalid appsecret',
  40226: 'high risk user, login blocked',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41008: 'missing code',
  42001: 'access_token expired',
  43101: 'user refuse to accept the msg',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  47001: 'data format error',
  47003: 'argument invalid!',
}

const wechatError = (errcode: number, detail?: string) => ({
  errcode,
  errmsg: `${ERRMSG[errcode] ?? 'simulated error'}${detail ? ` ${detail}` : ''} rid: ${requestId()}`,
})

/** A long-running development server keeps only the latest messages. */
const KEEP_MESSAGES = 1_000

const OPENID = /^[\w-]{1,64}$/
const LOGIN_CODE = /^sim:([\w-]{1,64})(?::[\w-]{1,64})?$/
/** Words of the other code forms, never openids. */
const RESERVED = new Set(['error', 'phone'])
const MINIPROGRAM_STATES: readonly string[] = ['developer', 'trial', 'formal'] satisfies MiniprogramState[]
const LANGS: readonly string[] = ['zh_CN', 'en_US', 'zh_HK', 'zh_TW'] satisfies WechatLang[]

/** A query parameter as one string (a repeated parameter counts by its first value). */
const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined

function simulatedError(code: string): number | undefined {
  const match = /^sim:error:(-?\d+)$/.exec(code)
  return match ? Number(match[1]) : undefined
}

type Query = Record<string, string | string[] | undefined>

export const wechatSimulator: FastifyPluginAsyncTypebox<WechatSimulatorOptions> = async (app, options) => {
  const { appId, appSecret } = options
  const now = options.now ?? Date.now
  const tokenTtlMs = (options.accessTokenTtlSeconds ?? 7200) * 1000

  let faults: Faults = noFaults()
  /** Login and phone codes already exchanged: WeChat's codes are single-use. */
  const usedCodes = new Set<string>()
  /** access_token → expiry (ms); revoked tokens are forgotten and answer 40001. */
  const tokens = new Map<string, number>()
  let currentToken: string | undefined
  let messages: SimulatedSubscribeMessage[] = []
  let nextMsgid = 2_100_000_000_000_000

  function reset() {
    faults = noFaults()
    usedCodes.clear()
    tokens.clear()
    currentToken = undefined
    messages = []
  }

  function issueToken(): string {
    for (const [token, expiresAt] of tokens) if (expiresAt <= now()) tokens.delete(token)
    currentToken = `sim_${randomBytes(48).toString('base64url')}`
    tokens.set(currentToken, now() + tokenTtlMs)
    return currentToken
  }

  function validCurrentToken(): string | undefined {
    const expiresAt = currentToken === undefined ? undefined : tokens.get(currentToken)
    return expiresAt !== undefined && expiresAt > now() ? currentToken : undefined
  }

  /** The errcode a request's access_token earns, or undefined when it is valid. */
  function tokenProblem(query: Query): number | undefined {
    const token = text(query.access_token)
    if (!token) return 41001
    const expiresAt = tokens.get(token)
    if (expiresAt === undefined) return 40001
    return expiresAt <= now() ? 42001 : undefined
  }

  redactQueriesInLogs(app)

  const controlRoutes: FastifyPluginAsyncTypebox = async (control) => {
    control.setErrorHandler((error: FastifyError, _request, reply) =>
      reply.status(error.statusCode ?? 500).send({ error: { code: error.code ?? 'INTERNAL', message: error.message } }),
    )

    control.post('/faults', { schema: { body: FaultsBody } }, async (request) => {
      faults = faultsFrom(request.body)
      return { faults }
    })

    control.post('/reset', async (_request, reply) => {
      reset()
      return reply.status(204).send()
    })

    control.post('/revoke-access-tokens', async (_request, reply) => {
      tokens.clear()
      currentToken = undefined
      return reply.status(204).send()
    })

    control.get(
      '/messages',
      { schema: { querystring: Type.Object({ touser: Type.Optional(Type.String()) }) } },
      async (request) => {
        const { touser } = request.query
        const items = messages.filter((message) => touser === undefined || message.touser === touser)
        return { items: [...items].reverse() }
      },
    )
  }
  await app.register(controlRoutes, { prefix: '/__control' })

  await app.register(async (api) => {
    // WeChat answers HTTP 200 with an errcode, even for a body it cannot parse.
    api.setErrorHandler((error: FastifyError, request, reply) => {
      if ((error.statusCode ?? 500) < 500) return reply.status(200).send(wechatError(47001))
      request.log.error({ err: error }, 'wechat simulator failed')
      return reply.status(200).send(wechatError(-1))
    })
    applyFaults(
      api,
      () => faults,
      (reply: FastifyReply) => reply.status(200).send(wechatError(-1)),
    )

    api.get<{ Querystring: Query }>('/sns/jscode2session', async (request) => {
      const query = request.query
      const appid = text(query.appid)
      const secret = text(query.secret)
      const code = text(query.js_code)
      if (!appid) return wechatError(41002)
      if (appid !== appId) return wechatError(40013)
      if (!secret) return wechatError(41004)
      if (secret !== appSecret) return wechatError(40125)
      if (text(query.grant_type) !== 'authorization_code') return wechatError(40002)
      if (!code) return wechatError(41008)

      const errcode = simulatedError(code)
      if (errcode !== undefined) return wechatError(errcode)
      const openid = LOGIN_CODE.exec(code)?.[1]
      if (openid === undefined || RESERVED.has(openid) || usedCodes.has(code)) return wechatError(40029)
      usedCodes.add(code)
      return { openid, session_key: randomBytes(16).toString('base64') }
    })

    api.post<{ Body: unknown }>('/cgi-bin/stable_token', async (request) => {
      const body = isRecord(request.body) ? request.body : {}
      if (body.grant_type !== 'client_credential') return wechatError(40002)
      if (typeof body.appid !== 'string' || body.appid === '') return wechatError(41002)
      if (body.appid !== appId) return wechatError(40013)
      if (typeof body.secret !== 'string' || body.secret === '') return wechatError(41004)
      if (body.secret !== appSecret) return wechatError(40125)

      // Normal mode hands out the token currently valid for the app; force_refresh replaces it.
      if (body.force_refresh === true && currentToken !== undefined) tokens.delete(currentToken)
      const token = validCurrentToken() ?? issueToken()
      const expiresIn = Math.floor(((tokens.get(token) ?? now()) - now()) / 1000)
      return { access_token: token, expires_in: expiresIn }
    })

    api.post<{ Querystring: Query; Body: unknown }>('/wxa/business/getuserphonenumber', async (request) => {
      const problem = tokenProblem(request.query)
      if (problem !== undefined) return wechatError(problem)
      const code = isRecord(request.body) ? request.body.code : undefined
      if (typeof code !== 'string' || code === '') return wechatError(41008)

      const errcode = simulatedError(code)
      if (errcode !== undefined) return wechatError(errcode)
      const match = /^sim:phone:(\d{11})(?::appid:(.+))?$/.exec(code)
      if (!match || usedCodes.has(code)) return wechatError(40029)
      usedCodes.add(code)
      const phone = match[1] ?? ''
      return {
        errcode: 0,
        errmsg: 'ok',
        phone_info: {
          phoneNumber: phone,
          purePhoneNumber: phone,
          countryCode: '86',
          watermark: { timestamp: Math.floor(now() / 1000), appid: match[2] ?? appId },
        },
      }
    })

    api.post<{ Querystring: Query; Body: unknown }>('/cgi-bin/message/subscribe/send', async (request) => {
      const problem = tokenProblem(request.query)
      if (problem !== undefined) return wechatError(problem)
      if (!isRecord(request.body)) return wechatError(47001)
      const { touser, template_id: templateId, page, data, miniprogram_state: state, lang } = request.body

      if (typeof touser !== 'string' || !OPENID.test(touser)) return wechatError(40003)
      if (typeof templateId !== 'string' || templateId === '') return wechatError(40037)
      if (!isRecord(data) || Object.keys(data).length === 0) return wechatError(47003, 'data is empty')
      const fields: Record<string, { value: string }> = {}
      for (const [key, field] of Object.entries(data)) {
        if (!isRecord(field) || typeof field.value !== 'string' || field.value === '') {
          return wechatError(47003, `data.${key}.value is empty`)
        }
        fields[key] = { value: field.value }
      }
      if (page !== undefined && typeof page !== 'string') return wechatError(47003, 'page')
      if (state !== undefined && !(typeof state === 'string' && MINIPROGRAM_STATES.includes(state))) {
        return wechatError(47003, 'miniprogram_state')
      }
      if (lang !== undefined && !(typeof lang === 'string' && LANGS.includes(lang))) return wechatError(47003, 'lang')
      if (touser.startsWith('refuse')) return wechatError(43101)

      const msgid = nextMsgid++
      messages.push({
        msgid,
        touser,
        templateId,
        ...(page === undefined ? {} : { page }),
        data: fields,
        miniprogramState: (state as MiniprogramState | undefined) ?? 'formal',
        lang: (lang as WechatLang | undefined) ?? 'zh_CN',
        sentAt: new Date(now()).toISOString(),
      })
      if (messages.length > KEEP_MESSAGES) messages = messages.slice(-KEEP_MESSAGES)
      return { errcode: 0, errmsg: 'ok', msgid }
    })
  })
}
