/**
 * The desk's header figures (GET /api/v1/triage/counts): received today, awaiting acceptance,
 * overdue — in the caller's towns. A live region, so a screen reader hears them change.
 *
 * BROWSER-TEST SELECTORS: #desk-counts, #count-received, #count-awaiting, #count-overdue
 */
import { View, Text } from '@tarojs/components'
import type { TriageCounts } from '@huxin/shared/schemas/casework'

export function DeskCounts({ counts }: { counts: TriageCounts | undefined }) {
  if (!counts) return null
  return (
    <View className='desk-counts' id='desk-counts' aria-live='polite'>
      <View className='desk-count' id='count-received'>
        今日收到<Text>{` ${counts.receivedToday}`}</Text>
      </View>
      <View className='desk-count' id='count-awaiting'>
        待受理<Text>{` ${counts.awaiting}`}</Text>
      </View>
      <View className={`desk-count${counts.overdue > 0 ? ' desk-count--overdue' : ''}`} id='count-overdue'>
        已逾期<Text>{` ${counts.overdue}`}</Text>
      </View>
    </View>
  )
}
