import { Writable } from 'node:stream'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import errorHandler from '../../../src/plugins/error-handler'
import { smsSimulator } from '../../../src/modules/sms/index'
import { SIMULATOR_PREFIXES, startSimulatorServer } from '../../../src/simulators'
import { wechatSimulator } from '../../../src/modules/wechat/simulator'
import { APP_ID, APP_SECRET, SMS_API_KEY, useTestSimulators } from '../../helpers/simulator-server'

type WechatAnswer = { errcode?: number; errmsg?: string } & Record<string, unknown>

const sim = useTestSimulators('wechat')

async function wechatGet(path: string, query: Record<string, string>) {
  const response = await fetch(`${sim.wechatBaseUrl}${path}?${new URLSearchParams(query).toString()}`)
  return { status: response.status, body: (await response.json()) as WechatAnswer }
}

async function wechatPost(path: string, body: unknown, query: Record<string, string> = {}) {
  const response = await fetch(`${sim.wechatBaseUrl}${path}?${new URLSearchParams(query).toString()}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as WechatAnswer }
}

const login = (overrides: Record<string, string> = {}) =>
  wechatGet('/sns/jscode2session', {
    appid: APP_ID,
    secret: APP_SECRET,
    js_code: 'sim:o-login',
    grant_type: 'authorization_code',
    ...overrides,
  })

const stableToken = (overrides: Record<string, unknown> = {}) =>
  wechatPost('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: APP_ID, secret: APP_SECRET, ...overrides })

describe('WeChat simulator: jscode2session', () => {
  it('answers like WeChat: openid and session_key, no errcode', async () => {
    const { status, body } = await login()
    expect(status).toBe(200)
    expect(body).toEqual({ openid: 'o-login', session_key: expect.stringMatching(/^[A-Za-z0-9+/]{22}==$/) })
  })

  it.each([
    [{ appid: '' }, 41002],
    [{ appid: 'wx0000000000000000' }, 40013],
    [{ secret: '' }, 41004],
    [{ secret: 'wrong' }, 40125],
    [{ grant_type: 'client_credential' }, 40002],
    [{ js_code: '' }, 41008],
    [{ js_code: 'sim:error' }, 40029],
    [{ js_code: 'sim:phone:13812341234' }, 40029],
    [{ js_code: 'sim:error:45011' }, 45011],
  ])('%o → errcode %i with HTTP 200 and a rid', async (overrides, errcode) => {
    const { status, body } = await login(overrides)
    expect(status).toBe(200)
    expect(body.errcode).toBe(errcode)
    expect(body.errmsg).toMatch(/ rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/)
    expect(body).not.toHaveProperty('openid')
  })

  it('keeps the AppSecret and codes out of its request logs', async () => {
    const logs: string[] = []
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString('utf8'))
        done()
      },
    })
    const logged = await startSimulatorServer({
      wechat: { appId: APP_ID, appSecret: APP_SECRET },
      sms: { apiKey: SMS_API_KEY },
      logger: { level: 'info', stream },
    })
    try {
      await fetch(`${logged.wechatBaseUrl}/sns/jscode2session?appid=${APP_ID}&secret=${APP_SECRET}&js_code=sim:o-logs&grant_type=authorization_code`)
      await fetch(`${logged.smsBaseUrl}/messages?phone=13812341234`)
    } finally {
      await logged.close()
    }
    const text = logs.join('')
    expect(text).toContain('/__sim/wechat/sns/jscode2session?[redacted]')
    expect(text).not.toContain(APP_SECRET)
    expect(text).not.toContain('o-logs')
    expect(text).not.toContain('13812341234')
  })
})

describe('WeChat simulator: access tokens', () => {
  it('hands out the current token in normal mode and a new one on force_refresh', async () => {
    const first = (await stableToken()).body
    expect(first).toEqual({ access_token: expect.any(String), expires_in: 7200 })

    sim.clock.advance(100_000)
    expect((await stableToken()).body).toEqual({ access_token: first.access_token, expires_in: 7100 })

    const forced = (await stableToken({ force_refresh: true })).body
    expect(forced.access_token).not.toBe(first.access_token)
    const withOld = await wechatPost('/wxa/business/getuserphonenumber', { code: 'sim:phone:13812341234' }, { access_token: String(first.access_token) })
    expect(withOld.body.errcode).toBe(40001)
  })

  it('refuses a wrong secret or grant type', async () => {
    expect((await stableToken({ secret: 'wrong' })).body.errcode).toBe(40125)
    expect((await stableToken({ appid: 'wx0000000000000000' })).body.errcode).toBe(40013)
    expect((await stableToken({ grant_type: 'authorization_code' })).body.errcode).toBe(40002)
  })

  it('answers 41001 without a token, 40001 for an unknown one and 42001 once it expired', async () => {
    const send = (query: Record<string, string>) =>
      wechatPost('/cgi-bin/message/subscribe/send', { touser: 'o1', template_id: 't', data: { thing1: { value: 'x' } } }, query)
    expect((await send({})).body.errcode).toBe(41001)
    expect((await send({ access_token: 'made-up' })).body.errcode).toBe(40001)

    const token = String((await stableToken()).body.access_token)
    expect((await send({ access_token: token })).body).toMatchObject({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) })
    sim.clock.advance(7_200_000)
    expect((await send({ access_token: token })).body.errcode).toBe(42001)
  })
})

describe('WeChat simulator: subscribe/send', () => {
  async function send(body: Record<string, unknown>) {
    const token = String((await stableToken()).body.access_token)
    return (await wechatPost('/cgi-bin/message/subscribe/send', body, { access_token: token })).body
  }
  const valid = { touser: 'o-sub', template_id: 'tmpl', data: { thing1: { value: '已受理' } } }

  it.each([
    [{ touser: '' }, 40003],
    [{ touser: 'not an openid!' }, 40003],
    [{ template_id: '' }, 40037],
    [{ data: {} }, 47003],
    [{ data: { thing1: { value: '' } } }, 47003],
    [{ data: { thing1: 'bare string' } }, 47003],
    [{ miniprogram_state: 'production' }, 47003],
    [{ lang: 'fr_FR' }, 47003],
  ])('%o → errcode %i and nothing recorded', async (overrides, errcode) => {
    expect((await send({ ...valid, ...overrides })).errcode).toBe(errcode)
    const { items } = await sim.get<{ items: unknown[] }>(`${sim.wechatBaseUrl}/__control/messages`)
    expect(items).toEqual([])
  })

  it('records messages newest first, filtered by touser', async () => {
    await send({ ...valid, data: { thing1: { value: 'first' } } })
    await send({ ...valid, touser: 'o-other' })
    await send({ ...valid, data: { thing1: { value: 'second' } } })

    const { items } = await sim.get<{ items: { data: { thing1: { value: string } } }[] }>(`${sim.wechatBaseUrl}/__control/messages?touser=o-sub`)
    expect(items.map((message) => message.data.thing1.value)).toEqual(['second', 'first'])
    const all = await sim.get<{ items: unknown[] }>(`${sim.wechatBaseUrl}/__control/messages`)
    expect(all.items).toHaveLength(3)
  })

  it('answers a body that is not JSON with 47001', async () => {
    const token = String((await stableToken()).body.access_token)
    const { status, body } = await wechatPost('/cgi-bin/message/subscribe/send', '{"touser":', { access_token: token })
    expect(status).toBe(200)
    expect(body.errcode).toBe(47001)
  })
})

describe('WeChat simulator: control routes', () => {
  it('validates the fault switches', async () => {
    const response = await fetch(`${sim.wechatBaseUrl}/__control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 2 }),
    })
    expect(response.status).toBe(400)
  })

  it('are not themselves subject to the faults', async () => {
    await sim.control('wechat', '/faults', { dropConnection: true })
    await expect(login()).rejects.toThrow('fetch failed')
    await expect(sim.get(`${sim.wechatBaseUrl}/__control/messages`)).resolves.toEqual({ items: [] })

    await sim.control('wechat', '/faults', { errorRate: 1 })
    expect((await login()).body).toEqual({ errcode: -1, errmsg: expect.stringMatching(/^system error/) })
    await expect(sim.get(`${sim.wechatBaseUrl}/__control/messages`)).resolves.toEqual({ items: [] })
  })

  it('errorRate is a share: 0.5 fails some requests and not others', async () => {
    await sim.control('wechat', '/faults', { errorRate: 0.5 })
    const answers = await Promise.all(Array.from({ length: 60 }, (_, n) => login({ js_code: `sim:share-${n}` })))
    const busy = answers.filter((answer) => answer.body.errcode === -1).length
    expect(busy).toBeGreaterThan(5)
    expect(busy).toBeLessThan(55)
  })

  it('reset forgets used codes, tokens and messages', async () => {
    await login({ js_code: 'sim:o-reset' })
    expect((await login({ js_code: 'sim:o-reset' })).body.errcode).toBe(40029)
    const token = String((await stableToken()).body.access_token)

    await sim.control('wechat', '/reset')

    expect((await login({ js_code: 'sim:o-reset' })).body.openid).toBe('o-reset')
    const withOld = await wechatPost('/wxa/business/getuserphonenumber', { code: 'sim:phone:13812341234' }, { access_token: token })
    expect(withOld.body.errcode).toBe(40001)
  })
})

describe('WeChat and SMS simulators mounted inside an app', () => {
  it('answer in their own protocol despite the app’s error handler, and a held request does not hold up close()', async () => {
    // As the app mounts them in development: HuXin's error handler at the root, default connection handling.
    const app = Fastify().withTypeProvider<TypeBoxTypeProvider>()
    await app.register(errorHandler)
    await app.register(wechatSimulator, { appId: APP_ID, appSecret: APP_SECRET, prefix: SIMULATOR_PREFIXES.wechat })
    await app.register(smsSimulator, { apiKey: SMS_API_KEY, prefix: SIMULATOR_PREFIXES.sms })
    const url = await app.listen({ host: '127.0.0.1', port: 0 })

    const badJson = await fetch(`${url}/__sim/wechat/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    })
    expect(await badJson.json()).toMatchObject({ errcode: 47001 })
    const smsBadJson = await fetch(`${url}/__sim/sms/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SMS_API_KEY}` },
      body: '{',
    })
    expect(smsBadJson.status).toBe(400)
    expect(await smsBadJson.json()).toMatchObject({ code: 'isv.INVALID_PARAMETERS' })

    await fetch(`${url}/__sim/wechat/__control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: 20_000 }),
    })
    const held = fetch(`${url}/__sim/wechat/sns/jscode2session?js_code=sim:held`).then(
      () => 'answered',
      () => 'dropped',
    )
    await new Promise((resolve) => setTimeout(resolve, 100))
    const startedAt = performance.now()
    await app.close()
    expect(performance.now() - startedAt).toBeLessThan(2_000)
    expect(await held).toBe('dropped')
  })
})
