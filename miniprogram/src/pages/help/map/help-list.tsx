import { View } from '@tarojs/components'
import type { HelpPointItem } from '../../../api/help-points-types'
import { ActionButton } from '../../../components/action-button'
import { statusLine } from '../../../lib/help-advice'
import { helpPointRow } from '../../../lib/help-points'

/** Every point found, nearest first: the complete alternative to the map (screen readers, large text). */
export function HelpList({ items, onOpen: open }: { items: readonly HelpPointItem[]; onOpen: (id: string) => void }) {
  return (
    items.length > 0 ? (
      <View id='help-list' className='help-list' role='list' aria-label='附近的服务点，按远近排列'>
        {items.map((point) => {
          const row = helpPointRow(point)
          return (
            <View
              key={row.id}
              id={`help-${row.id}`}
              className='help-item'
              role='listitem'
              data-status={point.status}
              aria-label={row.ariaLabel}
              onClick={() => open(row.id)}
            >
              <View className='help-item-top'>
                <View className='help-item-name'>{row.name}</View>
                <View className='help-item-distance'>{row.distance}</View>
              </View>
              <View className='help-item-kind'>{row.kind}</View>
              {row.address ? <View className='help-item-address'>{row.address}</View> : null}
              <View className='help-item-bottom'>
                <View className={`help-badge help-badge--${row.tone} help-item-status`}>{statusLine(point).text}</View>
              </View>
              {/* The row is tapped; keyboards get a real button whose click bubbles to the row. */}
              <ActionButton className='help-item-more link-button' label={`看详情、打电话、导航 › ${row.name}`} onClick={() => {}}>
                看详情、打电话、导航 ›
              </ActionButton>
            </View>
          )
        })}
      </View>
    ) : null
  )
}
