import type { WizardHistory } from './wizard-history.types'

/** WeChat: the wizard's tab page cannot hold back the back gesture (see wizard-history.types.ts). */
export const wizardHistory: WizardHistory = {
  shown() {},
  listen() {
    return () => {}
  },
  back() {
    return false
  },
}
