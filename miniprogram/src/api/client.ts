/**
 * The one typed client of the HuXin API (STYLE.md, 12). Types come from @huxin/shared (`import
 * type`: no schema code enters the bundle). Every failure is an `ApiError`: HTTP errors carry the
 * server's `{ error: { code, message, details } }`; no answer at all gives code `NETWORK`.
 *
 * Signed-in calls carry `Authorization: Bearer <accessToken>`. A 401 gets one refresh (shared by
 * every caller, see session.ts) and one retry; when the refresh is refused the session ends (its
 * listeners send the worker to the sign-in page) and the call fails with that 401.
 *
 * This file does not import Taro: the HTTP transport is passed in (api/index.ts gives the Taro one),
 * so the whole client, refresh included, is unit-tested under Node (test/api-client.test.ts).
 */
import type { SmsRequestAccepted, TokenPair } from '@huxin/shared/schemas/auth'
import type {
  Attachment,
  Claim,
  ClaimDetail,
  ClaimList,
  CreateClaimBody,
  Recovery,
  WithdrawClaimBody,
} from '@huxin/shared/schemas/claim'
import type { DocumentList } from '@huxin/shared/schemas/document'
import type { CreateReportBody, Report } from '@huxin/shared/schemas/report'
import type { BboxResponse, HelpPointChangesResponse, HelpPointDetail, HelpPointKind, NearbyResponse } from './help-points-types'
import { ApiError, apiErrorFromResponse, networkError, parseJson } from './errors'
import { createSession, memorySessionStore, type Session, type SessionStore } from './session'

export { ApiError, NETWORK_ERROR_CODE } from './errors'

export type SmsCodeSent = SmsRequestAccepted

/** Weak networks are slow: wait long enough for a 3G request, not forever. */
export const REQUEST_TIMEOUT_MS = 20_000
/** A 10 MB photo at 750 kbit/s takes about two minutes. */
export const UPLOAD_TIMEOUT_MS = 180_000
export const DOWNLOAD_TIMEOUT_MS = 60_000

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface HttpResponse {
  statusCode: number
  /** Parsed JSON for requests; text for uploads (both platforms answer uploads as a string). */
  data: unknown
  header?: Record<string, unknown>
}

/**
 * HTTP as the platform offers it. Each function rejects only when no HTTP answer arrived
 * (offline, timeout, DNS, TLS, a domain missing from the mini-program's whitelist).
 */
export interface Transport {
  request(options: {
    url: string
    method: Method
    header: Record<string, string>
    data?: unknown
    timeout: number
  }): Promise<HttpResponse>
  /** multipart/form-data POST of one local file (wx.uploadFile; XHR + FormData in H5). */
  upload(options: {
    url: string
    filePath: string
    name: string
    header: Record<string, string>
    timeout: number
  }): Promise<HttpResponse>
  /** GET into a local file: a temp path in WeChat, a blob: URL in H5. */
  download(options: { url: string; header: Record<string, string>; timeout: number }): Promise<{
    statusCode: number
    tempFilePath: string
  }>
}

export interface ApiClientOptions {
  /** Absolute base (`https://…`, weapp) or '' for same origin (H5 served by the API server). */
  baseUrl: string
  transport: Transport
  /** Where the tokens live; memory when omitted. */
  sessionStore?: SessionStore
  now?: () => number
}

export interface ListClaimsOptions {
  cursor?: string | null
  limit?: number
}

export interface NearbyHelpPointsQuery {
  lat: number
  lng: number
  limit?: number
  kind?: HelpPointKind
  openNow?: boolean
}

export interface ApiClient {
  readonly session: Session
  /** `POST /api/v1/auth/sms/request` → 202; 429 carries `retryAfterSeconds`. */
  requestSmsCode(phone: string): Promise<SmsCodeSent>
  /** `POST /api/v1/auth/sms/verify`; keeps the tokens. */
  signInWithSms(phone: string, code: string): Promise<TokenPair>
  /** `POST /api/v1/auth/staff/login` (inspector subpackage); keeps the tokens. */
  signInStaff(username: string, password: string, totp?: string): Promise<TokenPair>
  /** Any signed-in JSON call (the inspector subpackage's endpoints are typed in inspector/api.ts). */
  call<T>(method: Method, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>
  /** `POST /api/v1/reports` without a token: an anonymous report (举报) from the app. */
  reportAnonymously(body: CreateReportBody, idempotencyKey: string): Promise<Report>
  /** `POST /api/v1/claims/:id/recoveries/:recoveryId/confirm` — the worker got this money. */
  confirmRecovery(claimId: string, recoveryId: string): Promise<Recovery>
  /** `POST /api/v1/auth/wechat` with the code of `Taro.login()`; keeps the tokens. */
  signInWithWechat(code: string): Promise<TokenPair>
  /** `POST /api/v1/auth/logout`; the tokens are forgotten on the phone whatever the answer. */
  signOut(): Promise<void>
  /** `POST /api/v1/claims`; retries of one submission must pass the same key (API.md, Claims). */
  createClaim(body: CreateClaimBody, idempotencyKey: string): Promise<Claim>
  /** `GET /api/v1/claims` — the worker's own, newest first. */
  listClaims(options?: ListClaimsOptions): Promise<ClaimList>
  /** `GET /api/v1/claims/:id` — with the worker-visible timeline and the evidence list. */
  getClaim(id: string): Promise<ClaimDetail>
  /** `POST /api/v1/claims/:id/withdraw`; 409 once it can no longer be withdrawn. */
  withdrawClaim(id: string, body?: WithdrawClaimBody): Promise<Claim>
  /** `POST /api/v1/claims/:id/attachments` (field `file`); sending the same bytes again is safe. */
  uploadAttachment(claimId: string, filePath: string): Promise<Attachment>
  /** `GET /api/v1/claims/:id/attachments/:attachmentId` into a local file (temp path / blob: URL). */
  downloadAttachment(claimId: string, attachmentId: string): Promise<string>
  /** `GET /api/v1/claims/:id/documents` — the worker's notices of the claim (受理 / 不予受理). */
  listDocuments(claimId: string): Promise<DocumentList>
  /** `GET /api/v1/documents/:id.pdf` into a local file (temp path / blob: URL). */
  downloadDocument(documentId: string): Promise<string>
  /** `GET /api/v1/help-points/nearby` (no sign-in needed) — nearest first. */
  nearbyHelpPoints(query: NearbyHelpPointsQuery): Promise<NearbyResponse>
  /** `GET /api/v1/help-points?bbox=minLng,minLat,maxLng,maxLat` — the map's viewport (WGS-84). */
  helpPointsInBox(box: { west: number; south: number; east: number; north: number }, kind?: HelpPointKind): Promise<BboxResponse>
  /** `GET /api/v1/help-points/:id` (no sign-in needed). */
  getHelpPoint(id: string): Promise<HelpPointDetail>
  /** `GET /api/v1/help-points/changes?since=` — live changes for clients without a stream. */
  helpPointChanges(since: string): Promise<HelpPointChangesResponse>
}

const enc = encodeURIComponent

export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '')
  const { transport } = options
  const now = options.now ?? Date.now

  /** One HTTP exchange: 2xx → data; other status → ApiError; no answer → NETWORK ApiError. */
  async function exchange<T>(call: () => Promise<HttpResponse>): Promise<T> {
    let response: HttpResponse
    try {
      response = await call()
    } catch (cause) {
      throw networkError(cause)
    }
    const status = response.statusCode
    if (status >= 200 && status < 300) {
      return (typeof response.data === 'string' ? parseJson(response.data) : response.data) as T
    }
    throw apiErrorFromResponse(status, response.data, response.header)
  }

  function jsonHeaders(body: unknown, extra: Record<string, string>): Record<string, string> {
    const header: Record<string, string> = { Accept: 'application/json', ...extra }
    if (body !== undefined) header['Content-Type'] = 'application/json'
    return header
  }

  /** Without a token: sign-in and refresh. */
  function sendPublic<T>(method: Method, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    return exchange<T>(() =>
      transport.request({ url: `${baseUrl}${path}`, method, header: jsonHeaders(body, headers), data: body, timeout: REQUEST_TIMEOUT_MS }),
    )
  }

  const session = createSession({
    store: options.sessionStore ?? memorySessionStore(),
    now,
    refresh: (refreshToken) => sendPublic<TokenPair>('POST', '/api/v1/auth/refresh', { refreshToken }),
  })

  /**
   * A signed-in call: Bearer token (refreshed first when known to be expired); on 401 one refresh
   * and one retry. A second 401 with a fresh token means the server will not have this session:
   * it ends here rather than looping.
   */
  async function withAuth<T>(call: (header: Record<string, string>) => Promise<T>): Promise<T> {
    const bearer = (token: string | undefined): Record<string, string> =>
      token === undefined ? {} : { Authorization: `Bearer ${token}` }
    const token = await session.validAccessToken()
    try {
      return await call(bearer(token))
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error
      const fresh = await session.refreshAfter(token)
      if (fresh === undefined) {
        if (token === undefined) session.end('expired')
        throw error
      }
      try {
        return await call(bearer(fresh))
      } catch (retryError) {
        if (retryError instanceof ApiError && retryError.status === 401) session.end('expired')
        throw retryError
      }
    }
  }

  function send<T>(method: Method, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    return withAuth((auth) =>
      exchange<T>(() =>
        transport.request({
          url: `${baseUrl}${path}`,
          method,
          header: jsonHeaders(body, { ...headers, ...auth }),
          data: body,
          timeout: REQUEST_TIMEOUT_MS,
        }),
      ),
    )
  }

  /** A signed-in download of a file into a local path (temp file in WeChat, blob: URL in H5). */
  function download(path: string): Promise<string> {
    return withAuth(async (auth) => {
      let result: { statusCode: number; tempFilePath: string }
      try {
        result = await transport.download({ url: `${baseUrl}${path}`, header: auth, timeout: DOWNLOAD_TIMEOUT_MS })
      } catch (cause) {
        throw networkError(cause)
      }
      if (result.statusCode >= 200 && result.statusCode < 300) return result.tempFilePath
      // The error body went into a file: status alone says enough here.
      throw apiErrorFromResponse(result.statusCode, undefined)
    })
  }

  async function signedIn(pair: TokenPair): Promise<TokenPair> {
    session.signIn(pair)
    return pair
  }

  return {
    session,
    requestSmsCode: (phone) => sendPublic<SmsCodeSent>('POST', '/api/v1/auth/sms/request', { phone }),
    signInWithSms: async (phone, code) =>
      signedIn(await sendPublic<TokenPair>('POST', '/api/v1/auth/sms/verify', { phone, code })),
    signInStaff: async (username, password, totp) =>
      signedIn(
        await sendPublic<TokenPair>('POST', '/api/v1/auth/staff/login', totp ? { username, password, totp } : { username, password }),
      ),
    call: (method, path, body, headers) => send(method, path, body, headers),
    reportAnonymously: (body, idempotencyKey) => sendPublic<Report>('POST', '/api/v1/reports', body, { 'Idempotency-Key': idempotencyKey }),
    confirmRecovery: (claimId, recoveryId) =>
      send<Recovery>('POST', `/api/v1/claims/${enc(claimId)}/recoveries/${enc(recoveryId)}/confirm`, {}),
    signInWithWechat: async (code) => signedIn(await sendPublic<TokenPair>('POST', '/api/v1/auth/wechat', { code })),
    async signOut() {
      const current = session.current()
      try {
        if (current) {
          await exchange<unknown>(() =>
            transport.request({
              url: `${baseUrl}/api/v1/auth/logout`,
              method: 'POST',
              header: jsonHeaders({}, { Authorization: `Bearer ${current.accessToken}` }),
              data: { refreshToken: current.refreshToken },
              timeout: REQUEST_TIMEOUT_MS,
            }),
          )
        }
      } catch {
        // Offline or already expired: the phone forgets the tokens anyway; they expire by themselves.
      } finally {
        session.end('signed-out')
      }
    },
    createClaim: (body, idempotencyKey) =>
      send<Claim>('POST', '/api/v1/claims', body, { 'Idempotency-Key': idempotencyKey }),
    listClaims: ({ cursor, limit } = {}) => {
      const query: string[] = []
      if (cursor) query.push(`cursor=${enc(cursor)}`)
      if (limit !== undefined) query.push(`limit=${limit}`)
      return send<ClaimList>('GET', `/api/v1/claims${query.length > 0 ? `?${query.join('&')}` : ''}`)
    },
    getClaim: (id) => send<ClaimDetail>('GET', `/api/v1/claims/${enc(id)}`),
    withdrawClaim: (id, body = {}) => send<Claim>('POST', `/api/v1/claims/${enc(id)}/withdraw`, body),
    uploadAttachment: (claimId, filePath) =>
      withAuth((auth) =>
        exchange<Attachment>(() =>
          transport.upload({
            url: `${baseUrl}/api/v1/claims/${enc(claimId)}/attachments`,
            filePath,
            name: 'file',
            header: { Accept: 'application/json', ...auth },
            timeout: UPLOAD_TIMEOUT_MS,
          }),
        ),
      ),
    downloadAttachment: (claimId, attachmentId) => download(`/api/v1/claims/${enc(claimId)}/attachments/${enc(attachmentId)}`),
    listDocuments: (claimId) => send<DocumentList>('GET', `/api/v1/claims/${enc(claimId)}/documents`),
    downloadDocument: (documentId) => download(`/api/v1/documents/${enc(documentId)}.pdf`),
    nearbyHelpPoints: ({ lat, lng, limit, kind, openNow }) => {
      const query = [`lat=${lat}`, `lng=${lng}`]
      if (limit !== undefined) query.push(`limit=${limit}`)
      if (kind !== undefined) query.push(`kind=${enc(kind)}`)
      if (openNow) query.push('openNow=true')
      return sendPublic('GET', `/api/v1/help-points/nearby?${query.join('&')}`)
    },
    helpPointsInBox: ({ west, south, east, north }, kind) => {
      // A world-wide view reaches past ±180°: clamp to what the API accepts.
      const clamp = (value: number, limit: number) => Number(Math.max(-limit, Math.min(limit, value)).toFixed(6))
      const bbox = [clamp(west, 180), clamp(south, 90), clamp(east, 180), clamp(north, 90)].join(',')
      return sendPublic('GET', `/api/v1/help-points?bbox=${bbox}${kind !== undefined ? `&kind=${enc(kind)}` : ''}`)
    },
    getHelpPoint: (id) => sendPublic('GET', `/api/v1/help-points/${enc(id)}`),
    helpPointChanges: (since) => sendPublic('GET', `/api/v1/help-points/changes?since=${enc(since)}`),
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError
}
