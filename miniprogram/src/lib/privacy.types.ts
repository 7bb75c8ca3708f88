/**
 * WeChat's privacy authorization (WECHAT.md, app.json): private APIs (here: choosing photos) work
 * only after the user agreed to the mini-program's privacy guide, which must be asked with a
 * `<Button openType="agreePrivacyAuthorization">`. privacy.weapp.ts listens for WeChat's request and
 * lets the page show its sheet (components/privacy-sheet.weapp.tsx); H5 has no such thing.
 */
export interface PrivacyGate {
  /** Registers the one global listener (app start). Safe to call where the API is missing. */
  install(): void
  /** The page's sheet subscribes: called with true when WeChat asks, false once answered. */
  subscribe(listener: (asking: boolean) => void): () => void
  /** The worker's answer; `buttonId` is the id of the agree button that was tapped. */
  answer(agreed: boolean, buttonId?: string): void
}

/** Id of the agree button in the sheet: WeChat checks that this very button was tapped. */
export const PRIVACY_AGREE_BUTTON_ID = 'privacy-sheet-agree'
