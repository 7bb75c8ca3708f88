/**
 * Paging cursors come back from clients, so they are input like any other: decoding checks every
 * part against what the database can hold (a year PostgreSQL cannot store, a priority of 1e300,
 * a NUL or a malformed id would otherwise reach a query and fail there as a 500).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const MAX_CURSOR_LENGTH = 1_000

/** The text inside a base64url cursor, or undefined when it is not one this server could have made. */
export function cursorText(cursor: string): string | undefined {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined
  const bytes = Buffer.from(cursor, 'base64url')
  const text = bytes.toString('utf8')
  // not canonical base64url, or not UTF-8 (U+FFFD), or text PostgreSQL cannot hold (NUL)
  if (bytes.toString('base64url') !== cursor || text.includes('\uFFFD') || text.includes('\u0000')) return undefined
  return text
}

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value)

/** An ISO instant in years 1970–9999: what this server writes and PostgreSQL stores. */
export function cursorInstant(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(value)) return undefined
  const at = new Date(value)
  if (Number.isNaN(at.getTime())) return undefined
  const year = at.getUTCFullYear()
  return year >= 1970 && year <= 9999 ? at : undefined
}

/** An integer a PostgreSQL `integer` holds. */
export const isInt4 = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= -2_147_483_648 && value <= 2_147_483_647
