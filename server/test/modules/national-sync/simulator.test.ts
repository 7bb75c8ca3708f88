import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createNationalHttpAdapter, NationalPlatformError, type NationalPort, type OutboundMessage } from '../../../src/modules/national-sync/adapter'
import { DEV_SIMULATOR_CREDENTIALS } from '../../../src/config'
import { startSimulatorServer, type SimulatorServer } from '../../../src/simulators'

const credentials = { appId: DEV_SIMULATOR_CREDENTIALS.nationalAppId, appSecret: DEV_SIMULATOR_CREDENTIALS.nationalAppSecret }

const register = (localClaimId = randomUUID()): OutboundMessage => ({
  kind: 'register',
  messageId: randomUUID(),
  seq: 1,
  localClaimId,
  payload: { localClaimId, reference: 'JK-20261129-0001' },
})

async function refusal(promise: Promise<unknown>): Promise<NationalPlatformError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof NationalPlatformError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('the national-platform simulator through the adapter', () => {
  let server: SimulatorServer
  let adapter: NationalPort
  const control = async (path: string, body: unknown) =>
    fetch(`${server.nationalBaseUrl}/__control${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

  beforeAll(async () => {
    server = await startSimulatorServer({
      wechat: { appId: DEV_SIMULATOR_CREDENTIALS.wechatAppId, appSecret: DEV_SIMULATOR_CREDENTIALS.wechatAppSecret },
      sms: { apiKey: DEV_SIMULATOR_CREDENTIALS.smsApiKey },
      national: credentials,
    })
    adapter = createNationalHttpAdapter({ baseUrl: server.nationalBaseUrl, ...credentials, timeoutMs: 500 })
  })
  afterAll(async () => {
    await server?.close()
  })
  beforeEach(async () => {
    await control('/faults', {})
  })

  it('answers a repeated messageId with the original answer and records it once', async () => {
    const message = register()
    const first = await adapter.send(message)
    const again = await adapter.send(message)
    expect(again).toEqual(first)
    // Registering the same claim under a new messageId is still the same clue.
    const other = await adapter.send({ ...message, messageId: randomUUID() })
    expect(other.clueId).toBe(first.clueId)
    const log = (await (await fetch(`${server.nationalBaseUrl}/__control/messages?localClaimId=${message.localClaimId}`)).json()) as {
      items: { messageId: string; deliveries: number }[]
    }
    expect(log.items.map((item) => [item.messageId, item.deliveries])).toEqual([
      [message.messageId, 2],
      [expect.any(String), 1],
    ])
  })

  it('refuses a message about an unknown clue for good, and a busy platform for now', async () => {
    const unknown = await refusal(adapter.send({ ...register(), kind: 'progress', clueId: 'GJ-NONE', payload: { status: 'ACCEPTED' } }))
    expect(unknown).toMatchObject({ code: 'CLUE_NOT_FOUND', retryable: false, httpStatus: 404 })
    await control('/faults', { errorRate: 1 })
    expect(await refusal(adapter.send(register()))).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true, httpStatus: 503 })
  })

  it('times out on a hanging platform and fails to connect during an outage', async () => {
    await control('/faults', { hang: true })
    expect(await refusal(adapter.send(register()))).toMatchObject({ code: 'TIMEOUT', retryable: true })
    await control('/faults', {})
    await control('/outage', { on: true })
    expect(await refusal(adapter.send(register()))).toMatchObject({ code: 'NETWORK_ERROR', retryable: true })
  })

  it('does the work and loses the answer under duplicateRate, so the retry is a duplicate the platform absorbs', async () => {
    await control('/faults', { duplicateRate: 1 })
    const message = register()
    expect(await refusal(adapter.send(message))).toMatchObject({ httpStatus: 503 })
    const answer = await adapter.send(message)
    expect(answer.clueId).toMatch(/^HX/)
  })

  it('a caller with the wrong secret is refused, and cannot read the refusal as the platform’s either', async () => {
    const impostor = createNationalHttpAdapter({ baseUrl: server.nationalBaseUrl, appId: credentials.appId, appSecret: 'not-the-bureau-secret-000', timeoutMs: 500 })
    expect(await refusal(impostor.send(register()))).toMatchObject({ code: 'BAD_RESPONSE_SIGNATURE', retryable: true, httpStatus: 401 })
  })

  it('answers a batch item by item, in order', async () => {
    const ok = register()
    const results = await adapter.sendBatch([ok, { ...register(), kind: 'result', clueId: 'GJ-NONE', payload: { outcome: 'PAID_IN_FULL' } }])
    expect(results[0]).toMatchObject({ ok: true, data: { clueId: expect.stringMatching(/^HX/) } })
    expect(results[1]).toMatchObject({ ok: false, error: { code: 'CLUE_NOT_FOUND', retryable: false } })
  })
})
