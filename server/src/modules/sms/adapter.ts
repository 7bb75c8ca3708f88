/**
 * Text messages to workers' phones (sign-in codes, news of their claims). `SmsPort` is what the server depends on;
 * `createSmsHttpAdapter` speaks HuXin's SMS gateway protocol, modelled on Aliyun's SendSms
 * (https://help.aliyun.com/zh/sms/developer-reference/api-dysmsapi-2017-05-25-sendsms) with bearer
 * authentication instead of request signing:
 *
 *   POST {baseUrl}/v1/messages
 *   Authorization: Bearer <apiKey>
 *   { "phoneNumbers": "13812341234", "signName": "护薪", "templateCode": "SMS_…",
 *     "templateParam": "{\"code\":\"123456\"}", "outId": "<uuid>" }
 *
 *   200 { "code": "OK", "message": "OK", "bizId": "…", "requestId": "…" }
 *   200 { "code": "isv.BUSINESS_LIMIT_CONTROL" | "isv.MOBILE_NUMBER_ILLEGAL" | …, "message", "requestId" }
 *   400 { "code": "isv.INVALID_PARAMETERS", … } · 401 { "code": "InvalidApiKey", … }
 *   5xx { "code": "ServiceUnavailable" | "isp.SYSTEM_ERROR", … }
 *
 * Business refusals come back as HTTP 200 with a code other than OK, as Aliyun's do.
 */
import { randomUUID } from 'node:crypto'
import { isRecord } from '@huxin/shared'
import { callHttp, joinUrl, TransportError, type Fetch } from '../../lib/http-call'

export interface SmsPort {
  /** Sends a sign-in code; `messageId` is the gateway's id for delivery receipts and support. */
  sendVerificationCode(phone: string, code: string): Promise<{ messageId: string }>
  /**
   * Tells a worker their claim moved on (template parameters `reference`, `status`; the message
   * sends them to the mini-program for details). `outId` is our id of the message: the gateway
   * echoes it in delivery receipts.
   */
  sendClaimUpdate(phone: string, update: { reference: string; status: string }, outId: string): Promise<{ messageId: string }>
}

export const SmsErrorCode = {
  /** Too many messages to this number (per minute, hour or day): try later. */
  RATE_LIMITED: 'isv.BUSINESS_LIMIT_CONTROL',
  MOBILE_NUMBER_ILLEGAL: 'isv.MOBILE_NUMBER_ILLEGAL',
  /** The account ran out of credit: someone must top it up. */
  AMOUNT_NOT_ENOUGH: 'isv.AMOUNT_NOT_ENOUGH',
  SIGNATURE_ILLEGAL: 'isv.SMS_SIGNATURE_ILLEGAL',
  TEMPLATE_ILLEGAL: 'isv.SMS_TEMPLATE_ILLEGAL',
  INVALID_PARAMETERS: 'isv.INVALID_PARAMETERS',
  INVALID_API_KEY: 'InvalidApiKey',
  SYSTEM_ERROR: 'isp.SYSTEM_ERROR',
  SERVICE_UNAVAILABLE: 'ServiceUnavailable',
  /** Not from the gateway: no answer in time, or no connection. */
  TIMEOUT: 'TIMEOUT',
  NETWORK_ERROR: 'NETWORK_ERROR',
  INVALID_RESPONSE: 'INVALID_RESPONSE',
} as const

/** Gateway codes that succeed if tried again later; every other refusal is permanent. */
const RETRYABLE_CODES: ReadonlySet<string> = new Set([SmsErrorCode.RATE_LIMITED, SmsErrorCode.SYSTEM_ERROR])

export class SmsGatewayError extends Error {
  constructor(
    /** The gateway's code (`isv.…`), or TIMEOUT / NETWORK_ERROR / INVALID_RESPONSE / `HTTP_<status>`. */
    readonly code: string,
    readonly retryable: boolean,
    message: string,
    /** The HTTP status, when the gateway answered. */
    readonly httpStatus?: number,
  ) {
    super(`SMS gateway: ${code} ${message}`)
    this.name = 'SmsGatewayError'
  }
}

export interface SmsHttpAdapterOptions {
  /** The gateway's base URL, e.g. `http://127.0.0.1:3000/__sim/sms` for the simulator. */
  baseUrl: string
  apiKey: string
  /** The registered signature shown as 【…】 before the text. */
  signName: string
  /** The registered template of the verification-code message; its parameter is `code`. */
  templateCode: string
  /** The registered template of claim updates; its parameters are `reference` and `status`. */
  updateTemplateCode: string
  /** Per request, body included. Default 5000. */
  timeoutMs?: number
  fetch?: Fetch
}

const DEFAULT_TIMEOUT_MS = 5_000

export function createSmsHttpAdapter(options: SmsHttpAdapterOptions): SmsPort {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const fetchImpl: Fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))

  async function send(phone: string, templateCode: string, params: Record<string, string>, outId: string) {
    let answer
    try {
      answer = await callHttp(
        fetchImpl,
        {
          method: 'POST',
          url: joinUrl(options.baseUrl, '/v1/messages'),
          headers: { authorization: `Bearer ${options.apiKey}` },
          body: {
            phoneNumbers: phone,
            signName: options.signName,
            templateCode,
            templateParam: JSON.stringify(params),
            outId,
          },
        },
        timeoutMs,
      )
    } catch (error) {
      if (error instanceof TransportError) {
        const errorCode = error.kind === 'timeout' ? SmsErrorCode.TIMEOUT : SmsErrorCode.NETWORK_ERROR
        throw new SmsGatewayError(errorCode, true, error.message)
      }
      throw error
    }
    // Messages never carry the phone number or the code: they end up in logs and failure records.
    const body = isRecord(answer.json) ? answer.json : undefined
    const gatewayCode = typeof body?.code === 'string' ? body.code : undefined
    const gatewayMessage = typeof body?.message === 'string' ? body.message : ''
    if (answer.status >= 500 || answer.status === 429) {
      throw new SmsGatewayError(gatewayCode ?? `HTTP_${answer.status}`, true, gatewayMessage || `HTTP ${answer.status}`, answer.status)
    }
    if (answer.status < 200 || answer.status > 299) {
      throw new SmsGatewayError(gatewayCode ?? `HTTP_${answer.status}`, false, gatewayMessage || `HTTP ${answer.status}`, answer.status)
    }
    if (gatewayCode === undefined) {
      throw new SmsGatewayError(SmsErrorCode.INVALID_RESPONSE, false, 'the answer has no code', answer.status)
    }
    if (gatewayCode !== 'OK') {
      throw new SmsGatewayError(gatewayCode, RETRYABLE_CODES.has(gatewayCode), gatewayMessage, answer.status)
    }
    if (typeof body?.bizId !== 'string' || body.bizId === '') {
      throw new SmsGatewayError(SmsErrorCode.INVALID_RESPONSE, false, 'the answer has no bizId', answer.status)
    }
    return { messageId: body.bizId }
  }

  return {
    sendVerificationCode: (phone, code) => send(phone, options.templateCode, { code }, randomUUID()),
    sendClaimUpdate: (phone, update, outId) =>
      send(phone, options.updateTemplateCode, { reference: update.reference, status: update.status }, outId),
  }
}
