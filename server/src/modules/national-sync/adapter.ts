/**
 * The national wage-arrears platform, through HuXin's protocol (docs/national-platform.md). Every
 * request is signed (signing.ts) and every answer's signature is checked: an answer
 * that is not the platform's is treated like no answer at all.
 */
import { randomUUID } from 'node:crypto'
import { isRecord } from '@huxin/shared'
import { callHttp, joinUrl, TransportError, type Fetch, type HttpAnswer } from '../../lib/http-call'
import { createMemoryNonceStore, signMessage, verifySignature } from './signing'
import {
  NATIONAL_PATHS,
  type DispatchedClue,
  type OutboxKind,
  type PlatformClueView,
} from './protocol'

export interface OutboundMessage {
  kind: OutboxKind
  messageId: string
  seq: number
  localClaimId: string
  /** The clue addressed (progress, result, ack); none for `register`. */
  clueId?: string
  payload: unknown
}

export interface NationalPort {
  /** Delivers one message; resolves with the platform's `data` (for `register`: `{ clueId }`). */
  send(message: OutboundMessage): Promise<Record<string, unknown>>
  /**
   * Delivers several messages (of different claims) in one request; one outcome per message, in
   * order. Rejects, for all of them, when the request as a whole got no valid answer.
   */
  sendBatch(messages: OutboundMessage[]): Promise<BatchOutcome[]>
  pullDispatched(cursor: string | undefined, limit: number): Promise<{ items: DispatchedClue[]; nextCursor: string; hasMore: boolean }>
  listClues(query: { updatedSince?: string; cursor?: string; limit?: number }): Promise<{ items: PlatformClueView[]; nextCursor: string | null }>
}

export type BatchOutcome = { ok: true; data: Record<string, unknown> } | { ok: false; error: NationalPlatformError }

export class NationalPlatformError extends Error {
  constructor(
    /** The platform's code, or TIMEOUT / NETWORK_ERROR / INVALID_RESPONSE / BAD_RESPONSE_SIGNATURE / HTTP_<status>. */
    readonly code: string,
    readonly retryable: boolean,
    message: string,
    readonly httpStatus?: number,
  ) {
    super(`national platform: ${code} ${message}`)
    this.name = 'NationalPlatformError'
  }
}

export interface NationalHttpAdapterOptions {
  baseUrl: string
  appId: string
  appSecret: string
  /** Per request, body included. Default 10000. */
  timeoutMs?: number
  fetch?: Fetch
}

export function createNationalHttpAdapter(options: NationalHttpAdapterOptions): NationalPort {
  const timeoutMs = options.timeoutMs ?? 10_000
  const fetchImpl: Fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const responseNonces = createMemoryNonceStore()

  async function call(method: 'GET' | 'POST', path: string, query?: Record<string, string>, body?: unknown): Promise<unknown> {
    const url = joinUrl(options.baseUrl, path, query && Object.keys(query).length > 0 ? query : undefined)
    const parsed = new URL(url)
    const signedPath = parsed.pathname + parsed.search
    const rawBody = body === undefined ? '' : JSON.stringify(body)
    let answer: HttpAnswer
    try {
      answer = await callHttp(
        fetchImpl,
        {
          method,
          url,
          headers: signMessage({ appId: options.appId, secret: options.appSecret, method, path: signedPath, body: rawBody }),
          ...(body === undefined ? {} : { rawBody }),
        },
        timeoutMs,
      )
    } catch (error) {
      if (error instanceof TransportError) {
        throw new NationalPlatformError(error.kind === 'timeout' ? 'TIMEOUT' : 'NETWORK_ERROR', true, error.message)
      }
      throw error
    }
    const headers: Record<string, string> = {}
    answer.headers.forEach((value, key) => (headers[key] = value))
    const verified = verifySignature({
      headers,
      method,
      path: signedPath,
      body: answer.text,
      status: answer.status,
      secretFor: (appId) => (appId === options.appId ? options.appSecret : undefined),
      nonces: responseNonces,
    })
    if (!verified.ok) {
      // Not the platform's answer (a proxy's error page, or tampered): we cannot know what happened.
      throw new NationalPlatformError('BAD_RESPONSE_SIGNATURE', true, `${verified.code}: ${verified.message}`, answer.status)
    }
    const json = isRecord(answer.json) ? answer.json : undefined
    const code = typeof json?.code === 'string' ? json.code : `HTTP_${answer.status}`
    const message = typeof json?.message === 'string' ? json.message : `HTTP ${answer.status}`
    if (answer.status >= 500 || answer.status === 429 || answer.status === 401) {
      // 401: clock skew or a nonce clash is cured by a fresh signature; wrong credentials park the row after N tries.
      throw new NationalPlatformError(code, true, message, answer.status)
    }
    if (answer.status < 200 || answer.status > 299) throw new NationalPlatformError(code, false, message, answer.status)
    if (code !== 'OK') throw new NationalPlatformError(code, false, message, answer.status)
    return json?.data
  }

  const envelope = (message: OutboundMessage) => ({
    messageId: message.messageId,
    seq: message.seq,
    localClaimId: message.localClaimId,
    sentAt: new Date().toISOString(),
    payload: message.payload,
  })

  return {
    async sendBatch(messages) {
      for (const message of messages) {
        if (message.kind !== 'register' && message.clueId === undefined) {
          throw new NationalPlatformError('NO_CLUE_ID', false, `a ${message.kind} message needs the clue id`)
        }
      }
      const items = messages.map((message) => ({ kind: message.kind, ...(message.clueId === undefined ? {} : { clueId: message.clueId }), ...envelope(message) }))
      const data = await call('POST', NATIONAL_PATHS.batch, undefined, { batchId: randomUUID(), items })
      const results = isRecord(data) && Array.isArray(data.results) ? data.results : undefined
      if (!results || results.length !== messages.length) throw new NationalPlatformError('INVALID_RESPONSE', true, 'the answer has no result per message')
      return results.map((result: unknown, i): BatchOutcome => {
        const item = isRecord(result) ? result : {}
        const status = typeof item.status === 'number' ? item.status : 0
        const code = typeof item.code === 'string' ? item.code : `HTTP_${status}`
        const message = typeof item.message === 'string' ? item.message : code
        if (item.messageId !== messages[i]?.messageId) {
          return { ok: false, error: new NationalPlatformError('INVALID_RESPONSE', true, 'results out of step with the messages') }
        }
        if (status >= 200 && status < 300 && code === 'OK' && isRecord(item.data)) {
          if (messages[i]?.kind === 'register' && typeof item.data.clueId !== 'string') {
            return { ok: false, error: new NationalPlatformError('INVALID_RESPONSE', true, 'the answer has no clueId') }
          }
          return { ok: true, data: item.data }
        }
        const retryable = status >= 500 || status === 429 || status === 401 || status === 0
        return { ok: false, error: new NationalPlatformError(code, retryable, message, status || undefined) }
      })
    },

    async send(message) {
      let path: string
      if (message.kind === 'register') path = NATIONAL_PATHS.register
      else {
        if (message.clueId === undefined) throw new NationalPlatformError('NO_CLUE_ID', false, `a ${message.kind} message needs the clue id`)
        path =
          message.kind === 'ack'
            ? NATIONAL_PATHS.ack(message.clueId)
            : message.kind === 'progress'
              ? NATIONAL_PATHS.progress(message.clueId)
              : NATIONAL_PATHS.result(message.clueId)
      }
      const data = await call('POST', path, undefined, envelope(message))
      if (!isRecord(data)) throw new NationalPlatformError('INVALID_RESPONSE', true, 'the answer has no data')
      if (message.kind === 'register' && typeof data.clueId !== 'string') {
        throw new NationalPlatformError('INVALID_RESPONSE', true, 'the answer has no clueId')
      }
      return data
    },

    async pullDispatched(cursor, limit) {
      const query: Record<string, string> = { limit: String(limit) }
      if (cursor !== undefined) query.cursor = cursor
      const data = await call('GET', NATIONAL_PATHS.dispatched, query)
      if (!isRecord(data) || !Array.isArray(data.items) || typeof data.nextCursor !== 'string') {
        throw new NationalPlatformError('INVALID_RESPONSE', true, 'the answer has no items or nextCursor')
      }
      return { items: data.items as DispatchedClue[], nextCursor: data.nextCursor, hasMore: data.hasMore === true }
    },

    async listClues(query) {
      const q: Record<string, string> = {}
      if (query.updatedSince !== undefined) q.updatedSince = query.updatedSince
      if (query.cursor !== undefined) q.cursor = query.cursor
      if (query.limit !== undefined) q.limit = String(query.limit)
      const data = await call('GET', NATIONAL_PATHS.clues, q)
      if (!isRecord(data) || !Array.isArray(data.items)) throw new NationalPlatformError('INVALID_RESPONSE', true, 'the answer has no items')
      return { items: data.items as PlatformClueView[], nextCursor: typeof data.nextCursor === 'string' ? data.nextCursor : null }
    },
  }
}
