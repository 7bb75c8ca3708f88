import { describe, expect, it } from 'vitest'
import { createSmsHttpAdapter, SmsGatewayError, type SmsHttpAdapterOptions } from '../../../src/modules/sms/adapter'
import type { SimulatedSms } from '../../../src/modules/sms/simulator'
import { recordingFetch, SMS_API_KEY, useTestSimulators } from '../../helpers/simulator-server'

const sim = useTestSimulators('sms')

function adapter(overrides: Partial<SmsHttpAdapterOptions> = {}) {
  return createSmsHttpAdapter({
    baseUrl: sim.smsBaseUrl,
    apiKey: SMS_API_KEY,
    signName: '护薪',
    templateCode: 'SMS_465312019',
    updateTemplateCode: 'SMS_465312020',
    timeoutMs: 2_000,
    ...overrides,
  })
}

async function failure(promise: Promise<unknown>): Promise<SmsGatewayError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(SmsGatewayError)
  return error as SmsGatewayError
}

const inbox = async (phone: string) =>
  (await sim.get<{ items: SimulatedSms[] }>(`${sim.smsBaseUrl}/messages?phone=${phone}`)).items

const MINUTE = 60_000

describe('SMS adapter', () => {
  it('sends a code that can be read back from the simulator', async () => {
    const { messageId } = await adapter().sendVerificationCode('13812341234', '482913')

    expect(messageId).not.toBe('')
    expect(await inbox('13812341234')).toEqual([
      {
        phone: '13812341234',
        code: '482913',
        text: '【护薪】您的验证码是482913。如非本人操作，请忽略本短信。',
        sentAt: new Date(sim.clock.now()).toISOString(),
        messageId,
      },
    ])
  })

  it('sends a claim update with its own template, reference and status, under our message id', async () => {
    const recorder = recordingFetch()
    const { messageId } = await adapter({ fetch: recorder.fetch }).sendClaimUpdate(
      '13912345678',
      { reference: 'JK-20261128-0042', status: '已受理' },
      'outbox-row-1',
    )
    expect(recorder.calls[0]?.body).toMatchObject({
      phoneNumbers: '13912345678',
      templateCode: 'SMS_465312020',
      templateParam: JSON.stringify({ reference: 'JK-20261128-0042', status: '已受理' }),
      outId: 'outbox-row-1',
    })
    expect(await inbox('13912345678')).toEqual([
      {
        phone: '13912345678',
        code: null,
        text: '【护薪】您的投诉JK-20261128-0042有新进展：已受理。请打开“护薪”小程序查看。',
        sentAt: new Date(sim.clock.now()).toISOString(),
        messageId,
      },
    ])
  })

  it('speaks the gateway protocol: bearer key, signature, template and the code as a JSON parameter', async () => {
    const recorder = recordingFetch()
    await adapter({ fetch: recorder.fetch }).sendVerificationCode('13812341234', '111222')

    const [call] = recorder.calls
    expect(call?.method).toBe('POST')
    expect(call?.url.pathname).toBe('/__sim/sms/v1/messages')
    expect(call?.headers.get('authorization')).toBe(`Bearer ${SMS_API_KEY}`)
    expect(call?.body).toEqual({
      phoneNumbers: '13812341234',
      signName: '护薪',
      templateCode: 'SMS_465312019',
      templateParam: '{"code":"111222"}',
      outId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    })
  })

  it('reads messages back newest first, only the asked-for number', async () => {
    const sms = adapter()
    await sms.sendVerificationCode('13900000001', '100001')
    await sms.sendVerificationCode('13900000002', '200002')
    sim.clock.advance(MINUTE + 1)
    await sms.sendVerificationCode('13900000001', '100003')
    sim.clock.advance(MINUTE + 1)
    await sms.sendVerificationCode('13900000001', '100004')

    expect((await inbox('13900000001')).map((message) => message.code)).toEqual(['100004', '100003', '100001'])
    expect((await inbox('13900000002')).map((message) => message.code)).toEqual(['200002'])
  })

  it('a second message to a number within 60 s is rate-limited, retryable later', async () => {
    const sms = adapter()
    await sms.sendVerificationCode('13711112222', '000001')

    const error = await failure(sms.sendVerificationCode('13711112222', '000002'))
    expect(error).toMatchObject({ code: 'isv.BUSINESS_LIMIT_CONTROL', retryable: true })
    expect((await inbox('13711112222')).map((message) => message.code)).toEqual(['000001'])

    // Other numbers are not held back, and the same number may try again after a minute.
    await sms.sendVerificationCode('13711113333', '000003')
    sim.clock.advance(MINUTE)
    await expect(sms.sendVerificationCode('13711112222', '000004')).resolves.toHaveProperty('messageId')
  })

  it('more than 10 messages to a number in an hour are rate-limited', async () => {
    const sms = adapter()
    for (let n = 0; n < 10; n++) {
      await sms.sendVerificationCode('13655556666', `10000${n}`)
      sim.clock.advance(MINUTE + 1)
    }
    const error = await failure(sms.sendVerificationCode('13655556666', '100010'))
    expect(error).toMatchObject({ code: 'isv.BUSINESS_LIMIT_CONTROL', retryable: true })
    expect(await inbox('13655556666')).toHaveLength(10)

    sim.clock.advance(60 * MINUTE)
    await expect(sms.sendVerificationCode('13655556666', '100011')).resolves.toHaveProperty('messageId')
  })

  it('a wrong API key is refused (401, permanent) and nothing is sent', async () => {
    const error = await failure(adapter({ apiKey: 'not-the-key' }).sendVerificationCode('13812341234', '123456'))
    expect(error).toMatchObject({ code: 'InvalidApiKey', retryable: false, httpStatus: 401 })
    expect(await inbox('13812341234')).toEqual([])
  })

  it('an illegal number is permanent', async () => {
    const error = await failure(adapter().sendVerificationCode('1234', '123456'))
    expect(error).toMatchObject({ code: 'isv.MOBILE_NUMBER_ILLEGAL', retryable: false })
  })

  it('an account out of credit is permanent until someone tops it up', async () => {
    await sim.control('sms', '/faults', { outOfBalance: true })
    const error = await failure(adapter().sendVerificationCode('13812341234', '123456'))
    expect(error).toMatchObject({ code: 'isv.AMOUNT_NOT_ENOUGH', retryable: false })
  })

  it('never puts the phone number or the code in an error message', async () => {
    const error = await failure(adapter().sendVerificationCode('23812341234', '987654'))
    expect(error.message).not.toContain('23812341234')
    expect(error.message).not.toContain('987654')
  })

  describe('failures of the gateway', () => {
    it('errorRate 1: HTTP 503, retryable; reset restores service', async () => {
      await sim.control('sms', '/faults', { errorRate: 1 })
      const error = await failure(adapter().sendVerificationCode('13812341234', '123456'))
      expect(error).toMatchObject({ code: 'ServiceUnavailable', retryable: true, httpStatus: 503 })
      expect(await inbox('13812341234')).toEqual([])

      await sim.control('sms', '/reset')
      await expect(adapter().sendVerificationCode('13812341234', '123456')).resolves.toHaveProperty('messageId')
    })

    it('latency beyond timeoutMs: TIMEOUT, retryable', async () => {
      await sim.control('sms', '/faults', { latencyMs: 1_500 })
      const startedAt = performance.now()
      const error = await failure(adapter({ timeoutMs: 200 }).sendVerificationCode('13812341234', '123456'))
      expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true })
      expect(performance.now() - startedAt).toBeLessThan(1_000)
    })

    it('a lost answer: NETWORK_ERROR, retryable, though the message went out — a retry duplicates it', async () => {
      await sim.control('sms', '/faults', { dropResponse: true })
      const error = await failure(adapter().sendVerificationCode('13812341234', '123456'))
      expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: true })
      expect((await inbox('13812341234')).map((message) => message.code)).toEqual(['123456'])
    })

    it('a dropped connection: NETWORK_ERROR, retryable', async () => {
      await sim.control('sms', '/faults', { dropConnection: true })
      const error = await failure(adapter().sendVerificationCode('13812341234', '123456'))
      expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: true })
    })
  })
})
