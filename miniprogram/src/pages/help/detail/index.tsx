/**
 * 服务点详情 — one help point (`?id=<uuid>`): call with one tap, navigate there, the
 * week's hours with today marked, date exceptions, services, and the live status set by staff.
 *
 * BROWSER-TEST SELECTORS (H5 build)
 *   #help-detail; #help-name, #help-kind, #help-status (status label), #help-status-note,
 *   #help-status-time, #help-open (营业中 / 已下班), #help-address, #help-sample (示例数据)
 *   actions           .help-call (tel: link in H5), #help-navigate
 *   hours             #help-hours rows .help-hours-row (.help-hours-row--today), #help-exceptions
 *   services          #help-services
 *   states            #help-detail-loading, #help-detail-error with #help-detail-retry
 */
import { View } from '@tarojs/components'
import { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import { townName } from '@huxin/shared/domain/towns'
import { useRef, useState } from 'react'
import { api, ApiError } from '../../../api'
import type { HelpPointDetail } from '../../../api/help-points-types'
import { ActionButton } from '../../../components/action-button'
import { Heading } from '../../../components/heading'
import { HelpPointCall, HelpPointNavigate } from '../../../components/help-point-actions'
import { subscribeHelpPointChanges } from '../../../lib/help-live'
import { usePageLoad } from '../../../lib/use-page-load'
import {
  formatChangedAt,
  KIND_LABELS,
  STATUS_LABELS,
  statusTone,
  upcomingExceptions,
  weekHoursRows,
} from '../../../lib/help-points'
import '../../../components/form.css'
import '../map/index.css'
import './index.css'

export default function HelpDetailPage() {
  const router = useRouter()
  const id = router.params.id ?? ''
  const [point, setPoint] = useState<HelpPointDetail | undefined>()
  // Loaded when shown and on pull-down (lib/use-page-load); live changes reload it too.
  const { loading, error, reload } = usePageLoad(
    async () => {
      if (!id) throw new Error('no id')
      setPoint(await api.getHelpPoint(id))
    },
    {
      errorMessage: (e) =>
        !id ? '没有找到这个服务点。' : e instanceof ApiError && e.status === 404 ? '这个服务点已经不在了。' : '网络不好，没能打开这个服务点。',
    },
  )

  const unsubscribe = useRef<(() => void) | undefined>()
  useDidShow(() => {
    unsubscribe.current?.()
    unsubscribe.current = subscribeHelpPointChanges({
      onChange: (change) => {
        if (change.id === id) void reload()
      },
      onResync: () => void reload(),
    })
  })
  useDidHide(() => {
    unsubscribe.current?.()
    unsubscribe.current = undefined
  })

  if (!point) {
    return (
      <View className='page help-page' role='main'>
        <Heading className='help-title'>服务点详情</Heading>
        {error ? (
          <View id='help-detail-error' className='notice notice--error' role='alert'>
            {error}
            <ActionButton id='help-detail-retry' className='hx-button hx-button--secondary help-retry' onClick={() => void reload()}>
              重试
            </ActionButton>
          </View>
        ) : (
          <View id='help-detail-loading' className='help-state'>
            {loading ? '正在加载…' : ''}
          </View>
        )}
      </View>
    )
  }

  const now = new Date()
  const hours = weekHoursRows(point.hours, point.exceptions, now)
  const exceptions = upcomingExceptions(point.exceptions, now)
  const changedAt = formatChangedAt(point.statusChangedAt)
  const town = point.town ? townName(point.town) : undefined

  return (
    <View className='page help-page' id='help-detail' role='main'>
      <Heading id='help-name' className='help-detail-name'>
        {point.name}
      </Heading>
      <View id='help-kind' className='help-item-kind'>
        {KIND_LABELS[point.kind]}
        {town ? ` · ${town}` : ''}
      </View>
      {point.isSample ? (
        <View id='help-sample' className='notice notice--info help-notice'>
          示例数据：这是演示用的地点，不是真实的办公地点。
        </View>
      ) : null}

      <View className='help-card'>
        <View className='help-item-bottom'>
          <View id='help-open' className={`help-item-open${point.openNow ? ' help-item-open--yes' : ''}`}>
            {point.openNow ? '营业中' : '已下班'}
          </View>
          <View id='help-status' className={`help-badge help-badge--${statusTone(point.status)}`} aria-live='polite'>
            {STATUS_LABELS[point.status]}
          </View>
        </View>
        {point.statusNote ? (
          <View id='help-status-note' className='help-detail-text'>
            {point.statusNote}
          </View>
        ) : null}
        {changedAt ? (
          <View id='help-status-time' className='help-detail-muted'>
            状态更新于 {changedAt}
          </View>
        ) : null}
      </View>

      <View className='help-card help-actions'>
        {point.address ? (
          <View id='help-address' className='help-detail-text'>
            地址：{point.address}
          </View>
        ) : null}
        {point.phones.map((phone) => (
          <HelpPointCall key={phone} className='help-call help-action' phone={phone} label={`打电话 ${phone}`} />
        ))}
        {point.gcj02 ? (
          <HelpPointNavigate id='help-navigate' className='help-action' name={point.name} address={point.address} gcj02={point.gcj02} />
        ) : null}
      </View>

      <View className='help-card' id='help-hours'>
        <Heading level={2} className='help-section-title'>
          办公时间
        </Heading>
        {hours.map((row) => (
          <View
            key={row.day}
            className={`help-hours-row${row.today ? ' help-hours-row--today' : ''}`}
            aria-label={`${row.today ? '今天，' : ''}${row.day}，${row.text}`}
          >
            <View className='help-hours-day'>
              {row.day}
              {row.today ? '（今天）' : ''}
            </View>
            <View className='help-hours-text'>{row.text}</View>
          </View>
        ))}
        {point.openOnHolidays ? null : <View className='help-detail-muted'>法定节假日休息。</View>}
        {exceptions.length > 0 ? (
          <View id='help-exceptions' className='help-exceptions'>
            <View className='help-subtitle'>特别安排</View>
            {exceptions.map((e) => (
              <View key={e.date} className='help-detail-text'>
                {e.text}
              </View>
            ))}
          </View>
        ) : null}
      </View>

      {point.services.length > 0 ? (
        <View className='help-card' id='help-services'>
          <Heading level={2} className='help-section-title'>
            可以办理
          </Heading>
          {point.services.map((service) => (
            <View key={service} className='help-service'>
              · {service}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
