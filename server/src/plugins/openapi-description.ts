/**
 * What makes the served OpenAPI document (`/docs/json`) one that other systems can generate
 * clients from, done in one place instead of in every route file (docs/api-description.md):
 *
 * - per route (`describeRoute`, @fastify/swagger's `transform`): an `operationId` from the method
 *   and path; `security` from the route's own guard (lib/route-guards.ts) or a signature scheme,
 *   `[]` for a public route; the error responses its guard and its validation can give; the path without a trailing
 *   slash (Fastify serves both); the development simulators under /__sim left out.
 * - on the whole document (`finishDocument`, `transformObject`): JSON Schema draft-07 tuples
 *   (`items: [...]` + `additionalItems`, what TypeBox emits) spelt as OpenAPI 3.1 / JSON Schema
 *   2020-12 does (`prefixItems`), and an `anyOf` of one schema replaced by that schema.
 *
 * A route's own `operationId`, `security` and responses always win over what is derived here.
 */
import type { SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger'
import { ErrorResponseSchema, ROLES } from '@huxin/shared'
import { BEARER_AUTH } from '../lib/http-errors'
import { routeGuard } from '../lib/route-guards'
import { SIMULATOR_PREFIXES } from '../simulators'

type Schema = Record<string, unknown>

/**
 * Routes that a caller authenticates some other way than a bearer token, by "METHOD /path": the
 * national platform signs its pushes (docs/national-platform.md, Signatures).
 */
const OTHER_SECURITY: Record<string, Record<string, string[]>[]> = {
  'POST /api/v1/national/webhook': [{ nationalPlatformSignature: [] }],
}

/** The security schemes the document names (swagger.ts puts them in `components`). */
export const SECURITY_SCHEMES = {
  bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
  nationalPlatformSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Signature',
    description:
      'The national platform\'s signed request: X-App-Id, X-Timestamp, X-Nonce and X-Signature, the lower-case hex ' +
      'HMAC-SHA256 of the canonical request under the shared app secret (docs/national-platform.md, Signatures).',
  },
} as const

/**
 * Every route can get a 408: connection-guard closes a request that does not arrive in time with
 * an empty 408 (plugins/connection-guard.ts). Declared only where no other 4xx is.
 */
const REQUEST_TIMEOUT = { type: 'null', description: 'The request did not arrive in time; the connection is closed (empty body)' }

/** `/api/v1/claims/` → `/api/v1/claims`; Fastify serves a prefix's root with and without the slash. */
export function withoutTrailingSlash(url: string): string {
  return url.length > 1 && url.endsWith('/') ? url.slice(0, -1) : url
}

function pascal(word: string): string {
  return word
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('')
}

/**
 * `GET /api/v1/claims/:id/attachments/:attachmentId` → `getClaimsByIdAttachmentsByAttachmentId`;
 * `GET /api/v1/stats.csv` → `getStatsCsv`; `GET /healthz` → `getHealthz`.
 */
export function operationIdOf(method: string, url: string): string {
  const segments = withoutTrailingSlash(url)
    .replace(/^\/api\/v1(?=\/|$)/, '')
    .split('/')
    .filter(Boolean)
  const words = segments.map((segment) =>
    segment
      .split('.')
      .map((part) => (part.startsWith(':') ? `By${pascal(part.slice(1))}` : pascal(part)))
      .join(''),
  )
  return method.toLowerCase() + words.join('')
}

const has4xx = (responses: Schema) => Object.keys(responses).some((code) => /^4/.test(code))
const validatesInput = (schema: Schema) => ['body', 'querystring', 'params', 'headers'].some((part) => schema[part] !== undefined)

/** @fastify/swagger's `transform`: see the module comment. */
export const describeRoute: SwaggerTransform = ({ schema: routeSchema, url, route }) => {
  // Not every route has a schema, whatever the type says.
  const schema = routeSchema as Schema | undefined
  if (Object.values(SIMULATOR_PREFIXES).some((prefix) => url === prefix || url.startsWith(`${prefix}/`))) {
    return { schema: { ...schema, hide: true }, url }
  }
  if (!schema || schema.hide) return { schema: routeSchema, url }
  const method = Array.isArray(route.method) ? route.method[0]! : route.method
  const guard = routeGuard(route)
  const path = withoutTrailingSlash(url)
  const security =
    (schema.security as typeof BEARER_AUTH | undefined) ?? OTHER_SECURITY[`${method.toUpperCase()} ${path}`] ?? (guard ? BEARER_AUTH : [])
  const responses: Schema = { ...(schema.response as Schema | undefined) }
  if (security.some((requirement) => Object.keys(requirement).length > 0) && responses['401'] === undefined) responses['401'] = ErrorResponseSchema
  if (guard?.roles && ROLES.some((role) => !guard.roles!.includes(role)) && responses['403'] === undefined) {
    responses['403'] = ErrorResponseSchema
  }
  if (validatesInput(schema) && responses['400'] === undefined) responses['400'] = ErrorResponseSchema
  if (!has4xx(responses)) responses['408'] = REQUEST_TIMEOUT
  return {
    url: path,
    schema: {
      ...schema,
      operationId: (schema.operationId as string | undefined) ?? operationIdOf(method, url),
      security,
      response: responses,
    },
  }
}

/** Keywords whose values are data, not schemas: left as they are. */
const VALUES = new Set(['example', 'examples', 'default', 'const', 'enum'])

/** A draft-07 tuple as 2020-12 spells it; an `anyOf` of one schema as that schema. */
function modernise(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(modernise)
  if (node === null || typeof node !== 'object') return node
  const out: Schema = {}
  for (const [key, value] of Object.entries(node)) out[key] = VALUES.has(key) ? value : modernise(value)
  if (Array.isArray(out.items)) {
    const { items, additionalItems, ...rest } = out
    const tuple: Schema = { ...rest, prefixItems: items }
    if (additionalItems !== undefined && additionalItems !== true) tuple.items = additionalItems
    return tuple
  }
  if (Array.isArray(out.anyOf) && out.anyOf.length === 1) {
    const only = out.anyOf[0] as Schema
    const { anyOf: _single, ...rest } = out
    if (typeof only === 'object' && only !== null && Object.keys(only).every((key) => !(key in rest))) return { ...only, ...rest }
  }
  return out
}

/** @fastify/swagger's `transformObject`: returns a new document, leaving the routes' schemas alone. */
export const finishDocument: SwaggerTransformObject = (document) => {
  if (!('openapiObject' in document)) return document.swaggerObject
  return modernise(document.openapiObject) as ReturnType<SwaggerTransformObject>
}
