/**
 * A stand-in for the SMS gateway, speaking the protocol described in adapters/sms.ts over real
 * HTTP. It sends nothing: it keeps what it was asked to send so that tests and developers can read
 * the codes back (API.md, "Development and test affordances"). Mounted under `/__sim/sms`.
 * Encapsulated on purpose: its hooks and error handlers stay inside.
 *
 * - `POST /v1/messages` — the gateway. Limits like a real gateway's: one message per number per
 *   60 s and ten per hour, beyond which it answers `isv.BUSINESS_LIMIT_CONTROL`.
 * - `GET /messages?phone=` — `{ items: [{ phone, code, text, sentAt, messageId }] }`, newest first.
 * - `POST /__control/faults` `{ errorRate? (HTTP 503), latencyMs?, dropConnection?, dropResponse?,
 *   outOfBalance? }` (replaces the switches) · `POST /__control/reset`.
 */
import { isRecord } from '@huxin/shared'
import { randomInt, randomUUID } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyError, FastifyReply } from 'fastify'
import Type from 'typebox'
import { applyFaults, faultsFrom, FaultsBody, noFaults, redactQueriesInLogs, type Faults } from '../../lib/simulator-kit'

export interface SmsSimulatorOptions {
  /** The key callers must present as `Authorization: Bearer <apiKey>`. */
  apiKey: string
  /** Clock in milliseconds, for the rate limits and `sentAt`. */
  now?: () => number
}

export interface SimulatedSms {
  phone: string
  /** The sign-in code; null for other messages (claim updates). */
  code: string | null
  text: string
  sentAt: string
  messageId: string
}

const SmsFaultsBody = Type.Object(
  {
    ...FaultsBody.properties,
    outOfBalance: Type.Optional(Type.Boolean({ description: 'Answer isv.AMOUNT_NOT_ENOUGH, as an account out of credit does' })),
  },
  { additionalProperties: false },
)

const MINUTE_MS = 60_000
const HOUR_MS = 3_600_000
const PER_MINUTE = 1
const PER_HOUR = 10
/** A long-running development server keeps only the latest messages. */
const KEEP_MESSAGES = 1_000

/** Mainland mobile numbers, optionally with +86; kept as the 11 digits. */
const MOBILE = /^(?:\+?86)?(1[3-9]\d{9})$/

const gatewayAnswer = (reply: FastifyReply, status: number, code: string, message: string) =>
  reply.status(status).send({ code, message, requestId: randomUUID().toUpperCase() })

export const smsSimulator: FastifyPluginAsyncTypebox<SmsSimulatorOptions> = async (app, options) => {
  const now = options.now ?? Date.now
  let faults: Faults = noFaults()
  let outOfBalance = false
  let messages: SimulatedSms[] = []
  /** phone → send times (ms), for the limits. */
  let sendTimes = new Map<string, number[]>()

  redactQueriesInLogs(app)

  const controlRoutes: FastifyPluginAsyncTypebox = async (control) => {
    control.setErrorHandler((error: FastifyError, _request, reply) =>
      reply.status(error.statusCode ?? 500).send({ error: { code: error.code ?? 'INTERNAL', message: error.message } }),
    )
    control.post('/faults', { schema: { body: SmsFaultsBody } }, async (request) => {
      faults = faultsFrom(request.body)
      outOfBalance = request.body.outOfBalance ?? false
      return { faults: { ...faults, outOfBalance } }
    })
    control.post('/reset', async (_request, reply) => {
      faults = noFaults()
      outOfBalance = false
      messages = []
      sendTimes = new Map()
      return reply.status(204).send()
    })
  }
  await app.register(controlRoutes, { prefix: '/__control' })

  app.get(
    '/messages',
    { schema: { querystring: Type.Object({ phone: Type.Optional(Type.String()) }) } },
    async (request) => {
      const wanted = request.query.phone
      const phone = wanted === undefined ? undefined : (MOBILE.exec(wanted)?.[1] ?? wanted)
      const items = messages.filter((message) => phone === undefined || message.phone === phone)
      return { items: [...items].reverse() }
    },
  )

  await app.register(async (gateway) => {
    gateway.setErrorHandler((error: FastifyError, request, reply) => {
      if ((error.statusCode ?? 500) < 500) return gatewayAnswer(reply, 400, 'isv.INVALID_PARAMETERS', '参数格式错误')
      request.log.error({ err: error }, 'sms simulator failed')
      return gatewayAnswer(reply, 500, 'isp.SYSTEM_ERROR', '系统错误')
    })
    applyFaults(
      gateway,
      () => faults,
      (reply) => gatewayAnswer(reply, 503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.'),
    )

    gateway.post<{ Body: unknown }>('/v1/messages', async (request, reply) => {
      if (request.headers.authorization !== `Bearer ${options.apiKey}`) {
        return gatewayAnswer(reply, 401, 'InvalidApiKey', 'Specified api key is not valid.')
      }
      if (!isRecord(request.body)) return gatewayAnswer(reply, 400, 'isv.INVALID_PARAMETERS', '参数格式错误')
      const { phoneNumbers, signName, templateCode, templateParam } = request.body
      if (typeof phoneNumbers !== 'string' || phoneNumbers === '') {
        return gatewayAnswer(reply, 400, 'isv.INVALID_PARAMETERS', 'phoneNumbers 必填')
      }
      // Like Aliyun, a comma-separated list sends the same text to each number.
      const phones: string[] = []
      for (const raw of phoneNumbers.split(',')) {
        const phone = MOBILE.exec(raw.trim())?.[1]
        if (phone === undefined) return gatewayAnswer(reply, 200, 'isv.MOBILE_NUMBER_ILLEGAL', '非法手机号')
        phones.push(phone)
      }
      if (typeof signName !== 'string' || signName.trim() === '') {
        return gatewayAnswer(reply, 200, 'isv.SMS_SIGNATURE_ILLEGAL', '该账号下找不到对应签名')
      }
      if (typeof templateCode !== 'string' || !/^SMS_\d+$/.test(templateCode)) {
        return gatewayAnswer(reply, 200, 'isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板')
      }
      let params: unknown
      try {
        params = typeof templateParam === 'string' ? JSON.parse(templateParam) : undefined
      } catch {
        params = undefined
      }
      if (!isRecord(params)) return gatewayAnswer(reply, 200, 'isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值')
      // Two kinds of template: sign-in codes (`code`) and claim updates (`reference`, `status`).
      const code = typeof params.code === 'string' && params.code !== '' ? params.code : null
      const update =
        typeof params.reference === 'string' && params.reference !== '' && typeof params.status === 'string' && params.status !== ''
          ? { reference: params.reference, status: params.status }
          : null
      if (code === null && update === null) {
        return gatewayAnswer(reply, 200, 'isv.TEMPLATE_MISSING_PARAMETERS', '模板缺少变量')
      }
      if (outOfBalance) return gatewayAnswer(reply, 200, 'isv.AMOUNT_NOT_ENOUGH', '账户余额不足')

      const at = now()
      for (const phone of phones) {
        const recent = (sendTimes.get(phone) ?? []).filter((time) => time > at - HOUR_MS)
        sendTimes.set(phone, recent)
        if (recent.filter((time) => time > at - MINUTE_MS).length >= PER_MINUTE) {
          return gatewayAnswer(reply, 200, 'isv.BUSINESS_LIMIT_CONTROL', `触发分钟级流控Permits:${PER_MINUTE}`)
        }
        if (recent.length >= PER_HOUR) {
          return gatewayAnswer(reply, 200, 'isv.BUSINESS_LIMIT_CONTROL', `触发小时级流控Permits:${PER_HOUR}`)
        }
      }

      const bizId = `${at}${String(randomInt(1_000_000)).padStart(6, '0')}^0`
      const text =
        code !== null
          ? `【${signName}】您的验证码是${code}。如非本人操作，请忽略本短信。`
          : `【${signName}】您的投诉${update?.reference ?? ''}有新进展：${update?.status ?? ''}。请打开“护薪”小程序查看。`
      for (const phone of phones) {
        sendTimes.get(phone)?.push(at)
        messages.push({ phone, code, text, sentAt: new Date(at).toISOString(), messageId: bizId })
      }
      if (messages.length > KEEP_MESSAGES) messages = messages.slice(-KEEP_MESSAGES)
      return reply.status(200).send({ code: 'OK', message: 'OK', bizId, requestId: randomUUID().toUpperCase() })
    })
  })
}
