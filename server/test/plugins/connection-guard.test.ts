/**
 * connection-guard on a bare Fastify server whose own deadlines are an hour away: whatever closes
 * a socket here is the guard. Nothing asserts how long anything took.
 */
import net from 'node:net'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import connectionGuard from '../../src/plugins/connection-guard'

const HOUR = 3_600_000

function connect(port: number) {
  return new Promise<{ socket: net.Socket; closed: Promise<void>; received: () => string }>((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' })
    let text = ''
    const closed = new Promise<void>((done) => socket.once('close', () => done()))
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')))
    socket.on('error', () => {})
    socket.once('connect', () => resolve({ socket, closed, received: () => text }))
    socket.once('error', reject)
  })
}

describe('connection guard', () => {
  let app: FastifyInstance
  let port: number

  beforeAll(async () => {
    app = Fastify({ http: { headersTimeout: HOUR, requestTimeout: HOUR, connectionsCheckingInterval: HOUR }, keepAliveTimeout: HOUR })
    // a batch of 7: the 40 sockets below are closed over several turns of the event loop
    await app.register(connectionGuard, { headersTimeoutMs: 300, checkIntervalMs: 50, batchSize: 7 })
    app.get('/ok', async () => ({ ok: true }))
    app.post('/upload', async (request) => ({ length: JSON.stringify(request.body).length }))
    await app.listen({ host: '127.0.0.1', port: 0 })
    const address = app.server.address()
    if (address === null || typeof address === 'string') throw new Error('not listening on TCP')
    port = address.port
  })
  afterAll(async () => {
    await app?.close()
  })

  it('closes sockets that never send a byte, in batches, all of them', async () => {
    const idle = await Promise.all(Array.from({ length: 40 }, () => connect(port)))
    await Promise.all(idle.map((s) => s.closed))
    expect(idle.every((s) => s.received() === '')).toBe(true)
  })

  it('answers 408 to a socket whose headers never complete', async () => {
    const s = await connect(port)
    s.socket.write('GET /ok HTTP/1.1\r\nHost: x\r\n')
    const trickle = setInterval(() => s.socket.writable && s.socket.write('X-Slow: 1\r\n'), 50)
    await s.closed
    clearInterval(trickle)
    expect(s.received()).toMatch(/^HTTP\/1\.1 408/)
  })

  it('waits again after a response on a kept-alive socket, and then closes it', async () => {
    const s = await connect(port)
    s.socket.write('GET /ok HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n')
    await s.closed
    expect(s.received()).toMatch(/^HTTP\/1\.1 200/)
  })

  it('leaves alone a request whose headers arrived, however slow its body', async () => {
    const s = await connect(port)
    s.socket.write('POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{"a":')
    // while the body is unfinished, a socket that has sent nothing goes: proof a sweep ran
    for (let i = 0; i < 2; i++) {
      const idle = await connect(port)
      await idle.closed
    }
    expect(s.socket.destroyed).toBe(false)
    s.socket.end('"b"}')
    await s.closed
    expect(s.received()).toMatch(/^HTTP\/1\.1 200/)
  })
})
