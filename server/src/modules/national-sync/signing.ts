/**
 * Request and response signatures of the national-platform protocol (docs/national-platform.md),
 * shared by the adapter, our webhook and the simulator so both ends compute them the same way.
 *
 *   X-App-Id, X-Timestamp (Unix seconds), X-Nonce (16–64 of [A-Za-z0-9_-]),
 *   X-Signature = hex HMAC-SHA256(appSecret, canonical)
 *   request canonical  = METHOD \n path-with-query \n timestamp \n nonce \n hex sha256(raw body)
 *   response canonical = STATUS \n METHOD \n path-with-query \n timestamp \n nonce \n hex sha256(raw body)
 *
 * A signature is refused outside ±5 minutes of the verifier's clock or when its nonce was seen
 * before (nonces are kept for twice the window, so a replay cannot outlive its memory).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

const SIGNATURE_WINDOW_SECONDS = 300

const SIGNATURE_HEADERS = {
  appId: 'x-app-id',
  timestamp: 'x-timestamp',
  nonce: 'x-nonce',
  signature: 'x-signature',
} as const

/** Stable codes of a refused signature (answered as 401 `{ code, message }`). */
export type SignatureFailure =
  | 'SIGNATURE_MISSING'
  | 'APP_ID_UNKNOWN'
  | 'TIMESTAMP_EXPIRED'
  | 'NONCE_INVALID'
  | 'NONCE_REUSED'
  | 'SIGNATURE_INVALID'

const sha256Hex = (body: string | Buffer) => createHash('sha256').update(body).digest('hex')

const newNonce = () => randomBytes(16).toString('hex')

const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/

export interface SignInput {
  appId: string
  secret: string
  method: string
  /** Path and query as sent on the request line, e.g. `/v1/clues/dispatched?cursor=abc`. */
  path: string
  /** The exact bytes of the body; '' for none. */
  body: string
  /** The answer's HTTP status, when signing a response. */
  status?: number
  /** Unix seconds; default now. */
  timestamp?: number
  nonce?: string
}

function canonical(parts: { status?: number | undefined; method: string; path: string; timestamp: string; nonce: string; body: string }) {
  const lines = [parts.method.toUpperCase(), parts.path, parts.timestamp, parts.nonce, sha256Hex(parts.body)]
  if (parts.status !== undefined) lines.unshift(String(parts.status))
  return lines.join('\n')
}

function computeSignature(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex')
}

/** The four headers of a signed request or response. */
export function signMessage(input: SignInput): Record<string, string> {
  const timestamp = String(input.timestamp ?? Math.floor(Date.now() / 1000))
  const nonce = input.nonce ?? newNonce()
  const signature = computeSignature(
    input.secret,
    canonical({ status: input.status, method: input.method, path: input.path, timestamp, nonce, body: input.body }),
  )
  return {
    [SIGNATURE_HEADERS.appId]: input.appId,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: signature,
  }
}

/** Remembers nonces for a while; `remember` answers false when the nonce was already there. */
export interface NonceStore {
  remember(key: string, ttlSeconds: number): boolean
}

/**
 * In-process nonce memory. Enough for one process receiving a given stream of signatures; several
 * receiving instances would share one in Redis or the database instead.
 */
export function createMemoryNonceStore(now: () => number = Date.now): NonceStore {
  const seen = new Map<string, number>()
  let nextSweep = 0
  return {
    remember(key, ttlSeconds) {
      const at = now()
      if (at >= nextSweep) {
        for (const [k, expires] of seen) if (expires <= at) seen.delete(k)
        nextSweep = at + 30_000
      }
      const expires = seen.get(key)
      if (expires !== undefined && expires > at) return false
      seen.set(key, at + ttlSeconds * 1000)
      return true
    },
  }
}

export interface VerifyInput {
  /** Lower-case header names, as Node gives them. */
  headers: Record<string, string | string[] | undefined>
  method: string
  path: string
  body: string
  status?: number
  /** The secret of an app id, or undefined when the id is unknown. */
  secretFor: (appId: string) => string | undefined
  /**
   * Where spent nonces are remembered. Without it the caller checks `nonceKey` itself — after a
   * valid signature only — in a shared, asynchronous store (the webhook: the database).
   */
  nonces?: NonceStore
  /** Unix milliseconds; default Date.now(). */
  now?: number
}

export type VerifyResult = { ok: true; appId: string; nonceKey: string } | { ok: false; code: SignatureFailure; message: string }

/** How long a spent nonce is remembered: twice the signature window (a clock may be early or late). */
export const NONCE_TTL_SECONDS = SIGNATURE_WINDOW_SECONDS * 2

export const NONCE_REUSED = { ok: false, code: 'NONCE_REUSED', message: 'X-Nonce was used before' } as const

const header = (headers: VerifyInput['headers'], name: string) => {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

export function verifySignature(input: VerifyInput): VerifyResult {
  const appId = header(input.headers, SIGNATURE_HEADERS.appId)
  const timestamp = header(input.headers, SIGNATURE_HEADERS.timestamp)
  const nonce = header(input.headers, SIGNATURE_HEADERS.nonce)
  const signature = header(input.headers, SIGNATURE_HEADERS.signature)
  if (!appId || !timestamp || !nonce || !signature) {
    return { ok: false, code: 'SIGNATURE_MISSING', message: 'X-App-Id, X-Timestamp, X-Nonce and X-Signature are required' }
  }
  const secret = input.secretFor(appId)
  if (secret === undefined) return { ok: false, code: 'APP_ID_UNKNOWN', message: 'unknown X-App-Id' }
  const nowSeconds = (input.now ?? Date.now()) / 1000
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS) {
    return { ok: false, code: 'TIMESTAMP_EXPIRED', message: `X-Timestamp is more than ${SIGNATURE_WINDOW_SECONDS} s away from now` }
  }
  if (!NONCE_PATTERN.test(nonce)) return { ok: false, code: 'NONCE_INVALID', message: 'X-Nonce must be 16–64 of [A-Za-z0-9_-]' }
  const expected = computeSignature(
    secret,
    canonical({ status: input.status, method: input.method, path: input.path, timestamp, nonce, body: input.body }),
  )
  const given = Buffer.from(signature, 'utf8')
  const wanted = Buffer.from(expected, 'utf8')
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    return { ok: false, code: 'SIGNATURE_INVALID', message: 'X-Signature does not match' }
  }
  // Only a valid signature consumes its nonce: a forged request cannot burn a real one.
  const nonceKey = `${appId}:${nonce}`
  if (input.nonces && !input.nonces.remember(nonceKey, NONCE_TTL_SECONDS)) return NONCE_REUSED
  return { ok: true, appId, nonceKey }
}
