/**
 * `npm run bench:sockets`: one client opens thousands of idle sockets and slowloris sockets (half
 * a request, a header byte now and then) against the real server process (PGlite), while a probe
 * asks /healthz every 50 ms on a fresh connection. Reports the probe's latency throughout (the
 * target: every answer within 100 ms) and how long the server let each hostile socket live
 * against the configured deadlines. Wall-clock figures belong here, not in the test suite.
 *
 * BENCH_IDLE_SOCKETS (default 5000) and BENCH_SLOW_SOCKETS (default 1000); the deadlines are the
 * server's configuration, shortened here so a run takes about half a minute.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { REPO_ROOT, startServer } from '../helpers/server-process'

const IDLE = Number(process.env.BENCH_IDLE_SOCKETS ?? 5000)
const SLOW = Number(process.env.BENCH_SLOW_SOCKETS ?? 1000)
const DEADLINES = {
  HUXIN_HEADERS_TIMEOUT_MS: '5000',
  HUXIN_REQUEST_TIMEOUT_MS: '10000',
  HUXIN_KEEPALIVE_TIMEOUT_MS: '5000',
  HUXIN_IDLE_TIMEOUT_MS: '10000',
}

interface Hostile {
  openedAt: number
  closedAt?: number
}

function open(port: number, slow: boolean): Promise<Hostile> {
  return new Promise((resolve) => {
    const record: Hostile = { openedAt: performance.now() }
    const socket = net.connect({ port, host: '127.0.0.1' })
    let trickle: NodeJS.Timeout | undefined
    socket.on('error', () => {})
    socket.resume()
    socket.once('close', () => {
      record.closedAt = performance.now()
      clearInterval(trickle)
    })
    socket.once('connect', () => {
      record.openedAt = performance.now()
      if (slow) {
        socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n')
        trickle = setInterval(() => socket.writable && socket.write('X: 1\r\n'), 1_000)
      }
      resolve(record)
    })
  })
}

/**
 * The probe lives in a worker thread with its own event loop: in the attacker's loop its timings
 * would include the time spent handling 6,000 hostile sockets closing at once, which is the
 * client's cost, not the server's. Asks /healthz every 50 ms over a new connection; latency in ms,
 * or null when it failed.
 */
const PROBE_SOURCE = `
const net = require('node:net')
const { parentPort, workerData } = require('node:worker_threads')
let probing = true
parentPort.on('message', () => { probing = false })
function probe(port) {
  return new Promise((resolve) => {
    const started = performance.now()
    const socket = net.connect({ port, host: '127.0.0.1' })
    let text = ''
    let done = false
    const finish = (value) => { if (!done) { done = true; resolve(value) } }
    socket.setTimeout(5000, () => socket.destroy())
    socket.on('error', () => finish(null))
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1')
      if (text.includes('"status":"ok"')) { finish(performance.now() - started); socket.destroy() }
    })
    socket.on('close', () => finish(null))
    socket.write('GET /healthz HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n')
  })
}
;(async () => {
  const latencies = []
  while (probing) {
    latencies.push(await probe(workerData.port))
    await new Promise((r) => setTimeout(r, 50))
  }
  parentPort.postMessage(latencies)
})()
`

function startProbe(port: number): { stop: () => Promise<number[]> } {
  const worker = new Worker(PROBE_SOURCE, { eval: true, workerData: { port } })
  const result = new Promise<number[]>((resolve, reject) => {
    worker.once('message', (latencies: (number | null)[]) => resolve(latencies.map((l) => l ?? Infinity)))
    worker.once('error', reject)
  })
  return {
    stop: async () => {
      worker.postMessage('stop')
      const latencies = await result
      await worker.terminate()
      return latencies
    },
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

async function main() {
  const server = await startServer({ env: { ...DEADLINES, NATIONAL_SYNC: 'off', HUXIN_DEMO_DATA: '0' } })
  const prober = startProbe(server.port)
  let latencies: number[] | undefined
  try {
    const hostile: Hostile[] = []
    for (let i = 0; i < IDLE + SLOW; i += 250) {
      const batch = Math.min(250, IDLE + SLOW - i)
      hostile.push(...(await Promise.all(Array.from({ length: batch }, (_, j) => open(server.port, i + j >= IDLE)))))
    }
    const deadline = performance.now() + 60_000
    while (hostile.some((h) => h.closedAt === undefined) && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200))
    }
    latencies = await prober.stop()
    const lifetimes = (list: Hostile[]) => list.map((h) => (h.closedAt ?? Infinity) - h.openedAt)
    const idle = lifetimes(hostile.slice(0, IDLE))
    const slow = lifetimes(hostile.slice(IDLE))
    const answered = latencies.filter(Number.isFinite)
    const result = {
      measuredAt: new Date().toISOString(),
      deadlines: DEADLINES,
      idleSockets: IDLE,
      slowSockets: SLOW,
      stillOpen: hostile.filter((h) => h.closedAt === undefined).length,
      idleLifetimeMs: { p50: Math.round(percentile(idle, 50)), max: Math.round(Math.max(...idle)) },
      slowLifetimeMs: { p50: Math.round(percentile(slow, 50)), max: Math.round(Math.max(...slow)) },
      healthz: {
        probes: latencies.length,
        failed: latencies.length - answered.length,
        p50: Math.round(percentile(answered, 50)),
        p99: Math.round(percentile(answered, 99)),
        max: Math.round(Math.max(...answered)),
        over100ms: answered.filter((l) => l > 100).length,
      },
    }
    console.log(JSON.stringify(result, null, 2))
    mkdirSync(path.join(REPO_ROOT, 'tests', 'bench', 'results'), { recursive: true })
    writeFileSync(path.join(REPO_ROOT, 'tests', 'bench', 'results', 'idle-sockets.json'), `${JSON.stringify(result, null, 2)}\n`)
  } finally {
    if (latencies === undefined) await prober.stop().catch(() => [])
    await server.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
