/**
 * Logger settings shared by the app and its tests. PII never reaches the logs (DOMAIN.md,
 * Privacy): bodies are not logged, secret headers are redacted, and database errors lose the
 * bound parameters that drizzle puts into their message (names, ciphertexts, hashes).
 */
import type { FastifyServerOptions } from 'fastify'
import { stdSerializers } from 'pino'

export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'req.body',
  'res.headers["set-cookie"]',
]

const PARAMS_MARKER = '\nparams:'

function withoutParams(text: string | undefined): string | undefined {
  if (text === undefined) return undefined
  const at = text.indexOf(PARAMS_MARKER)
  return at < 0 ? text : `${text.slice(0, at)}\nparams: [redacted]`
}

const PG_VALUE_FIELDS = ['detail', 'where', 'internalQuery', 'hint'] as const

interface SerializedError {
  [key: string]: unknown
  type: string
  message: string
  stack: string
}

export function serializeError(error: Error): SerializedError {
  const serialized = stdSerializers.err(error) as unknown as SerializedError
  delete serialized.params
  delete serialized.parameters
  // PostgreSQL's error fields that quote row values: "Key (phone_hash)=(…) already exists",
  // "Failing row contains (…)", the PL/pgSQL context with its arguments. Code, constraint,
  // table and column stay: they say what failed without saying whose.
  for (const field of PG_VALUE_FIELDS) delete serialized[field]
  serialized.message = withoutParams(serialized.message) ?? ''
  serialized.stack = withoutParams(serialized.stack) ?? ''
  const cause = (error as { cause?: unknown }).cause
  if (cause instanceof Error) serialized.cause = serializeError(cause)
  return serialized
}

/** The request's path without its query string, which can carry tokens, phone numbers or names. */
export function pathOnly(url: string | undefined): string | undefined {
  if (url === undefined) return undefined
  const at = url.indexOf('?')
  return at < 0 ? url : url.slice(0, at)
}

interface LoggedRequest {
  method: string
  url: string
  host?: string
  headers?: Record<string, string | string[] | undefined>
  ip?: string
  socket?: { remotePort?: number }
}

/** Fastify's request serializer, minus the query string. */
export function serializeRequest(request: LoggedRequest) {
  return {
    method: request.method,
    url: pathOnly(request.url),
    version: typeof request.headers?.['accept-version'] === 'string' ? request.headers['accept-version'] : undefined,
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  }
}

export function loggerOptions(
  level: string,
  stream?: NodeJS.WritableStream,
): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level,
    redact: LOG_REDACT_PATHS,
    serializers: { err: serializeError, error: serializeError, req: serializeRequest },
    ...(stream ? { stream } : {}),
  }
}
