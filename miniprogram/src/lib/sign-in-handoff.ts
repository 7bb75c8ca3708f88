/**
 * What the claim wizard and the sign-in page hand each other, kept on the phone (the sign-in page
 * may replace the wizard, and in H5 the page may reload in between):
 * - the phone number proven by SMS at sign-in (`huxin:verified-phone:v1`): the wizard fills it in
 *   as the contact number, so the bureau always has a number that works; forgotten at sign-out;
 * - "send this draft once signed in" (`huxin:submit-after-sign-in:v1`, the draft's idempotency
 *   key): the wizard sends the claim by itself when the worker comes back, once, with that key.
 */
import { readStorage, removeStorage, writeStorage } from './storage'

const PHONE_KEY = 'huxin:verified-phone:v1'
const PENDING_KEY = 'huxin:submit-after-sign-in:v1'

export function rememberVerifiedPhone(phone: string): void {
  writeStorage(PHONE_KEY, phone)
}

export function verifiedPhone(): string | undefined {
  const value = readStorage(PHONE_KEY)
  return typeof value === 'string' && /^1\d{10}$/.test(value) ? value : undefined
}

export function forgetVerifiedPhone(): void {
  removeStorage(PHONE_KEY)
}

/** The wizard sends the worker to sign in before sending the draft with this key. */
export function submitAfterSignIn(idempotencyKey: string): void {
  writeStorage(PENDING_KEY, idempotencyKey)
}

/**
 * True once (the mark is removed) when the draft with this key was waiting for a sign-in; a mark
 * for another draft is removed too.
 */
export function takeSubmitAfterSignIn(idempotencyKey: string): boolean {
  const value = readStorage(PENDING_KEY)
  if (value === undefined || value === null) return false
  removeStorage(PENDING_KEY)
  return value === idempotencyKey
}
