import { Image } from '@tarojs/components'

/** WeChat: Taro's Image (a data: URL works there too). */
export function QrImage({ id, src, alt }: { id: string; src: string; alt: string }) {
  return <Image id={id} className='totp-qr' src={src} mode='aspectFit' aria-label={alt} />
}
