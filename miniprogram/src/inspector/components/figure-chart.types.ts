/**
 * One figure drawn per town or per month on the dashboard (inspector/dashboard), one
 * implementation per platform (STYLE.md), as the claim map is:
 * - `figure-chart.h5.tsx`: a bar chart drawn by the H5-only chart library, with a text description
 *   for screen readers; the table below it (figure-table.tsx) is its complete text alternative.
 * - `figure-chart.weapp.tsx`: no chart (staff work on a desktop browser); the table says it all.
 * The chart library is imported only by the .h5 file, so it never reaches the weapp package
 * (scripts/check-weapp.mjs fails the build if it does).
 */
import type { ChartSeries } from '../figures'

export interface FigureChartProps {
  /** DOM id of the chart's box (browser tests look for it). */
  id: string
  /** What is drawn: 按街镇 / 按月. */
  title: string
  series: ChartSeries
}
