import { describe, expect, it, vi } from 'vitest'
import type { TokenPair } from '@huxin/shared'
import { ApiError, networkError } from '../src/api/errors'
import { createSession, memorySessionStore, readStoredSession, storedSessionFrom, type RefreshCall } from '../src/api/session'
import { makePair } from './fixtures'

const NOW = Date.UTC(2026, 10, 28, 4)

/** A refresh the test resolves by hand, to hold it "in flight". */
function deferredRefresh() {
  const calls: Array<{ token: string; resolve: (pair: TokenPair) => void; reject: (error: unknown) => void }> = []
  const refresh: RefreshCall = (token) =>
    new Promise<TokenPair>((resolve, reject) => {
      calls.push({ token, resolve, reject })
    })
  return { refresh, calls }
}

function signedInSession(refresh: RefreshCall, now = () => NOW) {
  const store = memorySessionStore()
  const session = createSession({ store, refresh, now })
  const first = session.signIn({
    accessToken: 'access-0',
    refreshToken: 'refresh-0',
    expiresIn: 900,
    user: { id: '00000000-0000-4000-8000-0000000000aa', role: 'worker' },
  })
  return { store, session, first }
}

describe('session refresh', () => {
  it('runs one refresh for any number of callers that saw a 401 at the same time', async () => {
    const { refresh, calls } = deferredRefresh()
    const { session } = signedInSession(refresh)
    const waiting = [session.refreshAfter('access-0'), session.refreshAfter('access-0'), session.refreshAfter('access-0')]
    expect(calls).toHaveLength(1)
    expect(calls[0]?.token).toBe('refresh-0')
    calls[0]?.resolve({ ...makePair(), accessToken: 'access-new', refreshToken: 'refresh-new' })
    expect(await Promise.all(waiting)).toEqual(['access-new', 'access-new', 'access-new'])
    expect(session.current()?.refreshToken).toBe('refresh-new')
  })

  it('gives a caller whose token was already replaced the new one, without refreshing again', async () => {
    const refresh = vi.fn<RefreshCall>(async () => ({ ...makePair(), accessToken: 'access-new' }))
    const { session } = signedInSession(refresh)
    expect(await session.refreshAfter('access-0')).toBe('access-new')
    // a slow request made with the old token answers 401 only now
    expect(await session.refreshAfter('access-0')).toBe('access-new')
    expect(refresh).toHaveBeenCalledTimes(1)
  })

  it('uses each refresh token once: a later refresh sends the newest', async () => {
    const refresh = vi.fn<RefreshCall>(async () => makePair())
    const { session } = signedInSession(refresh)
    const a = await session.refreshAfter('access-0')
    await session.refreshAfter(a)
    expect(refresh.mock.calls.map((call) => call[0])).toEqual(['refresh-0', expect.stringMatching(/^refresh-\d+$/)])
    expect(refresh.mock.calls[1]?.[0]).not.toBe('refresh-0')
  })

  it('ends the session when the refresh is refused, telling the listeners once', async () => {
    const refresh = vi.fn<RefreshCall>(async () => {
      throw new ApiError(401, 'REFRESH_TOKEN_INVALID', '请重新登录')
    })
    const { session, store } = signedInSession(refresh)
    const ended = vi.fn()
    session.onEnded(ended)
    const results = await Promise.all([session.refreshAfter('access-0'), session.refreshAfter('access-0')])
    expect(results).toEqual([undefined, undefined])
    expect(store.load()).toBeUndefined()
    expect(session.isSignedIn()).toBe(false)
    expect(ended).toHaveBeenCalledTimes(1)
    expect(ended).toHaveBeenCalledWith('expired')
    expect(refresh).toHaveBeenCalledTimes(1)
  })

  it('keeps the session when the refresh got no answer (offline), and rejects with that error', async () => {
    const refresh = vi.fn<RefreshCall>(async () => {
      throw networkError(new Error('offline'))
    })
    const { session } = signedInSession(refresh)
    const ended = vi.fn()
    session.onEnded(ended)
    await expect(session.refreshAfter('access-0')).rejects.toMatchObject({ code: 'NETWORK' })
    expect(session.isSignedIn()).toBe(true)
    expect(ended).not.toHaveBeenCalled()
    // and the next attempt refreshes again (nothing stays "in flight")
    refresh.mockResolvedValueOnce({ ...makePair(), accessToken: 'access-later' })
    expect(await session.refreshAfter('access-0')).toBe('access-later')
  })

  it('answers undefined without calling the server when nobody is signed in', async () => {
    const refresh = vi.fn<RefreshCall>()
    const session = createSession({ store: memorySessionStore(), refresh })
    expect(await session.refreshAfter(undefined)).toBeUndefined()
    expect(await session.validAccessToken()).toBeUndefined()
    expect(refresh).not.toHaveBeenCalled()
  })

  it('does not let a refresh that finishes after sign-out sign the worker back in', async () => {
    const { refresh, calls } = deferredRefresh()
    const { session } = signedInSession(refresh)
    const pending = session.refreshAfter('access-0')
    session.end('signed-out')
    calls[0]?.resolve(makePair())
    expect(await pending).toBeUndefined()
    expect(session.isSignedIn()).toBe(false)
  })
})

describe('valid access token', () => {
  it('is the stored one while it has time left, and refreshed first when (nearly) expired', async () => {
    let now = NOW
    const refresh = vi.fn<RefreshCall>(async () => ({ ...makePair(), accessToken: 'access-fresh' }))
    const { session } = signedInSession(refresh, () => now)
    expect(await session.validAccessToken()).toBe('access-0')
    now = NOW + 900_000 - 10_000 // within the 30 s margin
    expect(await session.validAccessToken()).toBe('access-fresh')
    expect(refresh).toHaveBeenCalledTimes(1)
  })
})

describe('stored session', () => {
  it('round-trips and rejects damaged data', () => {
    const stored = storedSessionFrom(makePair(900), NOW)
    expect(stored.accessExpiresAt).toBe(NOW + 900_000)
    expect(readStoredSession(JSON.parse(JSON.stringify(stored)))).toEqual(stored)
    expect(readStoredSession({ ...stored, refreshToken: '' })).toBeUndefined()
    expect(readStoredSession({ ...stored, user: null })).toBeUndefined()
    expect(readStoredSession('')).toBeUndefined()
    expect(readStoredSession(undefined)).toBeUndefined()
  })
})
