/**
 * Every string of a request schema becomes safe text (shared `SafeText`): no NUL, no lone UTF-16
 * surrogate. Applied by the validator compiler to each route's body, querystring, params and
 * headers, so no route can forget it; a string with a `format`, `enum` or `const` is left alone
 * (those refuse such text already).
 */
import { isSafeTextPattern, SAFE_TEXT_PATTERN, safeTextPattern } from '@huxin/shared'

type Schema = Record<string, unknown>

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value)

const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions'] as const
const SCHEMA_VALUES = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains'] as const
const SCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const

/** A copy of `schema` whose strings refuse NUL and lone surrogates. */
export function withSafeText<T>(schema: T): T {
  if (!isSchema(schema)) return schema
  const copy: Schema = { ...schema }
  const types = Array.isArray(copy.type) ? copy.type : [copy.type]
  if (types.includes('string') && copy.format === undefined && copy.enum === undefined && copy.const === undefined) {
    const own = typeof copy.pattern === 'string' ? copy.pattern : undefined
    if (own === undefined || !isSafeTextPattern(own)) copy.pattern = safeTextPattern(own)
  }
  for (const key of SCHEMA_MAPS) {
    const map = copy[key]
    if (isSchema(map)) copy[key] = Object.fromEntries(Object.entries(map).map(([name, sub]) => [name, withSafeText(sub)]))
  }
  for (const key of SCHEMA_VALUES) {
    if (isSchema(copy[key])) copy[key] = withSafeText(copy[key])
  }
  for (const key of SCHEMA_LISTS) {
    const list = copy[key]
    if (Array.isArray(list)) copy[key] = list.map((sub: unknown) => withSafeText(sub))
  }
  return copy as T
}

const SAFE_TEXT = new RegExp(SAFE_TEXT_PATTERN, 'u')

/** Whether text from outside a schema (a file name, a national clue's field) is safe text. */
export const isSafeText = (text: string): boolean => SAFE_TEXT.test(text)

/** The path of the first key or string inside a JSON value that is not safe text, if any. */
export function unsafeTextPath(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return isSafeText(value) ? undefined : path
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unsafeTextPath(item, `${path}[${index}]`)
      if (found !== undefined) return found
    }
    return undefined
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (!isSafeText(key)) return `${path}.(key)`
      const found = unsafeTextPath(item, `${path}.${key}`)
      if (found !== undefined) return found
    }
  }
  return undefined
}
