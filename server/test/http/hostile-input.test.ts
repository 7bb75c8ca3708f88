/**
 * No request a client can send makes the server fail (docs/security.md, Hostile input).
 * Every route of the OpenAPI document gets random and hostile values for its path parameters,
 * query and body, derived from its own schema (fast-check, fixed seed: the same requests every
 * run), signed in as nobody, a worker, an inspector or an admin — and must never answer 5xx nor
 * log an error. Targeted cases pin the findings one by one: NUL and lone surrogates in each text
 * field of a claim, `assignee=x`, `%00` in search text, crafted cursors, malformed multipart, and
 * a national clue with a NUL (the platform retries a 5xx for ever).
 */
import fc from 'fast-check'
import type { CreateClaimBody } from '@huxin/shared'
import { describe, expect, it } from 'vitest'
import { DEV_SIMULATOR_CREDENTIALS } from '../../src/config'
import type { DispatchedClue } from '../../src/modules/national-sync/protocol'
import { signMessage } from '../../src/modules/national-sync/signing'
import { useTestApp, type TestApp } from '../helpers/app'
import { validClaimBody, newKey } from '../helpers/claims'
import { DATABASE_KINDS } from '../helpers/database'
import { HOSTILE_CURSORS, objectOf, valueOf } from '../helpers/hostile-values'
import { fileAs, signInStaff } from '../helpers/staff'

const SEED = 20261207
/** Requests per route; with ~70 routes a few thousand requests, bounded on a busy machine. */
const RUNS_PER_ROUTE = 25
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie'
  name: string
  required?: boolean
  schema?: unknown
}
interface Operation {
  parameters?: Parameter[]
  requestBody?: { content?: Record<string, { schema?: unknown }> }
}
interface Case {
  method: string
  url: string
  auth: number
  body?: { contentType: string; payload: string }
}

/** What the error logs may never carry: the claimant name used in hostile bodies. */
const MARKER = '李德明'

const MALFORMED_MULTIPART = [
  { contentType: 'multipart/form-data', payload: '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc\r\n--x--\r\n' },
  { contentType: 'multipart/form-data; boundary=', payload: '--\r\n\r\n' },
  { contentType: `multipart/form-data; boundary=${'b'.repeat(300)}`, payload: `--${'b'.repeat(300)}\r\n` },
  { contentType: 'multipart/form-data; boundary=x', payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\n\u00ff\u00d8' },
  { contentType: 'multipart/form-data; boundary=x', payload: 'garbage' },
  {
    contentType: 'multipart/form-data; boundary=x',
    payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="a\u0000.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\u00ff\u00d8\u00ff\r\n--x--\r\n',
  },
]

function serialise(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)
}

/** Percent-encoding that also sends a lone surrogate, as the bytes a careless encoder would write. */
function encodeSegment(text: string): string {
  return [...text]
    .map((ch) => {
      try {
        return encodeURIComponent(ch)
      } catch {
        return '%ED%A0%80'
      }
    })
    .join('')
}

/** Requests for one operation of the OpenAPI document. */
function casesFor(path: string, method: string, operation: Operation, ids: string[]): fc.Arbitrary<Case> {
  const parameters = operation.parameters ?? []
  const pathParams = parameters.filter((p) => p.in === 'path')
  const queryParams = parameters.filter((p) => p.in === 'query')
  const idOrValue = (p: Parameter) => fc.oneof(valueOf(p.schema, p.name), fc.constantFrom(...ids))
  const pathValues = fc.tuple(...pathParams.map(idOrValue))
  const queryValues = fc.tuple(...queryParams.map((p) => fc.option(valueOf(p.schema, p.name), { freq: 3 })))
  const content = operation.requestBody?.content ?? {}
  const jsonSchema = content['application/json']?.schema
  const body: fc.Arbitrary<Case['body']> = content['multipart/form-data']
    ? fc.constantFrom(...MALFORMED_MULTIPART)
    : jsonSchema
      ? fc.oneof(
          { weight: 8, arbitrary: objectOf(jsonSchema as Record<string, unknown>).map((v) => ({ contentType: 'application/json', payload: JSON.stringify(v) })) },
          { weight: 1, arbitrary: valueOf(jsonSchema).map((v) => ({ contentType: 'application/json', payload: JSON.stringify(v) ?? 'null' })) },
          { weight: 1, arbitrary: fc.constantFrom('{', '{"a":1e999}', `{"name":"${MARKER}\\u0000"}`, '"\\ud800"').map((payload) => ({ contentType: 'application/json', payload })) },
        )
      : fc.constant(undefined)
  return fc.record({ pathValues, queryValues, body, auth: fc.integer({ min: 0, max: 3 }) }).map(({ pathValues: pv, queryValues: qv, body: b, auth }) => {
    let url = path
    pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, encodeSegment(serialise(pv[i])))))
    const pairs: string[] = []
    queryParams.forEach((p, i) => {
      const value = qv[i]
      if (value === null || value === undefined) return
      for (const item of Array.isArray(value) ? value : [value]) pairs.push(`${p.name}=${encodeSegment(serialise(item))}`)
    })
    const search = pairs.join('&')
    return { method: method.toUpperCase(), url: search ? `${url}?${search}` : url, auth, ...(b ? { body: b } : {}) }
  })
}

/**
 * Operations of the document, minus the live stream (an open SSE response never ends) and the
 * development simulators under /__sim (never served in production; their control endpoints
 * reconfigure the simulator the test app talks to).
 */
function operationsOf(document: { paths?: Record<string, Record<string, Operation>> }) {
  const operations: { path: string; method: string; operation: Operation }[] = []
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    if (path.endsWith('/stream') || path.startsWith('/__sim')) continue
    for (const method of METHODS) {
      const operation = item[method]
      if (operation) operations.push({ path, method, operation })
    }
  }
  return operations
}

async function send(t: TestApp, request: Case, auth: Record<string, string>[]) {
  const headers: Record<string, string> = { ...auth[request.auth], 'idempotency-key': newKey() }
  if (request.body) headers['content-type'] = request.body.contentType
  return t.app.inject({ method: request.method as 'GET', url: request.url, headers, ...(request.body ? { payload: request.body.payload } : {}) })
}

function errorLogs(t: TestApp): string[] {
  return t.logs.filter((line) => (JSON.parse(line) as { level: number }).level >= 50)
}

describe.each(DATABASE_KINDS)('hostile input on %s', (kind) => {
  const t = useTestApp(kind)

  it('no route answers 5xx to random and hostile values derived from its schema', async () => {
    const worker = await fileAs(t)
    const [inspector, admin] = [await signInStaff(t, 'inspector'), await signInStaff(t, 'admin')]
    const auth = [{}, worker.worker.headers, inspector.headers, admin.headers]
    const ids = [worker.claim.id, inspector.id]
    const operations = operationsOf(t.app.swagger() as { paths?: Record<string, Record<string, Operation>> })
    expect(operations.length).toBeGreaterThan(40)
    const failures: string[] = []
    for (const [index, { path, method, operation }] of operations.entries()) {
      const requests = fc.sample(casesFor(path, method, operation, ids), { seed: SEED + index, numRuns: RUNS_PER_ROUTE })
      for (const request of requests) {
        const response = await send(t, request, auth)
        if (response.statusCode >= 500) {
          failures.push(`${request.method} ${request.url} ${request.body?.payload.slice(0, 200) ?? ''} → ${response.statusCode} ${response.body.slice(0, 200)}`)
        }
      }
    }
    expect(failures).toEqual([])
    expect(errorLogs(t)).toEqual([])
  }, 600_000)

  it.each([
    ['claimant.name', (b: CreateClaimBody, v: string) => (b.claimant.name = v)],
    ['employer.name', (b: CreateClaimBody, v: string) => (b.employer.name = v)],
    ['employer.address', (b: CreateClaimBody, v: string) => (b.employer = { ...b.employer, address: v })],
    ['project.name', (b: CreateClaimBody, v: string) => (b.project = { name: v })],
    ['project.address', (b: CreateClaimBody, v: string) => (b.project = { name: '厂房', address: v })],
    ['site.address', (b: CreateClaimBody, v: string) => (b.site = { lat: 31.7, lng: 120.0, address: v })],
    ['coWorkers.0.name', (b: CreateClaimBody, v: string) => (b.coWorkers = [{ name: v }])],
    ['description', (b: CreateClaimBody, v: string) => (b.description = v)],
  ])('a claim with NUL or a lone surrogate in %s is refused with 400 naming the field', async (field, set) => {
    const worker = await fileAs(t)
    for (const bad of [`${MARKER}\u0000`, `${MARKER}\uD800`, `\uDC00${MARKER}`]) {
      const body = validClaimBody()
      set(body, bad)
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/claims',
        headers: { ...worker.worker.headers, 'idempotency-key': newKey() },
        payload: body,
      })
      expect(response.statusCode).toBe(400)
      expect(response.json().error.details.map((d: { field: string }) => d.field)).toContain(field)
    }
    // an emoji is a proper surrogate pair, and welcome
    const emoji = validClaimBody()
    set(emoji, `${MARKER}😀`)
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/claims', headers: { ...worker.worker.headers, 'idempotency-key': newKey() }, payload: emoji })
    expect(ok.statusCode).toBe(201)
    expect(t.logs.filter((line) => line.includes(MARKER))).toEqual([])
  })

  it('refuses a non-UUID assignee, %00 in search text and crafted cursors with 400 naming the field', async () => {
    const inspector = await signInStaff(t, 'inspector')
    const admin = await signInStaff(t, 'admin')
    const worker = await fileAs(t)
    const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers })
    const fieldsOf = (response: { json(): unknown }) =>
      (response.json() as { error: { details?: { field: string }[] } }).error.details?.map((d) => d.field) ?? []

    const assignee = await get('/api/v1/claims?assignee=x', inspector.headers)
    expect(assignee.statusCode).toBe(400)
    expect(fieldsOf(assignee)).toContain('querystring.assignee')
    for (const url of ['/api/v1/claims?q=%00', '/api/v1/triage?employer=a%00b', '/api/v1/employers?q=%00']) {
      const response = await get(url, admin.headers)
      expect(response.statusCode, url).toBe(400)
      expect(fieldsOf(response).join(), url).toMatch(/querystring\.(q|employer)/)
    }
    for (const cursor of HOSTILE_CURSORS) {
      for (const [url, headers] of [
        ['/api/v1/triage', inspector.headers],
        ['/api/v1/claims', worker.worker.headers],
        ['/api/v1/employers', admin.headers],
      ] as const) {
        const response = await get(`${url}?cursor=${encodeURIComponent(cursor)}`, headers)
        // the employers' cursor is an opaque employer key: any text without NUL pages after it
        if (url === '/api/v1/employers' && response.statusCode === 200 && !Buffer.from(cursor, 'base64url').toString('utf8').includes('\u0000')) continue
        expect(response.statusCode, `${url} ${cursor}`).toBe(400)
        expect(fieldsOf(response), `${url} ${cursor}`).toContain('querystring.cursor')
      }
    }
  })

  it('refuses malformed multipart uploads with a 4xx', async () => {
    const { claim, worker } = await fileAs(t)
    for (const body of MALFORMED_MULTIPART) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/claims/${claim.id}/attachments`,
        headers: { ...worker.headers, 'content-type': body.contentType },
        payload: body.payload,
      })
      expect(response.statusCode, body.contentType).toBeGreaterThanOrEqual(400)
      expect(response.statusCode, body.contentType).toBeLessThan(500)
    }
  })

  it('answers a national clue with a NUL with the protocol’s INVALID_CLUE, not a 5xx', async () => {
    const control = `${t.simulators.nationalBaseUrl}/__control`
    const dispatched = (await (
      await fetch(`${control}/dispatch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count: 1 }) })
    ).json()) as { clues: DispatchedClue[] }
    const clue = dispatched.clues[0]
    if (!clue) throw new Error('no clue dispatched')
    const hostile = { ...clue, claimant: { ...clue.claimant, name: `${MARKER}\u0000` } }
    const payload = JSON.stringify({ messageId: crypto.randomUUID(), clues: [hostile] })
    const path = '/api/v1/national/webhook'
    const headers = signMessage({
      appId: DEV_SIMULATOR_CREDENTIALS.nationalAppId,
      secret: DEV_SIMULATOR_CREDENTIALS.nationalAppSecret,
      method: 'POST',
      path,
      body: payload,
    })
    const response = await t.app.inject({ method: 'POST', url: path, headers: { ...headers, 'content-type': 'application/json' }, payload })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ code: 'INVALID_CLUE' })
    expect(response.json().message).toContain('clues[0].claimant.name')
    expect(t.logs.filter((line) => line.includes(MARKER))).toEqual([])
  })
})
