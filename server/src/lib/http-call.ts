/**
 * One outbound HTTP exchange with a deadline, shared by the adapters. It never sees or reports the
 * URL, so secrets that a protocol puts in the query string (WeChat's `secret`, `access_token`)
 * cannot leak through an error message.
 */

export type Fetch = typeof globalThis.fetch

/** The request never got an HTTP answer: it timed out, or the connection failed or was dropped. */
export class TransportError extends Error {
  constructor(
    readonly kind: 'timeout' | 'network',
    message: string,
  ) {
    super(message)
    this.name = 'TransportError'
  }
}

export interface HttpAnswer {
  status: number
  /** The body parsed as JSON; `undefined` when it is empty or not JSON. */
  json: unknown
  /** The body as received (for signature checks). */
  text: string
  headers: Headers
}

export interface HttpCall {
  method: 'GET' | 'POST'
  url: string
  headers?: Record<string, string>
  /** Sent as JSON. */
  body?: unknown
  /** Sent as is, as JSON (when the exact bytes matter, e.g. they are signed); wins over `body`. */
  rawBody?: string
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  // undici reports "fetch failed" and puts the reason (ECONNREFUSED, "other side closed") in `cause`.
  const cause = error.cause instanceof Error ? error.cause : undefined
  const code = cause && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined
  return [error.message, cause?.message, code].filter(Boolean).join(': ')
}

export async function callHttp(fetchImpl: Fetch, call: HttpCall, timeoutMs: number): Promise<HttpAnswer> {
  // The deadline covers the whole exchange, body included: a server that stalls mid-body times out too.
  const signal = AbortSignal.timeout(timeoutMs)
  try {
    const response = await fetchImpl(call.url, {
      method: call.method,
      headers: {
        accept: 'application/json',
        ...(call.body === undefined && call.rawBody === undefined ? {} : { 'content-type': 'application/json' }),
        ...call.headers,
      },
      body: call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body)),
      signal,
    })
    const text = await response.text()
    let json: unknown
    try {
      json = text === '' ? undefined : JSON.parse(text)
    } catch {
      json = undefined
    }
    return { status: response.status, json, text, headers: response.headers }
  } catch (error) {
    if (signal.aborted || (error instanceof Error && error.name === 'TimeoutError')) {
      throw new TransportError('timeout', `no answer within ${timeoutMs} ms`)
    }
    throw new TransportError('network', describe(error))
  }
}

/** `https://host/prefix/` + `/path` keeps the prefix (unlike `new URL('/path', base)`). */
export function joinUrl(baseUrl: string, path: string, query?: Record<string, string>): string {
  const url = `${baseUrl.replace(/\/+$/, '')}${path}`
  return query ? `${url}?${new URLSearchParams(query).toString()}` : url
}

