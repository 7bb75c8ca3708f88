import { View } from '@tarojs/components'
import type { ChartSeries } from '../figures'

/**
 * The text alternative of a chart (and, in the weapp, the chart itself): one row per town or
 * month with the figure as people read it, as an ARIA table on both platforms.
 */
export function FigureTable({ id, caption, series }: { id: string; caption: string; series: ChartSeries }) {
  return (
    <View id={id} className='figure-table' role='table' aria-label={caption}>
      <View className='figure-table-row figure-table-head' role='row'>
        <View className='figure-table-cell' role='columnheader'>
          {caption.startsWith('按街镇') ? '街镇' : '月份'}
        </View>
        <View className='figure-table-cell figure-table-number' role='columnheader'>
          {series.figure.label}
        </View>
      </View>
      {series.labels.map((label, i) => (
        <View key={label} className='figure-table-row' role='row'>
          <View className='figure-table-cell' role='rowheader'>
            {label}
          </View>
          <View className='figure-table-cell figure-table-number' role='cell'>
            {series.texts[i]}
          </View>
        </View>
      ))}
    </View>
  )
}
