/**
 * `npm start` as a user runs it (embedded PGlite, development affordances): the sync engine runs
 * inside the server, and the national-platform simulator it serves under /__sim/national pushes
 * clues to the server's webhook and answers its adapter — all over real HTTP.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Claim, TokenPair } from '@huxin/shared'
import { DEV_SIMULATOR_CREDENTIALS } from '../../server/src/config'
import { signMessage } from '../../server/src/modules/national-sync/index'
import { validClaimBody } from '../../server/test/helpers/claims'
import { startServer, type ServerProcess } from '../helpers/server-process'
import { waitUntil, type SimMessage } from './helpers'

describe('the national sync inside npm start', () => {
  let server: ServerProcess
  let control: string

  const sim = async <T,>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${control}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    })
    return (response.status === 204 ? undefined : await response.json()) as T
  }
  const signed = (path: string, body: string) =>
    signMessage({
      appId: DEV_SIMULATOR_CREDENTIALS.nationalAppId,
      secret: DEV_SIMULATOR_CREDENTIALS.nationalAppSecret,
      method: 'POST',
      path,
      body,
    })
  const post = (url: string, headers: Record<string, string>, body: string) =>
    fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body })

  beforeAll(async () => {
    server = await startServer({ env: { NATIONAL_PULL_INTERVAL_MS: '500', NATIONAL_BACKOFF_BASE_MS: '50', NATIONAL_BACKOFF_CAP_MS: '500' } })
    control = `${server.url}/__sim/national/__control`
  })
  afterAll(async () => {
    if (server) expect(await server.stop()).toBe(0)
  })

  it('a clue pushed twice, out of order, and pulled again makes one claim each, acknowledged once', { timeout: 60_000 }, async () => {
    await sim('/faults', { duplicateRate: 1, outOfOrder: true })
    const { clues } = await sim<{ clues: { clueId: string }[] }>('/dispatch', { count: 3 })
    await waitUntil(
      'the clues to be acknowledged',
      async () => {
        const platform = await sim<{ items: { clueId: string; acked: boolean }[] }>('/clues')
        return clues.every((clue) => platform.items.find((item) => item.clueId === clue.clueId)?.acked)
      },
      30_000,
    )
    await sim('/faults', {})
    const { items } = await sim<{ items: SimMessage[] }>('/messages')
    const acks = items.filter((m) => m.kind === 'ack')
    // One ack per clue: a second delivery found the clue known and made neither a claim nor an ack.
    for (const clue of clues) expect(acks.filter((m) => m.clueId === clue.clueId)).toHaveLength(1)
    expect(new Set(acks.map((m) => m.localClaimId)).size).toBe(3)
    // Every clue was pushed twice, and the server took each push.
    type Pushes = { stats: { push: { attempted: number; delivered: number; failed: number } } }
    await waitUntil('six pushes to settle', async () => {
      const { push } = (await sim<Pushes>('/messages')).stats
      return push.delivered + push.failed === 6
    }, 20_000)
    expect((await sim<Pushes>('/messages')).stats.push).toEqual({ attempted: 6, delivered: 6, failed: 0 })
  })

  it('a claim filed in the mini-program is registered with the platform by the server itself', { timeout: 60_000 }, async () => {
    const signIn = await fetch(`${server.url}/api/v1/auth/wechat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: `sim:o-national-${randomUUID()}` }),
    })
    const { accessToken } = (await signIn.json()) as TokenPair
    const filed = await fetch(`${server.url}/api/v1/claims`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}`, 'idempotency-key': randomUUID() },
      body: JSON.stringify(validClaimBody()),
    })
    expect(filed.status).toBe(201)
    const claim = (await filed.json()) as Claim
    await waitUntil(
      'the registration to reach the platform',
      async () => (await sim<{ items: SimMessage[] }>(`/messages?localClaimId=${claim.id}`)).items.some((m) => m.kind === 'register'),
      30_000,
    )
  })

  it('refuses a tampered signature or a replayed nonce on both sides', async () => {
    // Our webhook, as the platform would call it.
    const webhook = `${server.url}/api/v1/national/webhook`
    const body = JSON.stringify({ messageId: randomUUID(), clues: [] })
    const headers = signed('/api/v1/national/webhook', body)
    const tampered = await post(webhook, headers, body.replace('[]', '[{}]'))
    expect(tampered.status).toBe(401)
    expect(await tampered.json()).toMatchObject({ code: 'SIGNATURE_INVALID' })
    expect((await post(webhook, headers, body)).status).toBe(200)
    const replayed = await post(webhook, headers, body)
    expect(replayed.status).toBe(401)
    expect(await replayed.json()).toMatchObject({ code: 'NONCE_REUSED' })

    // The platform (simulator), as our adapter calls it.
    const register = `${server.url}/__sim/national/v1/clues`
    const message = JSON.stringify({ messageId: randomUUID(), seq: 1, localClaimId: randomUUID(), payload: { localClaimId: randomUUID(), reference: 'JK-X' } })
    const platformHeaders = signed('/__sim/national/v1/clues', message)
    const forged = await post(register, { ...platformHeaders, 'x-signature': 'f'.repeat(64) }, message)
    expect(forged.status).toBe(401)
    expect(await forged.json()).toMatchObject({ code: 'SIGNATURE_INVALID' })
    expect((await post(register, platformHeaders, message)).status).toBe(200)
    const again = await post(register, platformHeaders, message)
    expect(again.status).toBe(401)
    expect(await again.json()).toMatchObject({ code: 'NONCE_REUSED' })
  })
})
