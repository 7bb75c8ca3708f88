/**
 * Priority as people read it: 高 / 中 / 低 with its reasons, never the raw points (issue 14).
 * The server scores a claim (docs/casework.md, Triage); this turns the score into a level with the
 * thresholds documented there. One function for the queue and the claim page.
 */

export type PriorityLevel = 'high' | 'medium' | 'low'

/**
 * Lower bounds of each level, in points. 高: overdue (400), a countable group case (1000), or a
 * claim due today or tomorrow that also comes from the national platform or a blacklisted or
 * repeat employer. 中: due within about two calendar days (≥ 180 deadline points), a national
 * dispatch (200), or several lesser reasons together. 低: the rest.
 */
export const PRIORITY_THRESHOLDS = { high: 400, medium: 180 } as const

export const PRIORITY_LEVEL_LABELS: Record<PriorityLevel, string> = { high: '高', medium: '中', low: '低' }

export function priorityLevel(priority: number): PriorityLevel {
  if (priority >= PRIORITY_THRESHOLDS.high) return 'high'
  if (priority >= PRIORITY_THRESHOLDS.medium) return 'medium'
  return 'low'
}

export interface PriorityView {
  level: PriorityLevel
  /** 高 / 中 / 低 */
  label: string
  /** What raised it, heaviest first: the labels of the reasons that add points. */
  reasons: string[]
}

export function priorityView(item: { priority: number; reasons: readonly { label: string; points: number }[] }): PriorityView {
  const level = priorityLevel(item.priority)
  const reasons = [...item.reasons]
    .filter((r) => r.points > 0)
    .sort((a, b) => b.points - a.points)
    .map((r) => r.label)
  return { level, label: PRIORITY_LEVEL_LABELS[level], reasons }
}
