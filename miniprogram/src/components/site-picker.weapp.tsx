import Taro from '@tarojs/taro'
import { gcj02ToWgs84, wgs84ToGcj02 } from '@huxin/shared/domain/coordinates'
import { ActionButton } from './action-button'
import type { SitePickerProps } from './site-picker.types'

/**
 * WeChat's place chooser (WECHAT.md: `chooseLocation`, declared in app.config.ts
 * `requiredPrivateInfos`, behind the privacy authorization). It works in GCJ-02; the API takes WGS-84.
 */
export function SitePicker({ value, centre, onPick, onProblem }: SitePickerProps) {
  async function choose() {
    const start = wgs84ToGcj02(value ?? centre)
    try {
      const chosen = await Taro.chooseLocation({ latitude: start.lat, longitude: start.lng })
      const point = gcj02ToWgs84({ lat: chosen.latitude, lng: chosen.longitude })
      const address = [chosen.address, chosen.name].filter((part) => part && part.trim() !== '').join(' ')
      onPick(point, address === '' ? undefined : address)
    } catch (error) {
      const message = typeof error === 'object' && error !== null && 'errMsg' in error ? String((error as { errMsg: unknown }).errMsg) : ''
      if (/cancel/i.test(message)) return
      onProblem(/auth|privacy|permission/i.test(message) ? '没有得到位置权限，可以直接写地址' : '地图没有打开，可以直接写地址')
    }
  }
  return (
    <ActionButton id='site-pick-map' className='hx-button hx-button--secondary site-button' onClick={() => void choose()}>
      {value ? '在地图上重新选' : '在地图上选'}
    </ActionButton>
  )
}
