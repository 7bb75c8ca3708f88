import Type, { type Static, type TStringOptions } from 'typebox'

/**
 * One character of text a client may send: anything but NUL (PostgreSQL text cannot hold it) and
 * a UTF-16 surrogate half without its partner (not encodable as UTF-8). Ajv compiles patterns with
 * the `u` flag, where a proper pair is one code point above U+FFFF and a lone half is itself.
 */
const SAFE_CHARACTER = '[^\\u0000\\uD800-\\uDFFF]'
export const SAFE_TEXT_PATTERN = `^${SAFE_CHARACTER}*$`

/** Whether a pattern already is, or includes, the safe-text rule. */
export function isSafeTextPattern(pattern: string): boolean {
  return pattern === SAFE_TEXT_PATTERN || pattern.startsWith(`^(?=${SAFE_CHARACTER}`)
}

/** A field's own pattern narrowed to safe text: the text must match both. */
export function safeTextPattern(pattern?: string): string {
  return pattern === undefined ? SAFE_TEXT_PATTERN : `^(?=${SAFE_CHARACTER}*$)[\\s\\S]*?(?:${pattern})`
}

/**
 * The string type of request fields (body, query, params, headers): a client's text with NUL or
 * a lone surrogate is refused with 400 naming the field, before it reaches a query or a log. A
 * `format` (uuid, date-time…) refuses both already. The server's validator applies the same rule
 * to every string of every request schema (server/src/lib/safe-text.ts), so a field written as a
 * plain `Type.String` is covered too; this building block shows the rule in the contract.
 */
export function SafeText(options: TStringOptions = {}) {
  if (options.format !== undefined) return Type.String(options)
  const own = options.pattern instanceof RegExp ? options.pattern.source : options.pattern
  return Type.String({ ...options, pattern: safeTextPattern(own) })
}

/** Every 4xx/5xx body (API.md, Errors). `details` names the fields at fault. */
export const FieldErrorSchema = Type.Object({
  field: Type.String({ description: 'JSON path of the field, e.g. `claimant.idNumber`' }),
  message: Type.String(),
})
export type FieldError = Static<typeof FieldErrorSchema>

export const ErrorResponseSchema = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'Stable machine code, e.g. VALIDATION_FAILED' }),
    message: Type.String({ description: 'Human text (Chinese where a worker sees it)' }),
    details: Type.Optional(Type.Array(FieldErrorSchema)),
  }),
})
export type ErrorResponse = Static<typeof ErrorResponseSchema>

export const UuidSchema = Type.String({ format: 'uuid' })
export const IdParamsSchema = Type.Object({ id: UuidSchema })

export const IsoDateTimeSchema = Type.String({ format: 'date-time' })

/** WGS-84 coordinates (API.md: `{lat, lng}` unless a field says gcj02). */
export const LatLngSchema = Type.Object({
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  lng: Type.Number({ minimum: -180, maximum: 180 }),
})

/** Integer fen, never negative. */
export const FenSchema = Type.Integer({ minimum: 0 })
