/**
 * The signed-in session: the token pair kept on the phone and the one refresh in flight.
 *
 * Refresh tokens rotate and are single-use: the server revokes the whole family when a spent one
 * comes back (API.md, Auth). Two requests that both see a 401 and both refresh would do exactly
 * that, so every caller shares one refresh promise, and a caller whose token was already replaced
 * by someone else's refresh just takes the new one. Pure (storage and the refresh call are
 * injected), so it is unit-tested under Node (test/session.test.ts).
 */
import type { Role, TokenPair } from '@huxin/shared/schemas/auth'
import { ApiError } from './errors'

export interface StoredSession {
  accessToken: string
  refreshToken: string
  /** Epoch ms after which the access token should no longer be used. */
  accessExpiresAt: number
  user: { id: string; role: Role }
}

/** Where the session lives (Taro storage in the app, memory in tests). */
export interface SessionStore {
  load(): StoredSession | undefined
  save(session: StoredSession): void
  clear(): void
}

/** Calls `POST /api/v1/auth/refresh`; rejects with an ApiError. */
export type RefreshCall = (refreshToken: string) => Promise<TokenPair>

/** Why a session ended: the refresh was refused, or the user signed out. */
export type SessionEndReason = 'expired' | 'signed-out'

export interface Session {
  /** The current access token, if any (it may have expired: the server will say 401). */
  accessToken(): string | undefined
  current(): StoredSession | undefined
  isSignedIn(): boolean
  /** Keeps a pair the server just issued (sign-in). */
  signIn(pair: TokenPair): StoredSession
  /** Forgets the tokens on this phone. */
  end(reason: SessionEndReason): void
  /**
   * An access token that is not known to be expired: refreshes first when it is (or is about to
   * be). Undefined when signed out or when the refresh was refused (the session has then ended).
   * Rejects with the error of a refresh that got no usable answer (network, 5xx): the session is
   * kept then, since the refresh token may still be good.
   */
  validAccessToken(): Promise<string | undefined>
  /**
   * After a request made with `failedToken` answered 401: a newer token (someone else's refresh),
   * or the token of a refresh started now or already in flight. Undefined when there is no
   * session left. Rejects like `validAccessToken`.
   */
  refreshAfter(failedToken: string | undefined): Promise<string | undefined>
  /** Called when the session ends (refresh refused, or signed out). Returns an unsubscribe. */
  onEnded(listener: (reason: SessionEndReason) => void): () => void
}

export interface SessionOptions {
  store: SessionStore
  refresh: RefreshCall
  now?: () => number
  /** Refresh this long before expiry, so a slow request does not arrive with a dead token. */
  marginMs?: number
}

/** What a refresh answer of this status means: the refresh token is dead, sign in again. */
function refreshWasRefused(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 400 || error.status === 401 || error.status === 403)
}

export function storedSessionFrom(pair: TokenPair, now: number): StoredSession {
  return {
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
    accessExpiresAt: now + pair.expiresIn * 1000,
    user: { id: pair.user.id, role: pair.user.role },
  }
}

/** Checks what storage returned; anything damaged counts as signed out. */
export function readStoredSession(value: unknown): StoredSession | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const v = value as Record<string, unknown>
  const user = v.user as Record<string, unknown> | undefined
  if (
    typeof v.accessToken !== 'string' ||
    v.accessToken === '' ||
    typeof v.refreshToken !== 'string' ||
    v.refreshToken === '' ||
    typeof v.accessExpiresAt !== 'number' ||
    typeof user !== 'object' ||
    user === null ||
    typeof user.id !== 'string' ||
    typeof user.role !== 'string'
  ) {
    return undefined
  }
  return {
    accessToken: v.accessToken,
    refreshToken: v.refreshToken,
    accessExpiresAt: v.accessExpiresAt,
    user: { id: user.id, role: user.role as Role },
  }
}

export function createSession(options: SessionOptions): Session {
  const { store, refresh } = options
  const now = options.now ?? Date.now
  const marginMs = options.marginMs ?? 30_000
  const listeners = new Set<(reason: SessionEndReason) => void>()
  let inFlight: Promise<string | undefined> | undefined

  function end(reason: SessionEndReason) {
    const had = store.load() !== undefined
    store.clear()
    if (had || reason === 'expired') listeners.forEach((listener) => listener(reason))
  }

  /** The single refresh: every caller that needs one while it runs gets this same promise. */
  function runRefresh(): Promise<string | undefined> {
    if (inFlight) return inFlight
    const session = store.load()
    if (!session) return Promise.resolve(undefined)
    const spent = session.refreshToken
    inFlight = refresh(spent)
      .then((pair) => {
        // Signed out (or in as someone else) while the refresh travelled: keep what is there now.
        const latest = store.load()
        if (!latest || latest.refreshToken !== spent) return latest?.accessToken
        const next = storedSessionFrom(pair, now())
        store.save(next)
        return next.accessToken
      })
      .catch((error: unknown) => {
        if (refreshWasRefused(error)) {
          const latest = store.load()
          if (latest && latest.refreshToken !== spent) return latest.accessToken
          end('expired')
          return undefined
        }
        throw error
      })
      .finally(() => {
        inFlight = undefined
      })
    return inFlight
  }

  return {
    accessToken: () => store.load()?.accessToken,
    current: () => store.load(),
    isSignedIn: () => store.load() !== undefined,
    signIn(pair) {
      const next = storedSessionFrom(pair, now())
      store.save(next)
      return next
    },
    end,
    async validAccessToken() {
      if (inFlight) return inFlight
      const session = store.load()
      if (!session) return undefined
      if (session.accessExpiresAt - marginMs > now()) return session.accessToken
      return runRefresh()
    },
    async refreshAfter(failedToken) {
      if (inFlight) return inFlight
      const session = store.load()
      if (!session) return undefined
      // Made without a token, or with one that another caller has replaced meanwhile.
      if (session.accessToken !== failedToken) return session.accessToken
      return runRefresh()
    },
    onEnded(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/** A session store in memory (tests; or when storage is unavailable). */
export function memorySessionStore(initial?: StoredSession): SessionStore {
  let value = initial
  return {
    load: () => value,
    save: (session) => {
      value = session
    },
    clear: () => {
      value = undefined
    },
  }
}
