import { Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { dialable, type HelpPointCallProps, type HelpPointNavigateProps } from './help-point-actions.types'

/** https://developers.weixin.qq.com/miniprogram/dev/api/device/phone/wx.makePhoneCall.html */
export function HelpPointCall({ phone, label, className, id }: HelpPointCallProps) {
  return (
    <Button
      id={id}
      className={`hx-button hx-button--primary ${className ?? ''}`}
      onClick={() => void Taro.makePhoneCall({ phoneNumber: dialable(phone) }).catch(() => {})}
    >
      {label}
    </Button>
  )
}

/** https://developers.weixin.qq.com/miniprogram/dev/api/location/wx.openLocation.html (GCJ-02) */
export function HelpPointNavigate({ name, address, gcj02, className, id }: HelpPointNavigateProps) {
  return (
    <Button
      id={id}
      className={`hx-button hx-button--secondary ${className ?? ''}`}
      onClick={() =>
        void Taro.openLocation({ latitude: gcj02.lat, longitude: gcj02.lng, name, address: address ?? '', scale: 16 }).catch(() => {})
      }
    >
      导航去这里
    </Button>
  )
}
