import { isRecord } from '@huxin/shared/domain/is-record'
import type { FieldError } from '@huxin/shared'

/**
 * Error thrown by the API client. Pure (no Taro import) so that the page helpers that read it can
 * be unit-tested under Node.
 *
 * - `status` is the HTTP status, or 0 when no response arrived (code `NETWORK`).
 * - `code`, `message`, `details` come from the server's `{ error: { code, message, details? } }`
 *   body (API.md, Errors); `details[].field` are paths such as `claimant.name`.
 * - `fields` holds the error object's other fields (API.md: fields may be added), e.g. `claim` on
 *   the 422 of a reused Idempotency-Key.
 */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: FieldError[]
  /** Seconds to wait before trying again, from a 429's `retry-after` header (API.md, Errors). */
  retryAfterSeconds: number | undefined
  fields: Readonly<Record<string, unknown>>

  constructor(status: number, code: string, message: string, details: FieldError[] = [], cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause })
    // Keeps `instanceof` working should the class ever be compiled down to ES5.
    Object.setPrototypeOf(this, new.target.prototype)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
    this.retryAfterSeconds = undefined
    this.fields = {}
  }

  get isNetworkError(): boolean {
    return this.code === NETWORK_ERROR_CODE
  }
}

/** Code of an `ApiError` raised when no HTTP response arrived (offline, timeout, DNS, TLS). */
export const NETWORK_ERROR_CODE = 'NETWORK'

export function networkError(cause: unknown): ApiError {
  return new ApiError(0, NETWORK_ERROR_CODE, '网络连接失败', [], cause)
}

function readDetails(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return []
  const details: FieldError[] = []
  for (const item of value) {
    if (isRecord(item) && typeof item.field === 'string' && typeof item.message === 'string') {
      details.push({ field: item.field, message: item.message })
    }
  }
  return details
}

/** A response header by name, whatever its case (H5 gives lower case, WeChat the server's case). */
export function readHeader(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!headers) return undefined
  const wanted = name.toLowerCase()
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === wanted) {
      const value = headers[key]
      return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined
    }
  }
  return undefined
}

/**
 * `retry-after` in seconds: either a number of seconds or an HTTP date (RFC 9110, 10.2.3).
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text)
  const at = Date.parse(text)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, Math.ceil((at - now) / 1000))
}

/**
 * Builds the error for a non-2xx response. Bodies that are not an ErrorResponse (a proxy's HTML
 * page, an empty 502) still give a usable error with a code derived from the status. A body that
 * arrives as text (uploads answer a string) is parsed first.
 */
export function apiErrorFromResponse(status: number, data: unknown, headers?: Record<string, unknown>): ApiError {
  const body = typeof data === 'string' ? parseJson(data) : data
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined
  const code = typeof error?.code === 'string' && error.code !== '' ? error.code : `HTTP_${status}`
  const message = typeof error?.message === 'string' && error.message !== '' ? error.message : `请求失败（${status}）`
  const result = new ApiError(status, code, message, readDetails(error?.details))
  result.retryAfterSeconds = parseRetryAfter(readHeader(headers, 'retry-after'))
  if (error) {
    const { code: _code, message: _message, details: _details, ...fields } = error
    result.fields = fields
  }
  return result
}

/** JSON text → value; anything unreadable → undefined. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
