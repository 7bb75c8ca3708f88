import { BarChart } from 'echarts/charts'
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'
import { axisUnit } from '../figures'
import type { FigureChartProps } from './figure-chart.types'
import './figure-chart.css'

// Only what the dashboard draws: bars on a grid, tooltips, the generated description (aria).
echarts.use([BarChart, GridComponent, TooltipComponent, AriaComponent, SVGRenderer])

/**
 * H5: a bar chart of one figure (SVG, so it stays sharp when printed). ECharts writes a text
 * description of the data on the chart's box (`aria`); the table below is the full alternative.
 */
export function FigureChart({ id, title, series }: FigureChartProps) {
  const element = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | undefined>(undefined)

  useEffect(() => {
    const box = element.current
    if (!box) return undefined
    const instance = echarts.init(box, undefined, { renderer: 'svg' })
    chart.current = instance
    const resize = () => instance.resize()
    window.addEventListener('resize', resize)
    return () => {
      window.removeEventListener('resize', resize)
      instance.dispose()
      chart.current = undefined
    }
  }, [])

  useEffect(() => {
    const unit = axisUnit(series.figure)
    chart.current?.setOption(
      {
        aria: { enabled: true, label: { description: `${title}：${series.figure.label}。${series.labels.map((l, i) => `${l} ${series.texts[i] ?? ''}`).join('，')}。` } },
        animation: false,
        grid: { left: 16, right: 16, top: 32, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis', valueFormatter: (_v: unknown, index: number) => series.texts[index] ?? '' },
        xAxis: { type: 'category', data: series.labels, axisLabel: { fontSize: 13, interval: 0 } },
        yAxis: { type: 'value', name: unit, nameTextStyle: { fontSize: 13 }, axisLabel: { fontSize: 13 } },
        series: [{ type: 'bar', name: series.figure.label, data: series.plotted, itemStyle: { color: '#0b4f9c' }, barMaxWidth: 48 }],
      },
      { notMerge: true },
    )
  }, [series, title])

  return <div ref={element} id={id} className='figure-chart' data-figure={series.figure.key} />
}
