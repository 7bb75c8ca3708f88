import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { FIGURES, fenToYuanPlain, figuresPresent, rateToPercentPlain, StatsSchema } from '@huxin/shared'

const docs = readFileSync(new URL('../../../../docs/figures.md', import.meta.url), 'utf8')

describe('the list of figures', () => {
  it('defines every figure once, and docs/figures.md has a row for each', () => {
    const keys = FIGURES.map((f) => f.key)
    expect(new Set(keys).size).toBe(keys.length)
    const documented = docs.split('\n').filter((line) => line.startsWith('| `'))
    for (const key of keys) {
      expect(documented.some((line) => line.includes(`\`${key}\``)), key).toBe(true)
    }
  })

  it('lists every numeric field of GET /stats', () => {
    const numeric = Object.entries(StatsSchema.properties)
      .filter(([, schema]) => JSON.stringify(schema).match(/"type":"(integer|number)"/))
      .map(([key]) => key)
    const keys = FIGURES.map((f) => f.key)
    for (const key of numeric) {
      // An object of counts (byKind, byChannel) is listed member by member: `byKind.wages` …
      const isGroup = (StatsSchema.properties as Record<string, { type?: string }>)[key]?.type === 'object'
      if (isGroup) expect(keys.some((k) => k.startsWith(`${key}.`)), key).toBe(true)
      else expect(keys, key).toContain(key)
    }
  })

  it('writes yuan with two decimals and rates in percent, without grouping', () => {
    expect(fenToYuanPlain(296_621_000)).toBe('2966210.00')
    expect(fenToYuanPlain(5)).toBe('0.05')
    expect(fenToYuanPlain(-101)).toBe('-1.01')
    expect(rateToPercentPlain(0.0048)).toBe('0.48')
    expect(rateToPercentPlain(1)).toBe('100.00')
    expect(rateToPercentPlain(2 / 3)).toBe('66.67')
  })

  it('skips the fields a response does not carry', () => {
    expect(figuresPresent({ complaintsAccepted: 3, ratingAverage: null }).map((f) => f.key)).toEqual(['complaintsAccepted', 'ratingAverage'])
  })
})
