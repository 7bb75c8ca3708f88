import { afterAll, afterEach, beforeAll } from 'vitest'
import type { Fetch } from '../../src/lib/http-call'
import { startSimulatorServer, type SimulatorServer } from '../../src/simulators'

export const APP_ID = 'wx5f0c1e2d3a4b5c6d'
export const APP_SECRET = 'sim-app-secret-0123456789abcdef'
export const SMS_API_KEY = 'sim-sms-key-0123456789'

/** A settable clock shared by a simulator and an adapter. */
export function fakeClock(start = Date.parse('2026-06-01T02:00:00Z')) {
  let time = start
  return {
    now: () => time,
    advance(ms: number) {
      time += ms
    },
  }
}

export interface TestSimulators extends SimulatorServer {
  clock: ReturnType<typeof fakeClock>
  /** POSTs a control command, e.g. `control('wechat', '/faults', { errorRate: 1 })`. */
  control(system: 'wechat' | 'sms', path: string, body?: unknown): Promise<Response>
  get<T>(url: string): Promise<T>
}

export async function startTestSimulators(): Promise<TestSimulators> {
  const clock = fakeClock()
  const server = await startSimulatorServer({
    port: 0,
    host: '127.0.0.1',
    wechat: { appId: APP_ID, appSecret: APP_SECRET, now: clock.now },
    sms: { apiKey: SMS_API_KEY, now: clock.now },
  })
  return {
    ...server,
    clock,
    async control(system, path, body) {
      const base = system === 'wechat' ? server.wechatBaseUrl : server.smsBaseUrl
      const response = await fetch(`${base}/__control${path}`, {
        method: 'POST',
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      })
      if (!response.ok) throw new Error(`control ${path} answered ${response.status}: ${await response.text()}`)
      return response
    },
    async get<T>(url: string) {
      const response = await fetch(url)
      if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`)
      return (await response.json()) as T
    },
  }
}

export interface RecordedCall {
  url: URL
  method: string
  headers: Headers
  body: unknown
}

/** Global fetch that remembers every request, so tests can count and inspect what went out. */
export function recordingFetch(before?: (call: RecordedCall) => Promise<void>) {
  const calls: RecordedCall[] = []
  const fetchImpl: Fetch = async (input, init) => {
    const raw = typeof init?.body === 'string' ? init.body : undefined
    const call: RecordedCall = {
      url: new URL(input instanceof Request ? input.url : String(input)),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: raw === undefined ? undefined : (JSON.parse(raw) as unknown),
    }
    calls.push(call)
    await before?.(call)
    return fetch(input, init)
  }
  return { fetch: fetchImpl, calls, count: (path: string) => calls.filter((call) => call.url.pathname.endsWith(path)).length }
}

/**
 * The simulators of one test file: started before its tests (the returned object is filled in
 * then), `system` reset after each test, closed after all of them.
 */
export function useTestSimulators(system: 'wechat' | 'sms'): TestSimulators {
  const sim = {} as TestSimulators
  beforeAll(async () => {
    Object.assign(sim, await startTestSimulators())
  })
  afterEach(async () => {
    await sim.control(system, '/reset')
  })
  afterAll(async () => {
    await sim.close?.()
  })
  return sim
}
