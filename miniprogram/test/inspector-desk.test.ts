import { describe, expect, it } from 'vitest'
import { DEFAULT_FILTERS, naturalOrder, triageQuery } from '../src/inspector/triage/desk-state'
import { holderText, money, periodText, shanghaiDay, shanghaiDayTime } from '../src/inspector/format'

describe("the desk's query", () => {
  it('asks the server for the sort, page size, search and filters, the search encoded', () => {
    expect(triageQuery(DEFAULT_FILTERS, null)).toBe('limit=50&sort=priority&order=desc')
    const query = triageQuery({ ...DEFAULT_FILTERS, town: 'yaoguan', overdue: true, q: ' 王 建国&x ', sort: 'deadline', order: 'asc', pageSize: 100 }, 'abc_-')
    expect(query).toBe(`limit=100&sort=deadline&order=asc&town=yaoguan&overdue=true&q=${encodeURIComponent('王 建国&x')}&cursor=abc_-`)
  })

  it('sorts numbers of weight largest first and the rest earliest or alphabetical first', () => {
    expect(naturalOrder('priority')).toBe('desc')
    expect(naturalOrder('amount')).toBe('desc')
    expect(naturalOrder('deadline')).toBe('asc')
    expect(naturalOrder('reference')).toBe('asc')
  })
})

describe('one format on the inspector pages', () => {
  it('writes money, periods and Shanghai dates one way', () => {
    expect(money(500_000)).toBe('5,000.00 元')
    expect(periodText('2026-03', '2026-06')).toBe('2026年3月 至 2026年6月')
    expect(periodText('2026-03', '2026-03')).toBe('2026年3月')
    // 16:30 UTC is already the next day in Shanghai: the UTC date would be one day early.
    expect(shanghaiDay('2026-12-06T16:30:00Z')).toBe('2026年12月7日')
    expect(shanghaiDayTime('2026-12-06T16:30:00Z')).toBe('2026年12月7日 00:30')
    expect(shanghaiDay(undefined)).toBe('—')
  })

  it('says who holds a claim', () => {
    expect(holderText(undefined, 'me')).toBe('未分派')
    expect(holderText('me', 'me')).toBe('本人')
    expect(holderText('other', 'me')).toBe('其他监察员')
  })
})
