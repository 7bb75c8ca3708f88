import { describe, expect, it } from 'vitest'
import { formatMonth, formatPeriod } from '../src/domain/period'

describe('the one period format', () => {
  it('writes months and spans in Chinese, one month alone when both ends agree', () => {
    expect(formatMonth('2026-03')).toBe('2026年3月')
    expect(formatMonth('2026-12')).toBe('2026年12月')
    expect(formatPeriod('2026-05', '2026-08')).toBe('2026年5月 至 2026年8月')
    expect(formatPeriod('2026-05', '2026-05')).toBe('2026年5月')
    expect(formatPeriod('2025-11', '2026-02')).toBe('2025年11月 至 2026年2月')
  })

  it('leaves text that is not a month as it is', () => {
    expect(formatMonth('2026-3')).toBe('2026-3')
    expect(formatMonth('')).toBe('')
  })
})
