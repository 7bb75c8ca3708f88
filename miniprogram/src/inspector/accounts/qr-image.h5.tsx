/** H5: the QR code as a native <img> with its text alternative (Taro's Image leaves the img unnamed). */
export function QrImage({ id, src, alt }: { id: string; src: string; alt: string }) {
  return <img id={id} className='totp-qr' src={src} alt={alt} width={220} height={220} />
}
