import type { Socket } from 'node:net'
import { performance } from 'node:perf_hooks'
import fp from 'fastify-plugin'

export interface ConnectionGuardOptions {
  /** A connection must have delivered a request's headers this long after it opened (or after its last response). */
  headersTimeoutMs: number
  /** How often waiting connections are looked at. */
  checkIntervalMs: number
  /** How many connections are closed in one turn of the event loop. */
  batchSize?: number
}

const TIMEOUT_RESPONSE = 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'

/**
 * Closes connections that are waiting for a request's headers past the headers deadline — idle
 * sockets and slowloris alike — a batch per turn of the event loop.
 *
 * Node's own sweep (`headersTimeout` + `connectionsCheckingInterval`) destroys every expired socket
 * in one synchronous loop: 6,000 sockets opened in the same second by one client expire in the
 * same sweep, and closing them stalled /healthz for ~300 ms (`npm run bench:sockets`). Here they
 * go `batchSize` at a time with `setImmediate` between batches, so new connections are accepted
 * and answered in between. Node's sweep stays behind this one as a backstop (app.ts gives it a
 * later deadline) and still enforces the whole-request deadline.
 *
 * A connection waits from when it opened, and again from when its last response finished (a
 * keep-alive socket); it stops waiting when a request's headers have arrived. Waiting connections
 * sit in a Map in the order they started waiting, so a sweep reads only the expired ones.
 */
export default fp<ConnectionGuardOptions>(
  async (app, { headersTimeoutMs, checkIntervalMs, batchSize = 200 }) => {
    const waiting = new Map<Socket, number>()
    const wait = (socket: Socket) => {
      waiting.delete(socket) // re-inserted at the end: the Map stays ordered by waiting time
      if (!socket.destroyed) waiting.set(socket, performance.now())
    }

    app.server.on('connection', (socket: Socket) => {
      wait(socket)
      socket.once('close', () => waiting.delete(socket))
    })
    app.server.on('request', (request, response) => {
      const socket = request.socket
      waiting.delete(socket)
      response.once('finish', () => {
        if (!socket.destroyed) wait(socket)
      })
    })

    function close(expired: Socket[]) {
      for (const socket of expired.splice(0, batchSize)) {
        if (socket.destroyed) continue
        // Like Node: a client that sent part of a request is told why before the connection ends.
        if (socket.bytesRead > 0 && socket.writable) socket.write(TIMEOUT_RESPONSE)
        socket.destroy()
      }
      if (expired.length > 0) setImmediate(close, expired)
    }

    const sweep = setInterval(() => {
      const deadline = performance.now() - headersTimeoutMs
      const expired: Socket[] = []
      for (const [socket, since] of waiting) {
        if (since > deadline) break
        waiting.delete(socket)
        expired.push(socket)
      }
      if (expired.length > 0) close(expired)
    }, checkIntervalMs)
    sweep.unref()
    app.addHook('onClose', async () => clearInterval(sweep))
  },
  { name: 'huxin-connection-guard' },
)
