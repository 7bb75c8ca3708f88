import { describe, expect, it } from 'vitest'
import { IDEMPOTENCY_KEY_PATTERN } from '@huxin/shared/schemas/claim'
import { isValidIdempotencyKey, newIdempotencyKey } from '../src/lib/idempotency'

describe('newIdempotencyKey', () => {
  it('matches the API pattern and is at least 16 characters long', () => {
    const pattern = new RegExp(IDEMPOTENCY_KEY_PATTERN)
    for (let i = 0; i < 200; i++) {
      const key = newIdempotencyKey()
      expect(key).toMatch(pattern)
      expect(key.length).toBeGreaterThanOrEqual(16)
    }
  })

  it('differs between drafts made in the same millisecond', () => {
    const now = Date.UTC(2026, 10, 28)
    const keys = new Set(Array.from({ length: 1000 }, () => newIdempotencyKey(now)))
    expect(keys.size).toBe(1000)
  })

  it('is built from the time and the random source it is given', () => {
    expect(newIdempotencyKey(0, () => 0)).toBe('hx-0-0000000000000000')
    expect(newIdempotencyKey(35, () => 0.999)).toBe('hx-z-zzzzzzzzzzzzzzzz')
  })

  it('recognises valid stored keys only', () => {
    expect(isValidIdempotencyKey(newIdempotencyKey())).toBe(true)
    expect(isValidIdempotencyKey('short')).toBe(false)
    expect(isValidIdempotencyKey('has space in it')).toBe(false)
    expect(isValidIdempotencyKey(42)).toBe(false)
  })
})
