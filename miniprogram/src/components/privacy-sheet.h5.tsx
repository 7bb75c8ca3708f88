import type { PrivacySheetProps } from './privacy-ui.types'

/** H5: nothing to ask (see privacy-ui.types.ts). */
export function PrivacySheet(_props: PrivacySheetProps) {
  return null
}
