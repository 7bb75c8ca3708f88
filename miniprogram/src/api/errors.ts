import type { FieldError } from '@huxin/shared'

/**
 * Error thrown by the API client. Pure (no Taro import) so that the page helpers that read it can
 * be unit-tested under Node.
 *
 * - `status` is the HTTP status, or 0 when no response arrived (code `NETWORK`).
 * - `code`, `message`, `details` come from the server's `{ error: { code, message, details? } }`
 *   body (API.md, Errors); `details[].field` are paths such as `claimant.name`.
 */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: FieldError[]

  constructor(status: number, code: string, message: string, details: FieldError[] = [], cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause })
    // Keeps `instanceof` working should the class ever be compiled down to ES5.
    Object.setPrototypeOf(this, new.target.prototype)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
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

/**
 * Builds the error for a non-2xx response. Bodies that are not an ErrorResponse (a proxy's HTML
 * page, an empty 502) still give a usable error with a code derived from the status.
 */
export function apiErrorFromResponse(status: number, data: unknown): ApiError {
  const error = isRecord(data) && isRecord(data.error) ? data.error : undefined
  const code = typeof error?.code === 'string' && error.code !== '' ? error.code : `HTTP_${status}`
  const message = typeof error?.message === 'string' && error.message !== '' ? error.message : `请求失败（${status}）`
  return new ApiError(status, code, message, readDetails(error?.details))
}
