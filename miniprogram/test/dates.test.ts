import { describe, expect, it } from 'vitest'
import { formatMonth, formatShanghaiDate, formatShanghaiDateTime } from '../src/lib/dates'

describe('formatShanghaiDate', () => {
  it('shows the calendar day in Shanghai, not in UTC', () => {
    // 16:30 UTC is already the next day in Shanghai (UTC+8)
    expect(formatShanghaiDate('2026-03-14T16:30:00Z')).toBe('2026年3月15日')
    expect(formatShanghaiDate('2026-03-14T15:59:59.999Z')).toBe('2026年3月14日')
    expect(formatShanghaiDate('2026-12-31T16:00:00Z')).toBe('2027年1月1日')
  })

  it('accepts offsets other than Z', () => {
    expect(formatShanghaiDate('2026-12-04T23:59:59+08:00')).toBe('2026年12月4日')
  })

  it('returns undefined for an unreadable date', () => {
    expect(formatShanghaiDate('soon')).toBeUndefined()
  })
})

describe('formatMonth', () => {
  it('writes YYYY-MM the Chinese way', () => {
    expect(formatMonth('2025-03')).toBe('2025年3月')
    expect(formatMonth('2025-12')).toBe('2025年12月')
    expect(formatMonth('')).toBe('')
  })
})

describe('formatShanghaiDateTime', () => {
  it('adds the Shanghai time of day', () => {
    expect(formatShanghaiDateTime('2026-03-14T16:30:00Z')).toBe('2026年3月15日 00:30')
    expect(formatShanghaiDateTime('2026-03-14T01:05:00Z')).toBe('2026年3月14日 09:05')
    expect(formatShanghaiDateTime('later')).toBeUndefined()
  })
})
