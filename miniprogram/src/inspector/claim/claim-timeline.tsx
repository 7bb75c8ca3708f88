/**
 * 办理记录 — the claim's whole timeline as staff see it, newest first, internal notes marked.
 * A list (one item an event) so screen readers announce how many there are.
 *
 * BROWSER-TEST SELECTORS: #claim-timeline with .staff-event (.staff-event--internal),
 * .staff-event-label, .staff-event-note
 */
import { Text, View } from '@tarojs/components'
import type { ClaimDetail } from '@huxin/shared/schemas/claim'
import { Heading } from '../../components/heading'
import { staffEventLabel } from '../case'
import { shanghaiDayTime } from '../format'

export function ClaimTimeline({ claim }: { claim: ClaimDetail }) {
  const events = [...(claim.events ?? [])].reverse()
  return (
    <View className='inspector-card' id='claim-timeline'>
      <Heading level={2} className='inspector-heading'>
        办理记录（{events.length} 条）
      </Heading>
      <View role='list' aria-label='办理记录，最新的在前'>
        {events.map((event) => (
          <View key={event.id} role='listitem' className={`staff-event${event.visibility === 'internal' ? ' staff-event--internal' : ''}`}>
            <Text className='inspector-muted'>{shanghaiDayTime(event.at)}</Text> <Text className='staff-event-label'>{staffEventLabel(event.type)}</Text>
            {event.visibility === 'internal' ? <Text className='inspector-muted'>（内部）</Text> : null}
            {event.note ? <View className='staff-event-note'>{event.note}</View> : null}
          </View>
        ))}
      </View>
    </View>
  )
}
