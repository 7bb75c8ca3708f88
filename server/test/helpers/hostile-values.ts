/**
 * fast-check arbitraries of request values derived from a route's JSON schema: mostly values of
 * the right shape (so a request gets past validation and into the handler), mixed with hostile
 * ones — NUL, lone surrogates, `%00`, overlong text, wrong types, numbers beyond any column,
 * crafted paging cursors, years PostgreSQL cannot store, unknown fields.
 */
import fc from 'fast-check'

type Schema = Record<string, unknown>

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value)

const b64 = (text: string) => Buffer.from(text).toString('base64url')
const SOME_UUID = '7f1c2a60-3b4d-4c5e-8f90-123456789abc'

/** Text an attacker would try in any string field. */
export const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  '李德明\u0000',
  '\uD800',
  'x\uDC00y',
  '\uDBFF',
  '%00',
  '',
  ' ',
  'x'.repeat(5_000),
  '../../etc/passwd',
  "'; drop table claims; --",
  '{"$gt":""}',
  '__proto__',
  'NaN',
  '-1',
  '1e400',
  '😀',
]

/** Cursors this server never made: bad JSON, out-of-range numbers and years, NUL, non-base64. */
export const HOSTILE_CURSORS = [
  b64(JSON.stringify({ priority: 1e300, id: SOME_UUID, asOf: '2026-01-01T00:00:00.000Z' })),
  b64(JSON.stringify({ priority: -1e300, id: SOME_UUID, asOf: '2026-01-01T00:00:00.000Z' })),
  b64(JSON.stringify({ priority: 1, id: SOME_UUID, asOf: '+275760-09-13T00:00:00.000Z' })),
  b64(JSON.stringify({ priority: 1, id: '------------------------------------', asOf: '2026-01-01T00:00:00.000Z' })),
  b64(JSON.stringify({ priority: 1, id: SOME_UUID, asOf: '\u0000' })),
  b64(`+275760-09-13T00:00:00.000Z|${SOME_UUID}`),
  b64(`-271821-04-20T00:00:00.000Z|${SOME_UUID}`),
  b64(`2026-01-01T00:00:00.000Z|------------------------------------`),
  b64('\u0000'),
  b64('a\u0000b'),
  b64('null'),
  b64('[]'),
  '!!!',
  '%00',
  'x'.repeat(3_000),
]

const hostileString = fc.constantFrom(...HOSTILE_STRINGS)
const hostileNumber = fc.constantFrom(1e300, -1e300, Number.MAX_SAFE_INTEGER + 2, -1, 0, 2 ** 31, -(2 ** 31) - 1, 0.5)
const wrongType = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.constant([]), fc.constant({}), hostileString)

function stringOf(schema: Schema, name: string): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]))
  if (schema.const !== undefined) return fc.constant(schema.const)
  if (/cursor/i.test(name)) return fc.constantFrom(...HOSTILE_CURSORS)
  switch (schema.format) {
    case 'uuid':
      return fc.oneof(fc.uuid(), fc.constantFrom('x', '------------------------------------', SOME_UUID.toUpperCase()))
    case 'date-time':
      return fc.oneof(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
        fc.constantFrom('+275760-09-13T00:00:00.000Z', '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z'),
      )
    case 'date':
      return fc.constantFrom('2026-10-01', '2026-02-30', '99999-01-01', '0000-00-00')
    default:
  }
  const max = typeof schema.maxLength === 'number' ? Math.min(schema.maxLength, 300) : 40
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: max, unit: 'grapheme' }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 20, unit: 'binary' }) },
  )
}

function numberOf(schema: Schema, integer: boolean): fc.Arbitrary<unknown> {
  const min = typeof schema.minimum === 'number' ? schema.minimum : -1_000_000
  const max = typeof schema.maximum === 'number' ? schema.maximum : 1_000_000
  const inRange = integer
    ? fc.integer({ min: Math.max(min, -(2 ** 40)), max: Math.min(max, 2 ** 40) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
  return fc.oneof({ weight: 4, arbitrary: inRange }, { weight: 1, arbitrary: hostileNumber })
}

/** Values for one schema; `depth` bounds nested objects and arrays. */
export function valueOf(schema: unknown, name = '', depth = 0): fc.Arbitrary<unknown> {
  if (!isSchema(schema)) return wrongType
  const alternatives = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined
  const right = ((): fc.Arbitrary<unknown> => {
    if (Array.isArray(alternatives) && alternatives.length > 0) return fc.oneof(...alternatives.map((s) => valueOf(s, name, depth)))
    if (schema.const !== undefined) return fc.constant(schema.const)
    if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]))
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
    switch (type) {
      case 'string':
        return stringOf(schema, name)
      case 'integer':
        return numberOf(schema, true)
      case 'number':
        return numberOf(schema, false)
      case 'boolean':
        return fc.boolean()
      case 'null':
        return fc.constant(null)
      case 'array':
        return depth > 3 ? fc.constant([]) : fc.array(valueOf(schema.items, name, depth + 1), { maxLength: 3 })
      case 'object':
        return depth > 3 ? fc.constant({}) : objectOf(schema, depth)
      default:
        return fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null))
    }
  })()
  return fc.oneof({ weight: 6, arbitrary: right }, { weight: 1, arbitrary: hostileString }, { weight: 1, arbitrary: wrongType })
}

/** An object with its required properties (mostly), some optional ones, and now and then an unknown one. */
export function objectOf(schema: Schema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const properties = isSchema(schema.properties) ? schema.properties : {}
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : [])
  const entries = Object.entries(properties).map(([key, sub]) =>
    fc.tuple(fc.constant(key), valueOf(sub, key, depth + 1), fc.double({ min: 0, max: 1, noNaN: true })),
  )
  return fc
    .tuple(fc.tuple(...entries), fc.option(fc.tuple(hostileString, wrongType), { freq: 5 }))
    .map(([values, extra]) => {
      const object: Record<string, unknown> = {}
      for (const [key, value, dice] of values) {
        // required: kept 95 %; optional: kept half the time
        if (dice < (required.has(key) ? 0.95 : 0.5)) object[key] = value
      }
      if (extra) object[extra[0]] = extra[1]
      return object
    })
}
