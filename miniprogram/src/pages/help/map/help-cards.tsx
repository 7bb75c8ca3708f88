import { View } from '@tarojs/components'
import type { HelpPointChannel, HelpPointItem } from '../../../api/help-points-types'
import { ActionButton } from '../../../components/action-button'
import { Heading } from '../../../components/heading'
import { HelpPointCall } from '../../../components/help-point-actions'
import { recommendationReason, recommendedPoints, statusLine, UNPAID_WAGES_FIRST } from '../../../lib/help-advice'
import { formatDistance, KIND_LABELS } from '../../../lib/help-points'

interface HelpCardsProps {
  items: readonly HelpPointItem[]
  channels: readonly HelpPointChannel[]
  onOpen: (id: string) => void
  now?: Date
}

function PointCard({ point, onOpen, now }: { point: HelpPointItem; onOpen: (id: string) => void; now: Date }) {
  const line = statusLine(point, now)
  const reason = recommendationReason(point.kind)
  const phone = point.phones[0]
  return (
    <View className='help-card' id={`card-${point.id}`} data-kind={point.kind} role='listitem'>
      <View className='help-item-top'>
        <View className='help-card-name'>{point.name}</View>
        {point.distanceM === undefined ? null : <View className='help-item-distance'>{formatDistance(point.distanceM)}</View>}
      </View>
      <View className='help-item-kind'>{KIND_LABELS[point.kind]}</View>
      <View className={`help-card-line${line.open ? ' help-card-line--open' : ''}`}>{line.text}</View>
      {reason ? <View className='help-card-reason'>{reason}</View> : null}
      <View className='help-card-actions'>
        {phone ? <HelpPointCall className='help-card-call' phone={phone} label={`打电话 ${phone}`} /> : null}
        <ActionButton className='hx-button hx-button--secondary help-card-more' label={`看详情、导航：${point.name}`} onClick={() => onOpen(point.id)}>
          详情、导航
        </ActionButton>
      </View>
    </View>
  )
}

/**
 * The one to three places to go first, as cards above the map (the list below is complete): the
 * labour-inspection brigade and the town's labour station first, then the 12333 line, then the
 * nearest others (a court last however near), each with one status line.
 */
export function HelpCards({ items, channels, onOpen, now = new Date() }: HelpCardsProps) {
  const chosen = recommendedPoints(items, 3)
  if (chosen.length === 0 && channels.length === 0) return null
  const first = chosen.filter((p) => UNPAID_WAGES_FIRST.includes(p.kind))
  const rest = chosen.filter((p) => !UNPAID_WAGES_FIRST.includes(p.kind))
  const hotline = channels.find((c) => c.phones.length > 0)
  return (
    <View id='help-cards' className='help-cards'>
      <Heading level={2} className='help-section-title'>
        欠工资，先找这里
      </Heading>
      <View role='list' aria-label='推荐先去的地方'>
        {first.map((point) => (
          <PointCard key={point.id} point={point} onOpen={onOpen} now={now} />
        ))}
        {hotline ? (
          <View className='help-card help-card--hotline' id='card-hotline' data-kind='hotline' role='listitem'>
            <View className='help-card-name'>{hotline.name}</View>
            <View className='help-card-reason'>不用跑腿，打电话就能投诉、咨询</View>
            <HelpPointCall className='help-card-call' phone={hotline.phones[0] as string} label={`拨打 ${hotline.phones[0] as string}`} />
          </View>
        ) : null}
        {rest.map((point) => (
          <PointCard key={point.id} point={point} onOpen={onOpen} now={now} />
        ))}
      </View>
    </View>
  )
}
