/**
 * Pure logic of the dashboard (inspector/dashboard): periods, the figures' values formatted in the
 * report's words (the list itself is shared: @huxin/shared/domain/figures, FIGURES), and the
 * series the charts and their tables draw. No Taro import (test/inspector-figures.test.ts).
 */
import type { Stats, StatsBreakdown } from '@huxin/shared/schemas/stats'
import { FIGURES, figureValue, figuresPresent, type FigureDefinition } from '@huxin/shared/domain/figures'
import { formatFen } from '@huxin/shared/domain/money'
import { townName } from '@huxin/shared/domain/towns'

export interface Period {
  from: string
  to: string
}

/** A whole calendar year, `YYYY-01-01` … `YYYY-12-31`. */
export const yearPeriod = (year: number): Period => ({ from: `${year}-01-01`, to: `${year}-12-31` })

const lastDayOf = (year: number, month: number) => String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')

/** The twelve months of a year. */
export function monthsOf(year: number): (Period & { label: string })[] {
  return Array.from({ length: 12 }, (_, i) => {
    const month = String(i + 1).padStart(2, '0')
    return { from: `${year}-${month}-01`, to: `${year}-${month}-${lastDayOf(year, i + 1)}`, label: `${i + 1}月` }
  })
}

/** The period picker's choices within a year: the whole year, its quarters, its months. */
export const PERIOD_PARTS: readonly { value: string; label: string }[] = [
  { value: 'year', label: '全年' },
  ...[1, 2, 3, 4].map((q) => ({ value: `q${q}`, label: `第${'一二三四'[q - 1]}季度` })),
  ...Array.from({ length: 12 }, (_, i) => ({ value: `m${i + 1}`, label: `${i + 1}月` })),
]

/** The days of a part of a year (`year`, `q1`…`q4`, `m1`…`m12`). */
export function periodOf(year: number, part: string): Period {
  const quarter = /^q([1-4])$/.exec(part)
  const month = /^m(1[0-2]|[1-9])$/.exec(part)
  const [first, last] = quarter ? [Number(quarter[1]) * 3 - 2, Number(quarter[1]) * 3] : month ? [Number(month[1]), Number(month[1])] : [1, 12]
  return { from: `${year}-${String(first).padStart(2, '0')}-01`, to: `${year}-${String(last).padStart(2, '0')}-${lastDayOf(year, last)}` }
}

const percent = (fraction: number) => `${(fraction * 100).toFixed(2)}%`
const count = (n: number) => n.toLocaleString('zh-CN')

/** A figure's value as people read it: `1,234`, `789 人`, `1,234.56 元`, `0.48%`. */
export function formatFigure(f: FigureDefinition, value: unknown): string {
  if (value === null || value === undefined) return '—'
  if (typeof value !== 'number') return String(value)
  switch (f.unit) {
    case 'fen':
      return `${formatFen(value)} 元`
    case 'rate':
      return percent(value)
    case 'workers':
      return `${count(value)} 人`
    case 'score':
      return value.toFixed(2)
    default:
      return count(value)
  }
}

export interface FigureCard {
  key: string
  label: string
  definition: string
  value: string
  reported: boolean
}

/** Every figure the response carries, in the list's order, with its definition. */
export function figureCards(s: Stats): FigureCard[] {
  const record = s as unknown as Record<string, unknown>
  return figuresPresent(record).map((f) => ({
    key: f.key,
    label: f.label,
    definition: f.definition,
    value: formatFigure(f, figureValue(record, f.key)),
    reported: f.reported === true,
  }))
}

/** The figures a chart can draw: those counted over the period. */
export function chartableFigures(s: Stats | undefined): FigureDefinition[] {
  return s ? figuresPresent(s as unknown as Record<string, unknown>).filter((f) => f.scope === 'period') : FIGURES.filter((f) => f.scope === 'period')
}

export interface ChartSeries {
  figure: FigureDefinition
  /** Category names (towns, `1月`…). */
  labels: string[]
  /** Raw values (fen for money, a fraction for rates). */
  values: number[]
  /** The same values as people read them (the chart's table alternative). */
  texts: string[]
  /** The values in the chart's unit: yuan for money, percent for rates. */
  plotted: number[]
}

function series(figure: FigureDefinition, rows: { label: string; stats: Stats }[]): ChartSeries {
  const values = rows.map((r) => {
    const v = figureValue(r.stats as unknown as Record<string, unknown>, figure.key)
    return typeof v === 'number' ? v : 0
  })
  return {
    figure,
    labels: rows.map((r) => r.label),
    values,
    texts: values.map((v) => formatFigure(figure, v)),
    plotted: values.map((v) => (figure.unit === 'fen' ? v / 100 : figure.unit === 'rate' ? Math.round(v * 10_000) / 100 : v)),
  }
}

/** One figure per town of the breakdown. */
export const townSeries = (figure: FigureDefinition, b: StatsBreakdown): ChartSeries =>
  series(
    figure,
    b.towns.map((t) => ({ label: townName(t.town) ?? t.town, stats: t.stats })),
  )

/** One figure per month of the breakdown (`2024-03` → `3月`). */
export const monthSeries = (figure: FigureDefinition, b: StatsBreakdown): ChartSeries =>
  series(
    figure,
    b.months.map((m) => ({ label: `${Number(m.month.slice(5, 7))}月`, stats: m.stats })),
  )

/** The chart axis' unit. */
export const axisUnit = (f: FigureDefinition) => (f.unit === 'fen' ? '元' : f.unit === 'rate' ? '%' : f.unit === 'workers' ? '人' : f.unit === 'score' ? '分' : '件')
