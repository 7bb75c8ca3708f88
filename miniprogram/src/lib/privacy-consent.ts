/**
 * The worker's consent to the privacy policy before the first sign-in, kept on the phone with the
 * policy version it was given for: a new version asks again.
 */
import { PRIVACY_POLICY_VERSION } from '@huxin/shared/domain/claim-rules'
import { readStorage, writeStorage } from './storage'

const KEY = 'huxin:privacy-consent:v1'

export function hasPrivacyConsent(): boolean {
  const value = readStorage(KEY)
  return typeof value === 'object' && value !== null && (value as { version?: unknown }).version === PRIVACY_POLICY_VERSION
}

export function recordPrivacyConsent(agreed: boolean): void {
  writeStorage(KEY, agreed ? { version: PRIVACY_POLICY_VERSION, at: new Date().toISOString() } : { version: null })
}
