import { describe, expect, it } from 'vitest'
import type { Stats, StatsBreakdown } from '@huxin/shared/schemas/stats'
import { FIGURES } from '@huxin/shared/domain/figures'
import { chartableFigures, figureCards, monthsOf, monthSeries, periodOf, townSeries, yearPeriod } from '../src/inspector/figures'

describe('dashboard figures', () => {
  it('cuts a year into its months and quarters, leap February included', () => {
    const months = monthsOf(2024)
    expect(months).toHaveLength(12)
    expect(months[1]).toEqual({ from: '2024-02-01', to: '2024-02-29', label: '2月' })
    expect(months[11]?.to).toBe('2024-12-31')
    expect(yearPeriod(2025)).toEqual({ from: '2025-01-01', to: '2025-12-31' })
    expect(periodOf(2024, 'year')).toEqual(yearPeriod(2024))
    expect(periodOf(2024, 'q1')).toEqual({ from: '2024-01-01', to: '2024-03-31' })
    expect(periodOf(2023, 'm2')).toEqual({ from: '2023-02-01', to: '2023-02-28' })
    expect(periodOf(2024, 'm12')).toEqual({ from: '2024-12-01', to: '2024-12-31' })
  })

  it('shows every figure the response carries, in the report’s words, with its definition', () => {
    const stats = {
      cluesReceived: 1234,
      clueIncidenceRate: 0.0048,
      complaintsAccepted: 56,
      workersInvolved: 789,
      wagesRecoveredFen: 123_456_789,
      socialInsuranceRegistrations: 168,
      closureRate: 1,
      ratingAverage: null,
      depositAmountFen: 3_170_000_000,
    } as unknown as Stats
    const cards = figureCards(stats)
    expect(Object.fromEntries(cards.map((c) => [c.key, c.value]))).toEqual({
      cluesReceived: '1,234',
      clueIncidenceRate: '0.48%',
      complaintsAccepted: '56',
      workersInvolved: '789 人',
      wagesRecoveredFen: '1,234,567.89 元',
      socialInsuranceRegistrations: '168 人',
      closureRate: '100.00%',
      ratingAverage: '—',
      depositAmountFen: '31,700,000.00 元',
    })
    expect(cards.every((c) => c.definition.length > 0)).toBe(true)
  })

  it('draws a figure per town and per month in the chart’s unit', () => {
    const s = (fen: number) => ({ wagesRecoveredFen: fen, closureRate: 0.5 }) as unknown as Stats
    const b = { total: s(300), towns: [{ town: 'yaoguan', stats: s(100) }, { town: 'lucheng', stats: s(200) }], months: [{ month: '2024-03', stats: s(300) }] } as StatsBreakdown
    const wages = FIGURES.find((f) => f.key === 'wagesRecoveredFen')!
    expect(townSeries(wages, b)).toMatchObject({ labels: ['遥观镇', '潞城街道'], values: [100, 200], plotted: [1, 2], texts: ['1.00 元', '2.00 元'] })
    expect(monthSeries(FIGURES.find((f) => f.key === 'closureRate')!, b)).toMatchObject({ labels: ['3月'], plotted: [50], texts: ['50.00%'] })
    expect(chartableFigures(b.total).map((f) => f.key)).toEqual(['wagesRecoveredFen', 'closureRate'])
  })
})
