/**
 * Check-digit validation and masking of Chinese identifiers. Pure functions: safe in the
 * mini-program bundle.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const ID_CHECK_CHARS = '10X98765432'

/** `YYYY-MM-DD` of the date of birth an 18-character ID number carries (not checked). */
export function idNumberBirthDate(value: string): string {
  return `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`
}

/**
 * Resident identity card number, GB 11643-1999: 17 digits, a date of birth at 7–14, and an
 * ISO 7064 MOD 11-2 check character (0–9 or X). With `today` (`YYYY-MM-DD`, the bureau's day), a
 * date of birth after it is refused too: nobody is born in the future.
 */
export function isValidIdNumber(value: string, today?: string): boolean {
  const id = value.toUpperCase()
  if (!/^\d{17}[\dX]$/.test(id)) return false
  const year = Number(id.slice(6, 10))
  const month = Number(id.slice(10, 12))
  const day = Number(id.slice(12, 14))
  const birth = new Date(Date.UTC(year, month - 1, day))
  if (
    year < 1900 ||
    birth.getUTCFullYear() !== year ||
    birth.getUTCMonth() !== month - 1 ||
    birth.getUTCDate() !== day
  ) {
    return false
  }
  if (today !== undefined && idNumberBirthDate(id) > today) return false
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (ID_WEIGHTS[i] ?? 0)
  return ID_CHECK_CHARS[sum % 11] === id[17]
}

const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const

/** The characters a credit code may hold (no I, O, S, V, Z), either case; the check digit is `isValidCreditCode`'s. */
export const CREDIT_CODE_PATTERN = '^[0-9A-HJ-NP-RTUW-Ya-hj-np-rtuw-y]{18}$'

/** Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters, MOD 31 check. */
export function isValidCreditCode(value: string): boolean {
  const code = value.toUpperCase()
  if (code.length !== 18) return false
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARS.indexOf(code[i] ?? '')
    if (v < 0) return false
    sum += v * (CREDIT_CODE_WEIGHTS[i] ?? 0)
  }
  const check = (31 - (sum % 31)) % 31
  return CREDIT_CODE_CHARS[check] === code[17]
}

/** Mainland mobile number, 11 digits starting 13–19. */
export const MOBILE_PATTERN = '^1[3-9][0-9]{9}$'

export function isValidMobile(value: string): boolean {
  return new RegExp(MOBILE_PATTERN).test(value)
}

/** `13812341234` → `138****1234` (DOMAIN.md, Privacy). */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length)
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`
}

/** ID number keeping the first and last four characters (DOMAIN.md, Privacy). */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length)
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`
}
