import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../../../src/modules/claims/file-claim'
import { validClaimBody } from '../../helpers/claims'

/** The fingerprint as it was first written (idempotency keys stored before keep matching). */
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

describe('canonicalJson (the filing fingerprint)', () => {
  it('writes exactly the text of the first version, whatever the key order', () => {
    const body = { ...validClaimBody({ coWorkers: [{ name: '李四', phone: '13900001111' }, { name: '赵五' }] }), extra: { b: [1, 'x', null, { d: 1, c: undefined }], a: '"引号"\n' } }
    expect(canonicalJson(body)).toBe(reference(body))
    const shuffled = Object.fromEntries(Object.entries(body).reverse())
    expect(canonicalJson(shuffled)).toBe(canonicalJson(body))
    for (const value of [[], {}, null, 0, 'x', [[]], [{}], { z: [], y: {} }, { 'é': 1, e: 2, E: 3, '10': 4, '9': 5 }]) {
      expect(canonicalJson(value)).toBe(reference(value))
    }
  })
})
