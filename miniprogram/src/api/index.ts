/**
 * The app's API client: the one client of client.ts on Taro's HTTP, with the tokens in the phone's
 * storage. When a refresh is refused the worker is sent to the sign-in page, which brings them
 * back; the claim draft is kept in its own storage key, untouched.
 */
import { goToLogin } from '../lib/navigation'
import { readStorage, removeStorage, writeStorage } from '../lib/storage'
import { createApiClient, type ApiClient } from './client'
import { readStoredSession, type SessionStore, type StoredSession } from './session'
import { taroTransport } from './taro-transport'

export { ApiError, isApiError, NETWORK_ERROR_CODE } from './client'

/** localStorage key in H5 (Taro wraps the value as `{"data": …}`). */
export const SESSION_STORAGE_KEY = 'huxin:session:v1'

/**
 * Tokens in Taro storage under `key`: read once, then kept in memory and written through (every
 * API call asks for the token). The inspector subpackage keeps its staff session under its own key.
 */
export function taroSessionStore(key: string): SessionStore {
  let cache: StoredSession | undefined
  let loaded = false
  return {
    load() {
      if (!loaded) {
        cache = readStoredSession(readStorage(key))
        loaded = true
      }
      return cache
    },
    save(session) {
      cache = session
      loaded = true
      writeStorage(key, session)
    },
    clear() {
      cache = undefined
      loaded = true
      removeStorage(key)
    },
  }
}

/** Base URL fixed at build time (config/index.ts, HUXIN_API_BASE). */
export const api: ApiClient = createApiClient({
  baseUrl: HUXIN_API_BASE,
  transport: taroTransport,
  sessionStore: taroSessionStore(SESSION_STORAGE_KEY),
})

api.session.onEnded((reason) => {
  if (reason === 'expired') goToLogin()
})
