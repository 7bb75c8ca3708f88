import { Map } from '@tarojs/components'
import { wgs84ToGcj02 } from '@huxin/shared/domain/coordinates'
import { useMemo } from 'react'
import { pointsToShowFirst, STATUS_LABELS, statusTone, type StatusTone } from '../lib/help-points'
import { INCLUDE_NEAREST, type HelpMapProps } from './help-map.types'
import './help-map.css'

/** Drawn by scripts/make-tab-icons.mjs and copied to dist/weapp/assets/map (config/index.ts). */
const PIN: Record<StatusTone, string> = {
  ok: '/assets/map/pin-ok.png',
  busy: '/assets/map/pin-busy.png',
  stopped: '/assets/map/pin-stopped.png',
}

/**
 * WeChat's native map (GCJ-02: WECHAT.md, Map). Marker ids are numbers (WeChat updates numbered
 * markers faster); their index in `points` maps them back. A tapped marker shows its callout;
 * tapping the callout opens the detail.
 */
export function HelpMap({ points, centre, centreIsWorker, onOpen }: HelpMapProps) {
  const centreGcj = useMemo(() => wgs84ToGcj02(centre), [centre])
  const markers = useMemo(
    () =>
      points.map((point, index) => ({
        id: index,
        latitude: point.gcj02.lat,
        longitude: point.gcj02.lng,
        iconPath: PIN[statusTone(point.status)],
        width: 32,
        height: 40,
        ariaLabel: `${point.name}，${STATUS_LABELS[point.status]}`,
        callout: {
          content: `${point.name}\n${point.openNow ? '营业中' : '已下班'} · ${STATUS_LABELS[point.status]}\n点这里看详情`,
          color: '#111111',
          fontSize: 14,
          anchorX: 0,
          anchorY: 0,
          borderRadius: 8,
          borderWidth: 1,
          borderColor: '#0b4f9c',
          bgColor: '#ffffff',
          padding: 8,
          display: 'BYCLICK' as const,
          textAlign: 'left' as const,
        },
      })),
    [points],
  )
  const includePoints = useMemo(() => {
    const nearest = pointsToShowFirst(points, INCLUDE_NEAREST).map((p) => ({ latitude: p.gcj02.lat, longitude: p.gcj02.lng }))
    return [{ latitude: centreGcj.lat, longitude: centreGcj.lng }, ...nearest]
  }, [points, centreGcj])

  const open = (markerId: number | string) => {
    const point = points[Number(markerId)]
    if (point) onOpen(point.id)
  }

  return (
    <Map
      id='help-map'
      className='help-map'
      latitude={centreGcj.lat}
      longitude={centreGcj.lng}
      scale={13}
      markers={markers}
      includePoints={includePoints}
      showLocation={centreIsWorker}
      onCalloutTap={(event) => open(event.detail.markerId)}
      onError={() => {}}
    />
  )
}
