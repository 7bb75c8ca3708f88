/** WeChat: polling while the page is shown (see help-live.types.ts). */
import { pollHelpPointChanges } from './help-live-poll'
import type { SubscribeHelpPointChanges } from './help-live.types'

export const subscribeHelpPointChanges: SubscribeHelpPointChanges = (handlers) => pollHelpPointChanges(handlers)
