import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createPiiCipher } from '../../../src/modules/pii/cipher'

describe('PII cipher', () => {
  const cipher = createPiiCipher(randomBytes(32))

  it('round-trips and never repeats a ciphertext', () => {
    const a = cipher.encrypt('11010519491231002X')
    const b = cipher.encrypt('11010519491231002X')
    expect(a).not.toBe(b)
    expect(a).not.toContain('11010519491231002X')
    expect(cipher.decrypt(a)).toBe('11010519491231002X')
  })

  it('refuses a tampered ciphertext', () => {
    const c = cipher.encrypt('13812341234')
    const raw = Buffer.from(c.slice(3), 'base64')
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1
    expect(() => cipher.decrypt(`v1:${raw.toString('base64')}`)).toThrow()
  })

  it('hashes for matching: stable, case-insensitive for X, key-dependent', () => {
    expect(cipher.hash('11010519491231002x')).toBe(cipher.hash('11010519491231002X'))
    expect(cipher.hash('13812341234')).not.toBe(createPiiCipher(randomBytes(32)).hash('13812341234'))
  })

  it('cannot decrypt with another key', () => {
    const other = createPiiCipher(randomBytes(32))
    expect(() => other.decrypt(cipher.encrypt('13812341234'))).toThrow()
  })
})
