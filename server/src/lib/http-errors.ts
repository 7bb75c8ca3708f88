import { ErrorResponseSchema, type FieldError } from '@huxin/shared'

/** An error with a status and a stable code that the error handler turns into API.md's shape. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: FieldError[],
    /** Extra response headers, e.g. `retry-after` on 429. */
    readonly headers?: Record<string, string>,
    /**
     * More fields of the error object beside code, message and details (API.md: fields may be
     * added), e.g. the claim a reused Idempotency-Key filed. The route's response schema names them.
     */
    readonly fields?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

export const validationFailed = (details: FieldError[]) =>
  new HttpError(400, 'VALIDATION_FAILED', '填写的内容有误，请检查标出的项目', details)

export const notFound = (what = '记录') => new HttpError(404, 'NOT_FOUND', `${what}不存在`)

/**
 * The response schemas of a route's error statuses, all of API.md's error shape:
 * `response: { 200: X, ...errorResponses(400, 401, 403) }`.
 */
export function errorResponses<const Codes extends readonly number[]>(...codes: Codes): { [Code in Codes[number]]: typeof ErrorResponseSchema } {
  return Object.fromEntries(codes.map((code) => [code, ErrorResponseSchema])) as { [Code in Codes[number]]: typeof ErrorResponseSchema }
}

/** The OpenAPI security requirement of routes that need a bearer token. */
export const BEARER_AUTH = [{ bearerAuth: [] }]
