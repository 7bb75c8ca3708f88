import type { TokenPair } from '@huxin/shared'
import type { TestApp } from './app'

let nextOpenid = 0

/**
 * Signs a worker in through the WeChat simulator and returns tokens. `sim:<openid>` codes are
 * single-use like WeChat's; `sim:<openid>:<nonce>` signs the same openid in again.
 */
export async function signInWorker(t: TestApp, openid = `o-test-${process.pid}-${++nextOpenid}-${Date.now()}`) {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/wechat', payload: { code: `sim:${openid}` } })
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`)
  const tokens = response.json<TokenPair>()
  return { ...tokens, openid: openid.split(':')[0]!, headers: { authorization: `Bearer ${tokens.accessToken}` } }
}

export type SignedIn = Awaited<ReturnType<typeof signInWorker>>
