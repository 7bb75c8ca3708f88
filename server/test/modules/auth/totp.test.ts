import { describe, expect, it } from 'vitest'
import { base32Decode, base32Encode, otpauthUri, totpAt, verifyTotp } from '../../../src/modules/auth/totp'
import { hashPassword, passwordProblem, verifyPassword } from '../../../src/modules/auth/passwords'

// RFC 6238 Appendix B test vectors (SHA-1, secret "12345678901234567890"), last 6 digits.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'))

describe('TOTP (RFC 6238)', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('at %i s the code is %s', (seconds, code) => {
    expect(totpAt(RFC_SECRET, Math.floor(seconds / 30))).toBe(code)
  })

  it('round-trips base32', () => {
    expect(base32Decode(RFC_SECRET).toString()).toBe('12345678901234567890')
  })

  it('accepts one step of drift, refuses older steps and replays', () => {
    const now = 1_800_000_000_000
    const step = Math.floor(now / 30_000)
    expect(verifyTotp(RFC_SECRET, totpAt(RFC_SECRET, step - 1), now)).toBe(step - 1)
    expect(verifyTotp(RFC_SECRET, totpAt(RFC_SECRET, step - 2), now)).toBeUndefined()
    expect(verifyTotp(RFC_SECRET, totpAt(RFC_SECRET, step), now, step)).toBeUndefined()
    expect(verifyTotp(RFC_SECRET, 'abcdef', now)).toBeUndefined()
  })

  it('builds an otpauth URI with the secret', () => {
    expect(otpauthUri(RFC_SECRET, 'zhang')).toMatch(/^otpauth:\/\/totp\/.+\?secret=[A-Z2-7]+&issuer=/)
  })
})

describe('staff passwords', () => {
  it('hashes with scrypt and verifies only the right password', async () => {
    const stored = await hashPassword('Correct-Horse-9')
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/)
    expect(await verifyPassword('Correct-Horse-9', stored)).toBe(true)
    expect(await verifyPassword('correct-horse-9', stored)).toBe(false)
    expect(await hashPassword('Correct-Horse-9')).not.toBe(stored)
  })

  it.each([
    ['Short1!', '密码至少 10 位'],
    ['alllowercaseletters', '密码须包含大写字母、小写字母、数字、符号中的至少三类'],
    ['lowerUPPERonly', '密码须包含大写字母、小写字母、数字、符号中的至少三类'],
  ])('refuses %s', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem)
  })

  it('accepts three kinds of characters', () => {
    expect(passwordProblem('lowerUPPER123')).toBeUndefined()
    expect(passwordProblem('lower-case-99')).toBeUndefined()
  })
})
