/**
 * A new TOTP enrolment, shown once (issue 14): the otpauth:// URI as a QR code to scan with an
 * authenticator app, and the secret as text for keyboard and screen-reader users (typed in by
 * hand). Closing it forgets it; the server never shows it again.
 *
 * BROWSER-TEST SELECTORS: #totp-dialog, #totp-qr (img, data: URL), #totp-secret, #totp-uri, #totp-done
 */
import { View } from '@tarojs/components'
import qrcode from 'qrcode-generator'
import { ActionButton } from '../../components/action-button'
import { Heading } from '../../components/heading'
import { useFocusOnOpen } from './focus-on-open'
import { QrImage } from './qr-image'

/** The QR code of `text` as a GIF data URL (drawn locally: the secret never leaves the page). */
export function qrDataUrl(text: string): string {
  const qr = qrcode(0, 'M')
  qr.addData(text, 'Byte')
  qr.make()
  return qr.createDataURL(5, 4)
}

/** The base32 secret inside an otpauth:// URI, in groups of four for reading aloud. */
export function totpSecret(uri: string): string {
  const match = /[?&]secret=([A-Z2-7]+)/i.exec(uri)
  return (match?.[1] ?? '').toUpperCase().replace(/(.{4})(?=.)/g, '$1 ')
}

export function TotpDialog({ uri, username, onClose }: { uri: string; username: string; onClose: () => void }) {
  useFocusOnOpen('totp-done')
  return (
    <View className='dialog-mask'>
      <View className='dialog totp-dialog' id='totp-dialog' role='dialog' aria-modal='true' aria-labelledby='totp-title'>
        <Heading level={2} id='totp-title' className='dialog-title'>
          {username} 的动态口令（只显示这一次）
        </Heading>
        <View className='fact'>请账号本人用身份验证器扫描二维码；关闭后无法再次查看。</View>
        <QrImage id='totp-qr' src={qrDataUrl(uri)} alt={`${username} 的动态口令二维码`} />
        <View className='fact'>无法扫码时，在身份验证器中手动输入密钥：</View>
        <View className='totp-secret' id='totp-secret'>
          {totpSecret(uri)}
        </View>
        <View className='totp-uri inspector-muted' id='totp-uri'>
          {uri}
        </View>
        <ActionButton id='totp-done' className='hx-button hx-button--primary' onClick={onClose}>
          已添加，关闭
        </ActionButton>
      </View>
    </View>
  )
}
