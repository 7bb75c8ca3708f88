/** H5: browsers have no privacy authorization of WeChat's kind; the gate does nothing. */
import type { PrivacyGate } from './privacy.types'

export const privacyGate: PrivacyGate = {
  install() {},
  subscribe() {
    return () => {}
  },
  answer() {},
}
