import { describe, expect, it, vi } from 'vitest'
import { createApiClient, type HttpResponse, type Transport } from '../src/api/client'
import { ApiError } from '../src/api/errors'
import { memorySessionStore, storedSessionFrom } from '../src/api/session'
import { makeAttachment, makeClaim, makePair } from './fixtures'

const NOW = Date.UTC(2026, 10, 28, 4)

type Call = { url: string; method: string; header: Record<string, string>; data?: unknown }

/**
 * A fake server behind the transport: `/auth/refresh` issues a new pair for the current refresh
 * token (and only once per token, like the real one), other paths go to `handle`.
 */
function fakeServer(handle: (call: Call, token: string | undefined) => HttpResponse | Promise<HttpResponse>) {
  const calls: Call[] = []
  let validAccess = 'access-0'
  let validRefresh = 'refresh-0'
  let refreshes = 0
  const transport: Transport = {
    async request(options) {
      const call: Call = { url: options.url, method: options.method, header: options.header, data: options.data }
      calls.push(call)
      await Promise.resolve()
      if (options.url.endsWith('/api/v1/auth/refresh')) {
        refreshes++
        const body = options.data as { refreshToken: string }
        if (body.refreshToken !== validRefresh) {
          return { statusCode: 401, data: { error: { code: 'REFRESH_TOKEN_REUSED', message: '请重新登录' } } }
        }
        const pair = makePair()
        validAccess = pair.accessToken
        validRefresh = pair.refreshToken
        return { statusCode: 200, data: pair }
      }
      const token = options.header.Authorization?.replace(/^Bearer /, '')
      if (token !== validAccess) return { statusCode: 401, data: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } } }
      return handle(call, token)
    },
    async upload(options) {
      calls.push({ url: options.url, method: 'UPLOAD', header: options.header })
      const token = options.header.Authorization?.replace(/^Bearer /, '')
      if (token !== validAccess) return { statusCode: 401, data: '{"error":{"code":"UNAUTHENTICATED","message":"请先登录"}}' }
      return { statusCode: 201, data: JSON.stringify(makeAttachment('00000000-0000-4000-8000-00000000a001')) }
    },
    async download(options) {
      calls.push({ url: options.url, method: 'DOWNLOAD', header: options.header })
      const token = options.header.Authorization?.replace(/^Bearer /, '')
      return token === validAccess ? { statusCode: 200, tempFilePath: 'blob:local/1' } : { statusCode: 401, tempFilePath: 'blob:err' }
    },
  }
  return {
    transport,
    calls,
    refreshes: () => refreshes,
    /** The server forgets the current access token (it expired there). */
    expireAccess: () => {
      validAccess = 'nobody-has-this'
    },
    /** The server revokes the whole session. */
    revoke: () => {
      validAccess = 'nobody-has-this'
      validRefresh = 'nobody-has-this'
    },
  }
}

function signedInClient(server: ReturnType<typeof fakeServer>) {
  const store = memorySessionStore(
    storedSessionFrom(
      { accessToken: 'access-0', refreshToken: 'refresh-0', expiresIn: 900, user: { id: '00000000-0000-4000-8000-0000000000aa', role: 'worker' } },
      NOW,
    ),
  )
  const client = createApiClient({ baseUrl: 'https://api.example.cn/', transport: server.transport, sessionStore: store, now: () => NOW })
  return { client, store }
}

describe('API client: signed-in calls', () => {
  it('sends the Bearer token, the idempotency key and the JSON body', async () => {
    const server = fakeServer(() => ({ statusCode: 201, data: makeClaim() }))
    const { client } = signedInClient(server)
    const claim = await client.createClaim({ x: 1 } as never, 'hx-key-00000001')
    expect(claim.reference).toBe('JK-20261128-0042')
    expect(server.calls[0]).toMatchObject({
      url: 'https://api.example.cn/api/v1/claims',
      method: 'POST',
      header: { Authorization: 'Bearer access-0', 'Idempotency-Key': 'hx-key-00000001', 'Content-Type': 'application/json' },
      data: { x: 1 },
    })
  })

  it('on 401 refreshes once and retries once with the new token', async () => {
    const server = fakeServer(() => ({ statusCode: 200, data: { items: [], nextCursor: null } }))
    const { client, store } = signedInClient(server)
    server.expireAccess()
    await expect(client.listClaims()).resolves.toEqual({ items: [], nextCursor: null })
    expect(server.refreshes()).toBe(1)
    const paths = server.calls.map((c) => `${c.method} ${c.url.replace('https://api.example.cn', '')}`)
    expect(paths).toEqual(['GET /api/v1/claims', 'POST /api/v1/auth/refresh', 'GET /api/v1/claims'])
    expect(server.calls[2]?.header.Authorization).toBe(`Bearer ${store.load()?.accessToken}`)
    expect(server.calls[1]?.header.Authorization).toBeUndefined()
  })

  it('serialises the refresh: five calls failing at once share one refresh and all succeed', async () => {
    const server = fakeServer((call) => ({ statusCode: 200, data: makeClaim({ id: call.url.split('/').pop() ?? '' }) }))
    const { client } = signedInClient(server)
    server.expireAccess()
    const ids = ['a', 'b', 'c', 'd', 'e']
    const claims = await Promise.all(ids.map((id) => client.getClaim(id)))
    expect(claims.map((c) => c.id)).toEqual(ids)
    // a second refresh with the spent token would have revoked the family (and answered 401)
    expect(server.refreshes()).toBe(1)
  })

  it('ends the session when the refresh is refused, failing the call with its 401', async () => {
    const server = fakeServer(() => ({ statusCode: 200, data: makeClaim() }))
    const { client } = signedInClient(server)
    const ended = vi.fn()
    client.session.onEnded(ended)
    server.revoke()
    await expect(client.getClaim('a')).rejects.toMatchObject({ status: 401 })
    expect(client.session.isSignedIn()).toBe(false)
    expect(ended).toHaveBeenCalledWith('expired')
    expect(server.refreshes()).toBe(1)
  })

  it('retries only once: a second 401 with a fresh token ends the session instead of looping', async () => {
    const server = fakeServer(() => ({ statusCode: 401, data: { error: { code: 'UNAUTHENTICATED', message: 'x' } } }))
    const { client } = signedInClient(server)
    await expect(client.getClaim('a')).rejects.toMatchObject({ status: 401 })
    expect(server.refreshes()).toBe(1)
    expect(server.calls.filter((c) => c.method === 'GET')).toHaveLength(2)
    expect(client.session.isSignedIn()).toBe(false)
  })

  it('sends the worker to sign in (session ended) when a call needs a token and there is none', async () => {
    const server = fakeServer(() => ({ statusCode: 200, data: makeClaim() }))
    const client = createApiClient({ baseUrl: '', transport: server.transport })
    const ended = vi.fn()
    client.session.onEnded(ended)
    await expect(client.getClaim('a')).rejects.toMatchObject({ status: 401 })
    expect(ended).toHaveBeenCalledWith('expired')
    expect(server.refreshes()).toBe(0)
  })

  it('refreshes before sending when the stored token has expired', async () => {
    const server = fakeServer(() => ({ statusCode: 200, data: { items: [], nextCursor: null } }))
    const store = memorySessionStore(storedSessionFrom({ ...makePair(), accessToken: 'access-0', refreshToken: 'refresh-0' }, NOW - 3_600_000))
    const client = createApiClient({ baseUrl: '', transport: server.transport, sessionStore: store, now: () => NOW })
    await client.listClaims({ cursor: 'c/2', limit: 10 })
    expect(server.calls.map((c) => c.url)).toEqual(['/api/v1/auth/refresh', '/api/v1/claims?cursor=c%2F2&limit=10'])
  })

  it('turns a lost answer into a NETWORK error and a refusal into an ApiError with retry-after', async () => {
    const transport: Transport = {
      request: async (options) => {
        if (options.url.endsWith('/sms/request')) {
          return { statusCode: 429, data: { error: { code: 'RATE_LIMITED', message: '太频繁' } }, header: { 'Retry-After': '42' } }
        }
        throw new Error('request:fail timeout')
      },
      upload: async () => ({ statusCode: 500, data: '' }),
      download: async () => ({ statusCode: 500, tempFilePath: '' }),
    }
    const client = createApiClient({ baseUrl: '', transport })
    const limited = await client.requestSmsCode('13812345678').catch((e: unknown) => e)
    expect(limited).toBeInstanceOf(ApiError)
    expect(limited).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterSeconds: 42 })
    await expect(client.signInWithSms('13812345678', '123456')).rejects.toMatchObject({ code: 'NETWORK', status: 0 })
    expect(client.session.isSignedIn()).toBe(false)
  })
})

describe('API client: sign-in, sign-out, files', () => {
  it('keeps the tokens of a sign-in and forgets them on sign-out, even offline', async () => {
    const pair = makePair()
    const seen: string[] = []
    const transport: Transport = {
      request: async (options) => {
        seen.push(`${options.method} ${options.url}`)
        if (options.url.endsWith('/auth/sms/verify')) return { statusCode: 200, data: pair }
        throw new Error('offline')
      },
      upload: async () => ({ statusCode: 500, data: '' }),
      download: async () => ({ statusCode: 500, tempFilePath: '' }),
    }
    const client = createApiClient({ baseUrl: '', transport, now: () => NOW })
    await client.signInWithSms('13812345678', '123456')
    expect(client.session.current()).toMatchObject({ accessToken: pair.accessToken, refreshToken: pair.refreshToken, accessExpiresAt: NOW + 900_000 })
    await client.signOut()
    expect(client.session.isSignedIn()).toBe(false)
    expect(seen).toEqual(['POST /api/v1/auth/sms/verify', 'POST /api/v1/auth/logout'])
  })

  it('uploads with field `file` and the token, parsing the text answer; retries after a refresh', async () => {
    const server = fakeServer(() => ({ statusCode: 200, data: null }))
    const { client } = signedInClient(server)
    server.expireAccess()
    const attachment = await client.uploadAttachment('claim-1', 'blob:http://x/1')
    expect(attachment.id).toBe('00000000-0000-4000-8000-00000000a001')
    expect(server.calls.map((c) => c.method)).toEqual(['UPLOAD', 'POST', 'UPLOAD'])
    expect(server.calls[0]?.url).toBe('https://api.example.cn/api/v1/claims/claim-1/attachments')
  })

  it('downloads evidence with the token and reports refusals by status', async () => {
    const server = fakeServer(() => ({ statusCode: 200, data: null }))
    const { client } = signedInClient(server)
    expect(await client.downloadAttachment('c', 'a')).toBe('blob:local/1')
    expect(server.calls[0]).toMatchObject({ url: 'https://api.example.cn/api/v1/claims/c/attachments/a', header: { Authorization: 'Bearer access-0' } })
    const failing: Transport = { ...server.transport, download: async () => ({ statusCode: 404, tempFilePath: 'blob:x' }) }
    const other = createApiClient({ baseUrl: '', transport: failing, sessionStore: memorySessionStore(storedSessionFrom(makePair(), NOW)), now: () => NOW })
    await expect(other.downloadAttachment('c', 'a')).rejects.toMatchObject({ status: 404 })
  })

  it('downloads a notice PDF with the token from its own address', async () => {
    const server = fakeServer(() => ({ statusCode: 200, data: null }))
    const { client } = signedInClient(server)
    expect(await client.downloadDocument('d-1')).toBe('blob:local/1')
    expect(server.calls[0]).toMatchObject({ url: 'https://api.example.cn/api/v1/documents/d-1.pdf', header: { Authorization: 'Bearer access-0' } })
  })
})
