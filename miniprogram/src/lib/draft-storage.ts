/**
 * Keeps the claim draft and the last filed claim in the phone's storage (wx.setStorageSync;
 * localStorage in H5), so they survive closing the app, a crash or a failed submission.
 *
 * Keys: `huxin:claim-draft:v2` (the wizard's draft, step included), `huxin:claim-draft:v1` (the
 * single-page form's draft: read once, moved to v2, removed), `huxin:last-claim:v1` (reference and
 * id of the last claim filed, shown again until the worker starts another).
 */
import { pickStoredDraft, type ClaimDraft } from '../pages/claims/new/form'
import { readLastSuccess, type LastSuccess } from '../pages/claims/new/submit'
import { readStorage, removeStorage, writeStorage } from './storage'

export const DRAFT_KEY = 'huxin:claim-draft:v2'
export const LEGACY_DRAFT_KEY = 'huxin:claim-draft:v1'
export const LAST_SUCCESS_KEY = 'huxin:last-claim:v1'

/** The stored draft (migrated from the old form's when that is all there is), or a new one. */
export function loadDraft(): ClaimDraft {
  const { draft, migrated } = pickStoredDraft(readStorage(DRAFT_KEY), readStorage(LEGACY_DRAFT_KEY))
  if (migrated && writeStorage(DRAFT_KEY, draft)) removeStorage(LEGACY_DRAFT_KEY)
  return draft
}

export function saveDraft(draft: ClaimDraft): void {
  // Storage full or unavailable (private browsing): the form still works, only without a draft.
  writeStorage(DRAFT_KEY, draft)
}

export function clearDraft(): void {
  removeStorage(DRAFT_KEY)
  removeStorage(LEGACY_DRAFT_KEY)
}

export function loadLastSuccess(): LastSuccess | undefined {
  return readLastSuccess(readStorage(LAST_SUCCESS_KEY))
}

export function saveLastSuccess(success: LastSuccess): void {
  writeStorage(LAST_SUCCESS_KEY, success)
}

export function clearLastSuccess(): void {
  removeStorage(LAST_SUCCESS_KEY)
}
