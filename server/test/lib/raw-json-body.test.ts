import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { keepRawJsonBodies } from '../../src/lib/raw-json-body'

describe('JSON bodies kept raw for signatures', () => {
  async function echoApp() {
    const app = Fastify({ logger: false })
    const rawBody = keepRawJsonBodies(app)
    app.post('/echo', async (request) => ({ raw: rawBody(request), polluted: ({} as Record<string, unknown>).polluted ?? null }))
    await app.ready()
    return app
  }
  const post = (app: Awaited<ReturnType<typeof echoApp>>, payload: string) =>
    app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload })

  it('keeps the text as it arrived', async () => {
    const app = await echoApp()
    const text = '{ "b": 1,  "a": [2] }'
    const response = await post(app, text)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ raw: text, polluted: null })
    await app.close()
  })

  it.each([
    ['__proto__', '{"clueId":"c1","__proto__":{"polluted":true}}'],
    ['constructor.prototype', '{"clueId":"c1","constructor":{"prototype":{"polluted":true}}}'],
    ['nested __proto__', '{"clue":{"__proto__":{"polluted":true}}}'],
  ])('refuses a body with %s (400), as Fastify’s own parser does', async (_name, payload) => {
    const app = await echoApp()
    const response = await post(app, payload)
    expect(response.statusCode).toBe(400)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    await app.close()
  })

  it('refuses text that is not JSON (400)', async () => {
    const app = await echoApp()
    expect((await post(app, '{"a":')).statusCode).toBe(400)
    await app.close()
  })
})
