/**
 * Idempotency keys for `POST /api/v1/claims` (API.md, Claims): one key per draft, reused by every
 * retry of that draft, so a request whose answer was lost on a weak network cannot file the claim
 * twice. Mini-programs have no `crypto.randomUUID`, hence timestamp + Math.random in base 36; the
 * key identifies one phone's draft, it is not a secret.
 */

/** Same as `IDEMPOTENCY_KEY_PATTERN` in @huxin/shared (schemas/claim.ts). */
const KEY_PATTERN = /^[A-Za-z0-9_:-]{8,128}$/

function randomBase36(random: () => number, length: number): string {
  let out = ''
  while (out.length < length) {
    out += Math.floor(random() * 36).toString(36)
  }
  return out
}

/** e.g. `hx-m3k9x2q1-4f8z0c7k2m9q5t1w` (30 characters). */
export function newIdempotencyKey(now: number = Date.now(), random: () => number = Math.random): string {
  return `hx-${now.toString(36)}-${randomBase36(random, 16)}`
}

export function isValidIdempotencyKey(key: unknown): key is string {
  return typeof key === 'string' && KEY_PATTERN.test(key)
}
