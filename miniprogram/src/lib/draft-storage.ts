/**
 * Keeps the claim draft in the phone's storage (wx.setStorageSync; localStorage in H5), so it
 * survives closing the app, a crash or a failed submission.
 */
import Taro from '@tarojs/taro'
import { restoreDraft, type ClaimDraft } from '../pages/claims/new/form'

const DRAFT_KEY = 'huxin:claim-draft:v1'

export function loadDraft(): ClaimDraft {
  try {
    return restoreDraft(Taro.getStorageSync(DRAFT_KEY))
  } catch {
    return restoreDraft(undefined)
  }
}

export function saveDraft(draft: ClaimDraft): void {
  try {
    Taro.setStorageSync(DRAFT_KEY, draft)
  } catch {
    // Storage full or unavailable (private browsing): the form still works, only without a draft.
  }
}

export function clearDraft(): void {
  try {
    Taro.removeStorageSync(DRAFT_KEY)
  } catch {
    // see saveDraft
  }
}
