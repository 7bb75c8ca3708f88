import { View } from '@tarojs/components'
import { useState } from 'react'
import { TOWN_CENTRES } from '@huxin/shared/domain/town-centres'
import { ActionButton } from '../../../../components/action-button'
import { Heading } from '../../../../components/heading'
import { SitePicker } from '../../../../components/site-picker'
import type { SitePoint } from '../../../../components/site-picker.types'
import { TextField } from '../../../../components/text-field'
import { locateWorker } from '../../../../lib/locate'
import type { StepProps } from './types'

/** The district's middle, when no town is chosen yet. */
const DISTRICT_CENTRE: SitePoint = { lat: 31.7717, lng: 120.0718 }

/**
 * 工作地点（选填）, on step 2 below the town: where the work was, so the claim reaches the
 * inspectors' case map (issue 14). Three ways, any of them enough: pick on the map, use the phone's
 * position, or type an address. Sent as the claim's `site`.
 */
export function StepSite({ draft, err, change }: StepProps) {
  const [mapOpen, setMapOpen] = useState(false)
  const [locating, setLocating] = useState(false)
  const [problem, setProblem] = useState<string | undefined>()
  const point = draft.siteLat !== null && draft.siteLng !== null ? { lat: draft.siteLat, lng: draft.siteLng } : undefined
  const centre = (draft.town !== '' ? TOWN_CENTRES[draft.town] : undefined) ?? DISTRICT_CENTRE

  function pick(next: SitePoint, address?: string) {
    setProblem(undefined)
    change(
      (d) => ({ ...d, siteLat: next.lat, siteLng: next.lng, siteAddress: d.siteAddress.trim() === '' && address ? address : d.siteAddress }),
      ['site-map', 'site-address'],
    )
  }

  async function useHere() {
    setLocating(true)
    setProblem(undefined)
    const found = await locateWorker()
    setLocating(false)
    if (found.ok) pick({ lat: found.lat, lng: found.lng })
    else setProblem(found.reason === 'denied' ? '没有得到位置权限。可以在地图上选，或者直接写地址' : '现在找不到您的位置。可以在地图上选，或者直接写地址')
  }

  return (
    <View id='site' className='site-section'>
      <Heading level={2} className='section-title'>
        工作地点（选填）
      </Heading>
      <View className='field-hint'>告诉我们在哪里干的活，监察员能更快找到工地。可以在地图上选，可以用现在的位置，也可以只写地址。</View>
      <View id='site-status' className='site-status' aria-live='polite'>
        {point ? '已在地图上标出位置' : '还没有标出位置'}
      </View>
      {problem ? (
        <View className='notice notice--error' id='site-problem' role='alert'>
          {problem}
        </View>
      ) : null}
      {err('site-map') ? (
        <View className='field-error' id='site-map-error' role='alert'>
          {err('site-map')}
        </View>
      ) : null}
      {process.env.TARO_ENV === 'h5' && !mapOpen ? (
        <ActionButton id='site-pick-map' className='hx-button hx-button--secondary site-button' onClick={() => setMapOpen(true)}>
          {point ? '在地图上重新选' : '在地图上选'}
        </ActionButton>
      ) : null}
      {process.env.TARO_ENV !== 'h5' || mapOpen ? <SitePicker value={point} centre={centre} onPick={pick} onProblem={setProblem} /> : null}
      <ActionButton id='site-here' className='hx-button hx-button--secondary site-button' busy={locating} onClick={() => void useHere()}>
        {locating ? '正在找您的位置…' : '用我现在的位置（在工地时）'}
      </ActionButton>
      {point ? (
        <ActionButton
          id='site-clear'
          className='hx-button hx-button--secondary site-button'
          onClick={() => change((d) => ({ ...d, siteLat: null, siteLng: null }), ['site-map'])}
        >
          不标位置了
        </ActionButton>
      ) : null}
      <TextField
        id='site-address'
        label='工地或干活地方的地址'
        optional
        hint='例如：横林镇崔桥路 18 号某某花园工地'
        error={err('site-address')}
        value={draft.siteAddress}
        maxLength={200}
        placeholder='写下地址'
        onInput={(siteAddress) => change((d) => ({ ...d, siteAddress }), ['site-address'])}
      />
    </View>
  )
}
