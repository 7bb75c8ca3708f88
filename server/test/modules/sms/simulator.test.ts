import { describe, expect, it } from 'vitest'
import type { SimulatedSms } from '../../../src/modules/sms/simulator'
import { SMS_API_KEY, useTestSimulators } from '../../helpers/simulator-server'

const sim = useTestSimulators('sms')

const valid = {
  phoneNumbers: '13812341234',
  signName: '护薪',
  templateCode: 'SMS_465312019',
  templateParam: '{"code":"654321"}',
  outId: 'a4c1e0f2-0000-4000-8000-000000000001',
}

async function send(body: unknown, apiKey = SMS_API_KEY) {
  const response = await fetch(`${sim.smsBaseUrl}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

const inbox = async (query = '') => (await sim.get<{ items: SimulatedSms[] }>(`${sim.smsBaseUrl}/messages${query}`)).items

describe('SMS simulator', () => {
  it('answers OK with a bizId and a requestId', async () => {
    const { status, body } = await send(valid)
    expect(status).toBe(200)
    expect(body).toEqual({ code: 'OK', message: 'OK', bizId: expect.stringMatching(/^\d+\^0$/), requestId: expect.any(String) })
  })

  it('GET /__sim/sms/messages?phone= returns exactly phone, code, text, sentAt and messageId', async () => {
    const { body } = await send(valid)
    const [message] = await inbox('?phone=13812341234')
    expect(Object.keys(message ?? {}).sort()).toEqual(['code', 'messageId', 'phone', 'sentAt', 'text'])
    expect(message).toMatchObject({ phone: '13812341234', code: '654321', messageId: body.bizId })
    // The same number written with the country code finds the same messages.
    expect(await inbox('?phone=%2B8613812341234')).toHaveLength(1)
    expect(await inbox('?phone=13900000000')).toEqual([])
  })

  it('sends to each number of a comma-separated list', async () => {
    await send({ ...valid, phoneNumbers: '13800000001,+8613800000002' })
    expect((await inbox()).map((message) => message.phone).sort()).toEqual(['13800000001', '13800000002'])
  })

  it('checks the bearer key', async () => {
    expect(await send(valid, 'wrong')).toMatchObject({ status: 401, body: { code: 'InvalidApiKey' } })
    const response = await fetch(`${sim.smsBaseUrl}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(valid),
    })
    expect(response.status).toBe(401)
    expect(await inbox()).toEqual([])
  })

  it.each([
    [{ phoneNumbers: '' }, 400, 'isv.INVALID_PARAMETERS'],
    [{ phoneNumbers: '12345678901' }, 200, 'isv.MOBILE_NUMBER_ILLEGAL'],
    [{ signName: '' }, 200, 'isv.SMS_SIGNATURE_ILLEGAL'],
    [{ templateCode: 'verify' }, 200, 'isv.SMS_TEMPLATE_ILLEGAL'],
    [{ templateParam: 'code=1' }, 200, 'isv.INVALID_JSON_PARAM'],
    [{ templateParam: '{"name":"x"}' }, 200, 'isv.TEMPLATE_MISSING_PARAMETERS'],
  ])('%o → HTTP %i %s, nothing sent', async (overrides, status, code) => {
    expect(await send({ ...valid, ...overrides })).toMatchObject({ status, body: { code } })
    expect(await inbox()).toEqual([])
  })

  it('rate-limits per number: one a minute, ten an hour; refusals do not count', async () => {
    expect((await send(valid)).body.code).toBe('OK')
    expect((await send(valid)).body).toMatchObject({ code: 'isv.BUSINESS_LIMIT_CONTROL', message: expect.stringContaining('分钟') })
    expect((await send(valid)).body.code).toBe('isv.BUSINESS_LIMIT_CONTROL')
    sim.clock.advance(60_000)
    expect((await send(valid)).body.code).toBe('OK')
    for (let n = 2; n < 10; n++) {
      sim.clock.advance(60_000)
      expect((await send(valid)).body.code).toBe('OK')
    }
    sim.clock.advance(60_000)
    expect((await send(valid)).body).toMatchObject({ code: 'isv.BUSINESS_LIMIT_CONTROL', message: expect.stringContaining('小时') })
    expect(await inbox()).toHaveLength(10)
  })

  it('reset forgets messages and limits', async () => {
    await send(valid)
    await sim.control('sms', '/reset')
    expect(await inbox()).toEqual([])
    expect((await send(valid)).body.code).toBe('OK')
  })

  it('faults apply to the gateway, not to reading messages back', async () => {
    await send(valid)
    await sim.control('sms', '/faults', { errorRate: 1 })
    expect(await send({ ...valid, phoneNumbers: '13900000000' })).toMatchObject({ status: 503, body: { code: 'ServiceUnavailable' } })
    expect(await inbox()).toHaveLength(1)
  })
})
