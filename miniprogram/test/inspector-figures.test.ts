import { describe, expect, it } from 'vitest'
import type { Stats } from '@huxin/shared/schemas/stats'
import { barWidths, figureCards, monthsOf, yearPeriod } from '../src/inspector/figures'

describe('dashboard figures', () => {
  it('cuts a year into its months, leap February included', () => {
    const months = monthsOf(2024)
    expect(months).toHaveLength(12)
    expect(months[1]).toEqual({ from: '2024-02-01', to: '2024-02-29', label: '2月' })
    expect(months[11]?.to).toBe('2024-12-31')
    expect(yearPeriod(2025)).toEqual({ from: '2025-01-01', to: '2025-12-31' })
  })

  it('shows every reported figure in the report’s words', () => {
    const stats = {
      cluesReceived: 1234,
      clueIncidenceRate: 0.0048,
      complaintsAccepted: 56,
      groupCases: 3,
      workersInvolved: 789,
      wagesRecoveredFen: 123_456_789,
      socialInsuranceOrderedFen: 0,
      closureRate: 1,
      policeTransfers: 2,
      blacklistApplications: 1,
      overdueAcceptance: 0,
      overdueClosure: 4,
    } as Stats
    const cards = Object.fromEntries(figureCards(stats).map((c) => [c.key, c.value]))
    expect(cards).toMatchObject({
      cluesReceived: '1,234',
      clueIncidenceRate: '0.48%',
      wagesRecoveredFen: '1,234,567.89 元',
      closureRate: '100.00%',
      workersInvolved: '789 人',
    })
  })

  it('scales bars to the largest value', () => {
    expect(barWidths([0, 5, 10])).toEqual([0, 50, 100])
    expect(barWidths([0, 0])).toEqual([0, 0])
  })
})
