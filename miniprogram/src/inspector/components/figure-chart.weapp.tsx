import type { FigureChartProps } from './figure-chart.types'

/** The weapp draws no chart: the table of the same values below it is the whole picture. */
export function FigureChart(_props: FigureChartProps) {
  return null
}
