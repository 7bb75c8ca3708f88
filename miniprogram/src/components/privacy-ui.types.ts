/**
 * Props of the privacy controls, one implementation per platform (STYLE.md):
 * - `*.weapp.tsx`: WeChat wants the agreement given through `<Button openType="agreePrivacyAuthorization">`
 *   (WECHAT.md, app.json), which also unlocks the private APIs (choosing photos).
 * - `*.h5.tsx`: a plain tick box; browsers have no such authorization.
 */
export interface PrivacyConsentCheckProps {
  /** Element id (browser tests: page.check('#privacy-consent')). */
  id: string
  checked: boolean
  error?: string
  onChange: (checked: boolean) => void
  /** Opens the privacy-policy page. */
  onOpenPolicy: () => void
}

export interface PrivacySheetProps {
  /** Opens the privacy-policy page. */
  onOpenPolicy: () => void
  /** What the private API is for: choosing photos (default) or finding help nearby. */
  purpose?: 'photos' | 'location'
}
