/**
 * The one typed client of the HuXin API (STYLE.md, 12). Types come from @huxin/shared (`import
 * type`: no schema code enters the bundle). Every failure is an `ApiError`: HTTP errors carry the
 * server's `{ error: { code, message, details } }`; no answer at all gives code `NETWORK`.
 */
import Taro from '@tarojs/taro'
import type { Claim, CreateClaimBody } from '@huxin/shared'
import { ApiError, apiErrorFromResponse, networkError } from './errors'

export { ApiError, NETWORK_ERROR_CODE } from './errors'

/** Weak networks are slow: wait long enough for a 3G upload, not forever. */
const TIMEOUT_MS = 20_000

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface ApiClientOptions {
  /** Absolute base (`https://…`, weapp) or '' for same origin (H5 served by the API server). */
  baseUrl: string
  /** Bearer token of the signed-in user, when there is one. */
  getAccessToken?: () => string | undefined
}

export interface ApiClient {
  /** `POST /api/v1/claims`; retries of one submission must pass the same key (API.md, Claims). */
  createClaim(body: CreateClaimBody, idempotencyKey: string): Promise<Claim>
  /** `GET /api/v1/claims/:id` */
  getClaim(id: string): Promise<Claim>
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '')

  async function send<T>(method: Method, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const header: Record<string, string> = { Accept: 'application/json', ...headers }
    if (body !== undefined) header['Content-Type'] = 'application/json'
    const token = options.getAccessToken?.()
    if (token) header.Authorization = `Bearer ${token}`

    let response: { statusCode: number; data: unknown }
    try {
      response = await Taro.request({
        url: `${baseUrl}${path}`,
        method,
        header,
        data: body,
        dataType: 'json',
        timeout: TIMEOUT_MS,
      })
    } catch (cause) {
      // Taro rejects (and calls `fail`) only when no HTTP answer arrived: offline, timeout, DNS,
      // TLS, a domain missing from the mini-program's request whitelist.
      throw networkError(cause)
    }
    const status = response.statusCode
    if (status >= 200 && status < 300) return response.data as T
    throw apiErrorFromResponse(status, response.data)
  }

  return {
    createClaim: (body, idempotencyKey) =>
      send<Claim>('POST', '/api/v1/claims', body, { 'Idempotency-Key': idempotencyKey }),
    getClaim: (id) => send<Claim>('GET', `/api/v1/claims/${encodeURIComponent(id)}`),
  }
}

/** The app's client; base URL fixed at build time (config/index.ts, HUXIN_API_BASE). */
export const api: ApiClient = createApiClient({ baseUrl: HUXIN_API_BASE })

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError
}
