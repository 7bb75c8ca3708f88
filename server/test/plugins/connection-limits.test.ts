/**
 * Timeouts and load shedding against a listening server (docs/security.md). Deadlines are
 * short here so the behaviour shows quickly; nothing asserts how long anything took — a busy CI
 * machine only makes the waits longer, never wrong.
 */
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../helpers/app'
import { DATABASE_KINDS } from '../helpers/database'

/** Opens a raw TCP socket; `closed` settles when the server ends it. */
function openSocket(port: number): Promise<{ socket: net.Socket; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' })
    const closed = new Promise<void>((done) => socket.once('close', () => done()))
    socket.on('error', () => {}) // a reset by the server is a close as well
    // Read what the server sends (a 408 before it hangs up): a paused socket never sees the end.
    socket.resume()
    socket.once('connect', () => resolve({ socket, closed }))
    socket.once('error', reject)
  })
}

/** One GET over a raw socket, answering the status line and the socket's close. */
async function rawGet(port: number, path: string, keepAlive: boolean) {
  const { socket, closed } = await openSocket(port)
  const status = new Promise<number>((resolve) => {
    let text = ''
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1')
      const match = /^HTTP\/1\.1 (\d{3})/.exec(text)
      if (match) resolve(Number(match[1]))
    })
  })
  socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: ${keepAlive ? 'keep-alive' : 'close'}\r\n\r\n`)
  return { socket, status: await status, closed }
}

const SOCKETS = 300

describe.each(DATABASE_KINDS)('connection deadlines (%s)', (kind) => {
  let t: TestApp
  let port: number
  beforeAll(async () => {
    t = await buildTestApp(kind, {
      HUXIN_HEADERS_TIMEOUT_MS: '400',
      HUXIN_REQUEST_TIMEOUT_MS: '800',
      HUXIN_KEEPALIVE_TIMEOUT_MS: '300',
      HUXIN_IDLE_TIMEOUT_MS: '1000',
    })
    await t.app.listen({ host: '127.0.0.1', port: 0 })
    const address = t.app.server.address()
    if (address === null || typeof address === 'string') throw new Error('not listening on TCP')
    port = address.port
  })
  afterAll(async () => {
    await t?.close()
  })

  it('closes sockets that never send a byte, and /healthz answers while they are open', async () => {
    const idle = await Promise.all(Array.from({ length: SOCKETS }, () => openSocket(port)))
    const health = await fetch(`http://127.0.0.1:${port}/healthz`)
    expect(health.status).toBe(200)
    // every silent socket is closed by the server, none by us
    await Promise.all(idle.map((s) => s.closed))
    expect(idle.every((s) => s.socket.destroyed)).toBe(true)
  })

  it('closes a slowloris socket that sends half a request and then trickles header bytes', async () => {
    const { socket, closed } = await openSocket(port)
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n')
    let answer = ''
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')))
    // one header line now and then, each well inside the idle timeout: only the headers
    // deadline can end this socket
    const trickle = setInterval(() => {
      if (!socket.destroyed) socket.write('X-Slow: 1\r\n')
    }, 100)
    await closed
    clearInterval(trickle)
    expect(answer).not.toMatch(/^HTTP\/1\.1 200/)
  })

  it('closes a request whose body never completes', async () => {
    const { socket, closed } = await openSocket(port)
    socket.write('POST /api/v1/auth/sms/send HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{')
    const trickle = setInterval(() => {
      if (!socket.destroyed) socket.write(' ')
    }, 100)
    await closed
    clearInterval(trickle)
    expect(socket.destroyed).toBe(true)
  })

  it('closes a kept-alive socket after its last answer', async () => {
    const { status, closed } = await rawGet(port, '/healthz', true)
    expect(status).toBe(200)
    await closed
  })

  it('/healthz keeps answering while hundreds of slow sockets are open', async () => {
    const slow = await Promise.all(
      Array.from({ length: SOCKETS }, async () => {
        const s = await openSocket(port)
        s.socket.write('GET /healthz HTTP/1.1\r\nHo')
        return s
      }),
    )
    for (let i = 0; i < 5; i++) {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`)
      expect(health.status).toBe(200)
    }
    await Promise.all(slow.map((s) => s.closed))
  })
})

describe('load shedding', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp('pglite', { HUXIN_SHED_EVENT_LOOP_DELAY_MS: '20', HUXIN_SHED_RETRY_AFTER_S: '7' })
  })
  afterAll(async () => {
    await t?.close()
  })

  /** Blocks the event loop in slices until the pressure plugin has seen the lag. */
  async function lagUntilUnderPressure() {
    while (!t.app.isUnderPressure()) {
      const until = performance.now() + 200
      while (performance.now() < until) {
        // busy: this is the lag being measured
      }
      await new Promise((resolve) => setImmediate(resolve))
    }
  }

  /** Runs `fn` while the server is under pressure from before it started to after it ended. */
  async function whileUnderPressure<T>(fn: () => Promise<T>): Promise<T> {
    for (;;) {
      await lagUntilUnderPressure()
      const result = await fn()
      if (t.app.isUnderPressure()) return result
    }
  }

  it('answers 503 with Retry-After while the event loop lags, but never to the probes', async () => {
    const [claims, health, ready] = await whileUnderPressure(() =>
      Promise.all([
        t.app.inject({ method: 'GET', url: '/api/v1/help-points/nearby?lat=31.7&lng=120.0' }),
        t.app.inject({ method: 'GET', url: '/healthz' }),
        t.app.inject({ method: 'GET', url: '/readyz' }),
      ]),
    )
    expect(claims.statusCode).toBe(503)
    expect(claims.headers['retry-after']).toBe('7')
    expect(claims.json()).toMatchObject({ error: { code: 'OVERLOADED' } })
    expect(health.statusCode).toBe(200)
    expect(ready.statusCode).toBe(200)
  })
})
