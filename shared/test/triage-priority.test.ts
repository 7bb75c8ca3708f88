import { describe, expect, it } from 'vitest'
import { PRIORITY_THRESHOLDS, priorityLevel, priorityView } from '../src/domain/triage-priority'

describe('priority levels', () => {
  it('reads the score as 高/中/低 at the documented thresholds', () => {
    expect(priorityLevel(PRIORITY_THRESHOLDS.high)).toBe('high')
    expect(priorityLevel(PRIORITY_THRESHOLDS.high - 1)).toBe('medium')
    expect(priorityLevel(PRIORITY_THRESHOLDS.medium)).toBe('medium')
    expect(priorityLevel(PRIORITY_THRESHOLDS.medium - 1)).toBe('low')
    expect(priorityLevel(0)).toBe('low')
  })

  it('lists the reasons that add points, heaviest first, never the raw score', () => {
    const view = priorityView({
      priority: 1179,
      reasons: [
        { label: '距受理期限还剩 5 个工作日', points: 0 },
        { label: '欠薪金额 895,000.00 元', points: 179 },
        { label: '群体性案件（可核实 6 人）', points: 1000 },
      ],
    })
    expect(view).toEqual({ level: 'high', label: '高', reasons: ['群体性案件（可核实 6 人）', '欠薪金额 895,000.00 元'] })
  })
})
