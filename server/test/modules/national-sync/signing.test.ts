import { createHash, createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createMemoryNonceStore, signMessage, verifySignature, type VerifyInput } from '../../../src/modules/national-sync/signing'
import { backoffDelayMs } from '../../../src/lib/backoff'

const SECRET = 'test-national-secret-0123456789'
const secretFor = (appId: string) => (appId === 'bureau' ? SECRET : undefined)

function signed(overrides: Partial<Parameters<typeof signMessage>[0]> = {}) {
  const input = { appId: 'bureau', secret: SECRET, method: 'POST', path: '/v1/clues?x=1', body: '{"messageId":"m"}', ...overrides }
  return { input, headers: signMessage(input) }
}

const verify = (headers: Record<string, string>, overrides: Partial<VerifyInput> = {}) =>
  verifySignature({ headers, method: 'POST', path: '/v1/clues?x=1', body: '{"messageId":"m"}', secretFor, nonces: createMemoryNonceStore(), ...overrides })

describe('national-platform signatures', () => {
  it('accepts its own signature and computes the documented HMAC', () => {
    const { headers } = signed({ timestamp: 1_764_000_000, nonce: 'abcdefghijklmnop' })
    expect(verify(headers, { now: 1_764_000_000_000 })).toEqual({ ok: true, appId: 'bureau', nonceKey: 'bureau:abcdefghijklmnop' })
    // HMAC-SHA256(secret, "POST\n/v1/clues?x=1\n1764000000\nabcdefghijklmnop\n" + sha256(body)), fixed here so both ends stay in step.
    const bodyHash = createHash('sha256').update('{"messageId":"m"}').digest('hex')
    const expected = createHmac('sha256', SECRET).update(`POST\n/v1/clues?x=1\n1764000000\nabcdefghijklmnop\n${bodyHash}`).digest('hex')
    expect(headers['x-signature']).toBe(expected)
  })

  it('refuses a changed body, path, method or secret', () => {
    const { headers } = signed()
    expect(verify(headers, { body: '{"messageId":"n"}' })).toMatchObject({ ok: false, code: 'SIGNATURE_INVALID' })
    expect(verify(headers, { path: '/v1/clues?x=2' })).toMatchObject({ ok: false, code: 'SIGNATURE_INVALID' })
    expect(verify(headers, { method: 'PUT' })).toMatchObject({ ok: false, code: 'SIGNATURE_INVALID' })
    expect(verify(signed({ secret: 'another-secret-0123456789' }).headers)).toMatchObject({ ok: false, code: 'SIGNATURE_INVALID' })
    expect(verify({ ...headers, 'x-signature': headers['x-signature']!.replace(/.$/, (c) => (c === '0' ? '1' : '0')) })).toMatchObject({ code: 'SIGNATURE_INVALID' })
  })

  it('refuses a timestamp outside five minutes, an unknown app id and missing headers', () => {
    const now = Date.now()
    const old = signed({ timestamp: Math.floor(now / 1000) - 301 }).headers
    expect(verify(old, { now })).toMatchObject({ ok: false, code: 'TIMESTAMP_EXPIRED' })
    const future = signed({ timestamp: Math.floor(now / 1000) + 301 }).headers
    expect(verify(future, { now })).toMatchObject({ ok: false, code: 'TIMESTAMP_EXPIRED' })
    const edge = signed({ timestamp: Math.floor(now / 1000) - 299 }).headers
    expect(verify(edge, { now })).toMatchObject({ ok: true })
    expect(verify(signed({ appId: 'stranger' }).headers)).toMatchObject({ ok: false, code: 'APP_ID_UNKNOWN' })
    const { 'x-nonce': _nonce, ...withoutNonce } = signed().headers
    expect(verify(withoutNonce)).toMatchObject({ ok: false, code: 'SIGNATURE_MISSING' })
  })

  it('refuses a replayed nonce while it is remembered, and only a valid signature spends a nonce', () => {
    let clock = 1_764_000_000_000
    const nonces = createMemoryNonceStore(() => clock)
    const { headers } = signed({ timestamp: clock / 1000 })
    // A forged request with the same nonce does not burn it.
    expect(verify({ ...headers, 'x-signature': '0'.repeat(64) }, { nonces, now: clock })).toMatchObject({ code: 'SIGNATURE_INVALID' })
    expect(verify(headers, { nonces, now: clock })).toMatchObject({ ok: true })
    expect(verify(headers, { nonces, now: clock })).toMatchObject({ ok: false, code: 'NONCE_REUSED' })
    // Kept for twice the window: by then the timestamp has expired anyway.
    clock += 599_000
    expect(verify(headers, { nonces, now: clock })).toMatchObject({ ok: false, code: 'TIMESTAMP_EXPIRED' })
  })

  it('signs responses with their status, so a 200 cannot pass for a 500', () => {
    const headers = signMessage({ appId: 'bureau', secret: SECRET, method: 'POST', path: '/p', body: '{}', status: 200 })
    const base = { headers, method: 'POST', path: '/p', body: '{}', secretFor, nonces: createMemoryNonceStore() }
    expect(verifySignature({ ...base, status: 500 })).toMatchObject({ ok: false, code: 'SIGNATURE_INVALID' })
    expect(verifySignature({ ...base, status: 200 })).toMatchObject({ ok: true })
  })
})

describe('backoff with full jitter', () => {
  it('stays within [0, min(cap, base·2^(n−1))) and grows with the attempts', () => {
    expect(backoffDelayMs(1, 100, 10_000, () => 0.999)).toBe(99)
    expect(backoffDelayMs(4, 100, 10_000, () => 0.999)).toBe(799)
    expect(backoffDelayMs(20, 100, 10_000, () => 0.999)).toBe(9_990)
    expect(backoffDelayMs(3, 100, 10_000, () => 0)).toBe(0)
    const samples = Array.from({ length: 2_000 }, () => backoffDelayMs(5, 100, 10_000))
    expect(Math.max(...samples)).toBeLessThan(1_600)
    // Full jitter: spread over the whole range, not bunched at the top.
    expect(samples.filter((s) => s < 800).length).toBeGreaterThan(800)
    expect(backoffDelayMs(1_000, 100, 10_000)).toBeLessThan(10_000)
  })
})
