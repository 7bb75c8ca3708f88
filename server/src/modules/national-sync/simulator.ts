/**
 * A stand-in for the national wage-arrears platform (全国根治欠薪线索反映平台), speaking the protocol
 * of docs/national-platform.md over real HTTP, with its own in-memory store. Mounted under
 * `/__sim/national` in development; `npm run sim:national` runs it on its own.
 *
 * Protocol (every request signed, see lib/national-signing.ts; every answer signed back):
 * - `GET  /v1/clues/dispatched?cursor=&limit=` — clues dispatched to the bureau, in dispatch order.
 * - `POST /v1/clues/:clueId/ack` · `POST /v1/clues` (register) · `POST /v1/clues/:clueId/progress`
 *   · `POST /v1/clues/:clueId/result` — each carries a `messageId`; a repeat gets the first answer.
 * - `GET  /v1/clues?updatedSince=&cursor=&limit=` — the platform's view, for reconciliation.
 * - `POST /v1/messages/batch` — up to 500 of those messages in one request, one answer each.
 *
 * Control (unsigned, for tests and developers), under `/__control`:
 * - `POST /faults` `{ errorRate?, latencyMs?, hang?, duplicateRate?, outOfOrder?, outage? }` replaces
 *   the switches: 503 for a share of requests; a delay before every answer; never answering; doing
 *   the work and then answering 503 (so the caller's retry is a duplicate delivery), and delivering
 *   pulled/pushed clues twice; shuffling pulled pages and pushes; dropping every connection.
 * - `POST /outage` `{ on }` · `POST /dispatch` `{ count?, clues? }` · `POST /generator` `{ perMinute }`
 *   · `POST /webhook` `{ url }` · `POST /reset`.
 * - `GET /messages?localClaimId=` — accepted messages in the order first accepted, with how many
 *   times each was delivered; `GET /clues` — the platform's store; `POST /clues/:clueId/override`
 *   changes the platform's view of a clue (to provoke reconciliation mismatches).
 */
import { isRecord } from '@huxin/shared'
import { randomInt, randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import {
  createMemoryNonceStore,
  signMessage,
  verifySignature,
  type NonceStore,
} from './signing'
import {
  OUTCOME_CATEGORIES,
  PLATFORM_PROGRESS,
  type DispatchedClue,
  type OutcomeCategory,
  type PlatformClueView,
  type PlatformProgress,
} from './protocol'
import { keepRawJsonBodies } from '../../lib/raw-json-body'
import { redactQueriesInLogs } from '../../lib/simulator-kit'

export interface NationalSimulatorOptions {
  /** The bureau's credentials: requests must be signed with this secret. */
  appId: string
  appSecret: string
  /** Where dispatched clues are pushed (our webhook); none: pull only. */
  webhookUrl?: string
  /** Clues generated per minute (0: only on demand through `/__control/dispatch`). */
  cluesPerMinute?: number
}

export interface NationalFaults {
  errorRate: number
  latencyMs: number
  hang: boolean
  duplicateRate: number
  outOfOrder: boolean
  outage: boolean
}

const noFaults = (): NationalFaults => ({ errorRate: 0, latencyMs: 0, hang: false, duplicateRate: 0, outOfOrder: false, outage: false })

const FaultsBody = Type.Object(
  {
    errorRate: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    latencyMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 120_000 })),
    hang: Type.Optional(Type.Boolean()),
    duplicateRate: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    outOfOrder: Type.Optional(Type.Boolean()),
    outage: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

interface ReceivedMessage {
  messageId: string
  kind: 'register' | 'progress' | 'result' | 'ack'
  clueId: string
  localClaimId: string | null
  seq: number | null
  /** Deliveries of this messageId, the first included. */
  deliveries: number
  receivedAt: string
}

interface StoredClue {
  clueId: string
  origin: 'dispatched' | 'registered'
  localClaimId: string | null
  dispatched?: DispatchedClue
  acked: boolean
  progress: PlatformProgress | null
  outcome: OutcomeCategory | null
  amountRecoveredFen: number | null
  lastMessageId: string | null
  lastSeq: number
  updatedAt: string
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴']
const GIVEN = ['建国', '秀英', '志强', '桂兰', '小龙', '德明', '春花', '海涛', '红梅', '国庆']
const TOWN_CODES = ['yaoguan', 'henglin', 'hengshanqiao', 'lucheng', 'qishuyan', 'dingyan']
const INDUSTRIES = ['construction', 'manufacturing', 'services', 'other']

const pick = <T>(items: readonly T[]): T => items[randomInt(items.length)] as T

/** Dates travel as ISO strings; the deadline is the platform's 15 calendar days. */
function generateClue(seq: number, at: Date, overrides: Partial<DispatchedClue> = {}): DispatchedClue {
  const month = `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`
  return {
    clueId: `GJ${at.getUTCFullYear()}${String(seq).padStart(8, '0')}${String(randomInt(100)).padStart(2, '0')}`,
    dispatchSeq: seq,
    dispatchedAt: at.toISOString(),
    dueAt: new Date(at.getTime() + 15 * 86_400_000).toISOString(),
    town: pick(TOWN_CODES),
    industry: pick(INDUSTRIES),
    claimant: { name: pick(SURNAMES) + pick(GIVEN), phone: `13${randomInt(100_000_000, 999_999_999)}` },
    employer: { name: `常州${pick(['宏达', '恒信', '金城', '华泰'])}建设工程有限公司` },
    periodFrom: month,
    periodTo: month,
    amountOwedFen: randomInt(100_000, 5_000_000),
    workersCount: randomInt(1, 8),
    description: '通过全国根治欠薪线索反映平台反映：工资被拖欠。',
    ...overrides,
    ...(overrides.dispatchSeq === undefined ? {} : {}),
  }
}


function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[items[i], items[j]] = [items[j] as T, items[i] as T]
  }
  return items
}

const encodeCursor = (n: number) => Buffer.from(`d:${n}`).toString('base64url')
const decodeCursor = (cursor: string | undefined): number | undefined => {
  if (cursor === undefined || cursor === '') return 0
  const text = Buffer.from(cursor, 'base64url').toString('utf8')
  const match = /^d:(\d+)$/.exec(text)
  return match ? Number(match[1]) : undefined
}

export const nationalSimulator: FastifyPluginAsyncTypebox<NationalSimulatorOptions> = async (app, options) => {
  let faults = noFaults()
  let nonces: NonceStore = createMemoryNonceStore()
  let webhookUrl = options.webhookUrl
  let clues = new Map<string, StoredClue>()
  let feed: DispatchedClue[] = []
  let byLocalClaim = new Map<string, string>()
  /** messageId → the answer first given, and the record of the message. */
  let answers = new Map<string, { status: number; body: unknown; record: ReceivedMessage }>()
  let received: ReceivedMessage[] = []
  let orderViolations: { localClaimId: string; seq: number; after: number }[] = []
  const lastSeqByClaim = new Map<string, number>()
  let nextDispatchSeq = 1
  let pushStats = { attempted: 0, delivered: 0, failed: 0 }
  const closing = new AbortController()
  let generator: NodeJS.Timeout | undefined

  redactQueriesInLogs(app)

  const sign = (reply: FastifyReply, request: FastifyRequest, status: number, body: string) =>
    signMessage({ appId: options.appId, secret: options.appSecret, method: request.method, path: request.url, body, status })

  async function push(clue: DispatchedClue) {
    const url = webhookUrl
    if (url === undefined) return
    const body = JSON.stringify({ messageId: randomUUID(), sentAt: new Date().toISOString(), clues: [clue] })
    const path = new URL(url).pathname + new URL(url).search
    pushStats.attempted++
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signMessage({ appId: options.appId, secret: options.appSecret, method: 'POST', path, body }),
        },
        body,
        signal: AbortSignal.any([closing.signal, AbortSignal.timeout(10_000)]),
      })
      await response.text()
      if (response.ok) pushStats.delivered++
      else pushStats.failed++
    } catch {
      // Pull is the safety net: whatever a push missed, the next pull brings.
      pushStats.failed++
    }
  }

  function dispatch(overrides: Partial<DispatchedClue>[]): DispatchedClue[] {
    const made: DispatchedClue[] = []
    for (const override of overrides) {
      const clue = generateClue(nextDispatchSeq++, new Date(), override)
      clues.set(clue.clueId, {
        clueId: clue.clueId,
        origin: 'dispatched',
        localClaimId: null,
        dispatched: clue,
        acked: false,
        progress: null,
        outcome: null,
        amountRecoveredFen: null,
        lastMessageId: null,
        lastSeq: 0,
        updatedAt: clue.dispatchedAt,
      })
      feed.push(clue)
      made.push(clue)
    }
    if (webhookUrl !== undefined) {
      // The switches as they are now decide these pushes, whatever they are by the time they go.
      const order = faults.outOfOrder ? shuffle([...made]) : made
      const deliveries = order.flatMap((clue) => (faults.duplicateRate > 0 && Math.random() < faults.duplicateRate ? [clue, clue] : [clue]))
      void (async () => {
        for (const clue of deliveries) await push(clue)
      })()
    }
    return made
  }

  function setGenerator(perMinute: number) {
    if (generator) clearInterval(generator)
    generator = undefined
    if (perMinute > 0) {
      generator = setInterval(() => dispatch([{}]), Math.max(10, Math.round(60_000 / perMinute)))
      generator.unref()
    }
  }
  setGenerator(options.cluesPerMinute ?? 0)

  app.addHook('preClose', (done) => {
    closing.abort()
    if (generator) clearInterval(generator)
    done()
  })

  const controlRoutes: FastifyPluginAsyncTypebox = async (control) => {
    control.setErrorHandler((error: FastifyError, _request, reply) =>
      reply.status(error.statusCode ?? 500).send({ error: { code: error.code ?? 'INTERNAL', message: error.message } }),
    )
    control.post('/faults', { schema: { body: FaultsBody } }, async (request) => {
      faults = { ...noFaults(), ...request.body }
      return { faults }
    })
    control.post('/outage', { schema: { body: Type.Object({ on: Type.Boolean() }) } }, async (request) => {
      faults = { ...faults, outage: request.body.on }
      return { faults }
    })
    control.post(
      '/dispatch',
      {
        schema: {
          body: Type.Object({
            count: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
            clues: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()))),
          }),
        },
      },
      async (request) => {
        const overrides = (request.body.clues ?? []) as Partial<DispatchedClue>[]
        const extra = Array.from({ length: request.body.count ?? 0 }, () => ({}))
        return { clues: dispatch([...overrides, ...extra]) }
      },
    )
    control.post('/generator', { schema: { body: Type.Object({ perMinute: Type.Number({ minimum: 0, maximum: 60_000 }) }) } }, async (request) => {
      setGenerator(request.body.perMinute)
      return { perMinute: request.body.perMinute }
    })
    control.post('/webhook', { schema: { body: Type.Object({ url: Type.Union([Type.String(), Type.Null()]) }) } }, async (request) => {
      webhookUrl = request.body.url ?? undefined
      return { url: webhookUrl ?? null }
    })
    control.get('/messages', { schema: { querystring: Type.Object({ localClaimId: Type.Optional(Type.String()) }) } }, async (request) => {
      const wanted = request.query.localClaimId
      const items = wanted === undefined ? received : received.filter((m) => m.localClaimId === wanted)
      const deliveries = received.reduce((sum, m) => sum + m.deliveries, 0)
      return { items, stats: { accepted: received.length, deliveries, orderViolations: orderViolations.length, push: pushStats }, orderViolations }
    })
    control.get('/clues', async () => ({ items: [...clues.values()] }))
    control.post(
      '/clues/:clueId/override',
      {
        schema: {
          params: Type.Object({ clueId: Type.String() }),
          body: Type.Object({ progress: Type.Optional(Type.Enum([...PLATFORM_PROGRESS])), outcome: Type.Optional(Type.Enum([...OUTCOME_CATEGORIES])) }),
        },
      },
      async (request, reply) => {
        const clue = clues.get(request.params.clueId)
        if (!clue) return reply.status(404).send({ error: { code: 'CLUE_NOT_FOUND', message: 'no such clue' } })
        if (request.body.progress !== undefined) clue.progress = request.body.progress
        if (request.body.outcome !== undefined) clue.outcome = request.body.outcome
        clue.updatedAt = new Date().toISOString()
        return clue
      },
    )
    control.post('/reset', async (_request, reply) => {
      faults = noFaults()
      nonces = createMemoryNonceStore()
      clues = new Map()
      feed = []
      byLocalClaim = new Map()
      answers = new Map()
      received = []
      orderViolations = []
      lastSeqByClaim.clear()
      nextDispatchSeq = 1
      pushStats = { attempted: 0, delivered: 0, failed: 0 }
      webhookUrl = options.webhookUrl
      setGenerator(options.cluesPerMinute ?? 0)
      return reply.status(204).send()
    })
  }
  await app.register(controlRoutes, { prefix: '/__control' })

  const platformRoutes: FastifyPluginAsyncTypebox = async (platform) => {
    const rawBody = keepRawJsonBodies(platform)
    platform.setErrorHandler((error: FastifyError, request, reply) => {
      if ((error.statusCode ?? 500) < 500) return reply.status(400).send({ code: 'INVALID_REQUEST', message: error.message })
      request.log.error({ err: error }, 'national simulator failed')
      return reply.status(500).send({ code: 'SYSTEM_ERROR', message: '系统繁忙' })
    })

    platform.addHook('onRequest', async (request, reply) => {
      if (faults.outage) {
        reply.hijack()
        request.raw.socket.destroy()
        return reply
      }
      if (faults.hang) {
        // Never answers: the caller's timeout is what ends it (or the server closing).
        try {
          await sleep(3_600_000, undefined, { signal: closing.signal })
        } catch {
          // closing
        }
        reply.hijack()
        request.raw.socket.destroy()
        return reply
      }
      if (faults.latencyMs > 0) {
        try {
          await sleep(faults.latencyMs, undefined, { signal: closing.signal })
        } catch {
          reply.hijack()
          request.raw.socket.destroy()
          return reply
        }
        if (request.raw.socket.destroyed) {
          reply.hijack()
          return reply
        }
      }
      if (faults.errorRate > 0 && Math.random() < faults.errorRate) {
        return reply.status(503).send({ code: 'SERVICE_UNAVAILABLE', message: '平台繁忙，请稍后重试' })
      }
    })

    // Requests are verified after the body is read (the signature covers it).
    platform.addHook('preHandler', async (request, reply) => {
      const result = verifySignature({
        headers: request.headers,
        method: request.method,
        path: request.url,
        body: rawBody(request),
        secretFor: (appId) => (appId === options.appId ? options.appSecret : undefined),
        nonces,
      })
      if (!result.ok) return reply.status(401).send({ code: result.code, message: result.message })
    })

    // Every answer is signed, errors included, so the caller can tell ours from a proxy's.
    platform.addHook('onSend', async (request, reply, payload) => {
      const body = typeof payload === 'string' ? payload : ''
      reply.headers(sign(reply, request, reply.statusCode, body))
      return payload
    })

    platform.get(
      '/v1/clues/dispatched',
      { schema: { querystring: Type.Object({ cursor: Type.Optional(Type.String()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }) } },
      async (request, reply) => {
        const after = decodeCursor(request.query.cursor)
        if (after === undefined) return reply.status(400).send({ code: 'INVALID_CURSOR', message: 'cursor is not one we gave out' })
        const limit = request.query.limit ?? 100
        const page = feed.filter((clue) => clue.dispatchSeq > after).slice(0, limit)
        const last = page.at(-1)?.dispatchSeq ?? after
        let items = [...page]
        if (faults.duplicateRate > 0) {
          for (const clue of page) if (Math.random() < faults.duplicateRate) items.push(clue)
        }
        if (faults.outOfOrder) items = shuffle(items)
        return { code: 'OK', data: { items, nextCursor: encodeCursor(last), hasMore: feed.some((clue) => clue.dispatchSeq > last) } }
      },
    )

    platform.get(
      '/v1/clues',
      {
        schema: {
          querystring: Type.Object({
            updatedSince: Type.Optional(Type.String({ format: 'date-time' })),
            cursor: Type.Optional(Type.String()),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
          }),
        },
      },
      async (request) => {
        const since = request.query.updatedSince ?? ''
        const offset = Number(request.query.cursor ?? '0') || 0
        const limit = request.query.limit ?? 500
        const all = [...clues.values()]
          .filter((clue) => clue.updatedAt >= since)
          .sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : a.clueId < b.clueId ? -1 : 1))
        const page = all.slice(offset, offset + limit)
        const items: PlatformClueView[] = page.map((clue) => ({
          clueId: clue.clueId,
          origin: clue.origin,
          localClaimId: clue.localClaimId,
          progress: clue.progress,
          outcome: clue.outcome,
          amountRecoveredFen: clue.amountRecoveredFen,
          lastMessageId: clue.lastMessageId,
          updatedAt: clue.updatedAt,
        }))
        const next = offset + page.length
        return { code: 'OK', data: { items, nextCursor: next < all.length ? String(next) : null } }
      },
    )

    /**
     * The shared path of every message: a repeat of a messageId gets the original answer; a new
     * one is handled, recorded in arrival order, and — under `duplicateRate` — its answer lost.
     */
    type Handle = (body: Record<string, unknown>, clueId: string | undefined) => { status: number; body: unknown; clueId?: string }
    /** Each message kind's handling, for the single routes and the batch route alike. */
    const handlers = new Map<ReceivedMessage['kind'], Handle>()

    /**
     * The shared path of every message: a repeat of a messageId gets the original answer; a new
     * one is handled and recorded in arrival order. `fresh` says whether it was new.
     */
    function processMessage(kind: ReceivedMessage['kind'], body: Record<string, unknown>, clueIdParam: string | undefined) {
      const messageId = body.messageId
      if (typeof messageId !== 'string' || !/^[0-9a-f-]{36}$/i.test(messageId)) {
        return { status: 400, body: { code: 'INVALID_MESSAGE_ID', message: 'messageId must be a UUID' } as unknown, fresh: false }
      }
      const seen = answers.get(messageId)
      if (seen) {
        seen.record.deliveries++
        return { status: seen.status, body: seen.body, fresh: false }
      }
      const handle = handlers.get(kind)
      if (!handle) return { status: 400, body: { code: 'INVALID_KIND', message: `unknown message kind ${kind}` } as unknown, fresh: false }
      const answer = handle(body, clueIdParam)
      if (answer.status >= 200 && answer.status < 300) {
        const localClaimId = typeof body.localClaimId === 'string' ? body.localClaimId : null
        const seq = typeof body.seq === 'number' ? body.seq : null
        const record: ReceivedMessage = {
          messageId,
          kind,
          clueId: answer.clueId ?? clueIdParam ?? '',
          localClaimId,
          seq,
          deliveries: 1,
          receivedAt: new Date().toISOString(),
        }
        if (localClaimId !== null && seq !== null) {
          const last = lastSeqByClaim.get(localClaimId) ?? 0
          if (seq <= last) orderViolations.push({ localClaimId, seq, after: last })
          else lastSeqByClaim.set(localClaimId, seq)
        }
        received.push(record)
        answers.set(messageId, { status: answer.status, body: answer.body, record })
        const clue = clues.get(record.clueId)
        if (clue) {
          clue.lastMessageId = messageId
          clue.updatedAt = record.receivedAt
        }
        return { status: answer.status, body: answer.body, fresh: true }
      }
      return { status: answer.status, body: answer.body, fresh: false }
    }

    /** Under `duplicateRate`, the work is done and the answer lost: the caller will send it again. */
    const loseAnswer = () => faults.duplicateRate > 0 && Math.random() < faults.duplicateRate
    const busy = (reply: FastifyReply) => reply.status(503).send({ code: 'SERVICE_UNAVAILABLE', message: '平台繁忙，请稍后重试' })

    const handleMessage = (kind: ReceivedMessage['kind'], handle: Handle) => {
      handlers.set(kind, handle)
      return async (request: FastifyRequest<{ Params: { clueId?: string } }>, reply: FastifyReply) => {
        const body = isRecord(request.body) ? request.body : {}
        const outcome = processMessage(kind, body, request.params.clueId)
        if (outcome.fresh && loseAnswer()) return busy(reply)
        return reply.status(outcome.status).send(outcome.body)
      }
    }

    const ok = (messageId: unknown, data: unknown, clueId?: string) => ({ status: 200, body: { code: 'OK', messageId, data }, clueId })
    const refuse = (status: number, code: string, message: string) => ({ status, body: { code, message } })
    const Params = { params: Type.Object({ clueId: Type.String() }) }

    platform.post(
      '/v1/clues',
      handleMessage('register', (body) => {
        const payload = isRecord(body.payload) ? body.payload : undefined
        const localClaimId = payload?.localClaimId
        if (typeof localClaimId !== 'string' || typeof payload?.reference !== 'string') {
          return refuse(400, 'INVALID_PAYLOAD', 'payload.localClaimId and payload.reference are required')
        }
        // A claim registered twice under two message ids is still one clue.
        let clueId = byLocalClaim.get(localClaimId)
        if (clueId === undefined) {
          clueId = `HX${Date.now()}${String(randomInt(1_000_000)).padStart(6, '0')}`
          byLocalClaim.set(localClaimId, clueId)
          clues.set(clueId, {
            clueId,
            origin: 'registered',
            localClaimId,
            acked: true,
            progress: 'RECEIVED',
            outcome: null,
            amountRecoveredFen: null,
            lastMessageId: null,
            lastSeq: 0,
            updatedAt: new Date().toISOString(),
          })
        }
        return ok(body.messageId, { clueId }, clueId)
      }),
    )

    platform.post(
      '/v1/clues/:clueId/ack',
      { schema: Params },
      handleMessage('ack', (body, clueId) => {
        const clue = clueId === undefined ? undefined : clues.get(clueId)
        if (!clue || clue.origin !== 'dispatched') return refuse(404, 'CLUE_NOT_FOUND', '线索不存在')
        clue.acked = true
        const payload = isRecord(body.payload) ? body.payload : {}
        if (typeof payload.localClaimId === 'string') clue.localClaimId = payload.localClaimId
        return ok(body.messageId, { clueId: clue.clueId, acked: true }, clue.clueId)
      }),
    )

    platform.post(
      '/v1/clues/:clueId/progress',
      { schema: Params },
      handleMessage('progress', (body, clueId) => {
        const clue = clueId === undefined ? undefined : clues.get(clueId)
        if (!clue) return refuse(404, 'CLUE_NOT_FOUND', '线索不存在')
        const payload = isRecord(body.payload) ? body.payload : {}
        if (!PLATFORM_PROGRESS.includes(payload.status as PlatformProgress)) {
          return refuse(400, 'INVALID_PAYLOAD', `payload.status must be one of ${PLATFORM_PROGRESS.join(', ')}`)
        }
        clue.progress = payload.status as PlatformProgress
        return ok(body.messageId, { clueId: clue.clueId, progress: clue.progress }, clue.clueId)
      }),
    )

    platform.post(
      '/v1/clues/:clueId/result',
      { schema: Params },
      handleMessage('result', (body, clueId) => {
        const clue = clueId === undefined ? undefined : clues.get(clueId)
        if (!clue) return refuse(404, 'CLUE_NOT_FOUND', '线索不存在')
        const payload = isRecord(body.payload) ? body.payload : {}
        if (!OUTCOME_CATEGORIES.includes(payload.outcome as OutcomeCategory)) {
          return refuse(400, 'INVALID_PAYLOAD', `payload.outcome must be one of ${OUTCOME_CATEGORIES.join(', ')}`)
        }
        const amount = payload.amountRecoveredFen
        const workersPaid = payload.workersPaid
        if (!Number.isSafeInteger(amount) || (amount as number) < 0 || !Number.isSafeInteger(workersPaid) || (workersPaid as number) < 0) {
          return refuse(400, 'INVALID_PAYLOAD', 'payload.amountRecoveredFen and payload.workersPaid must be non-negative integers')
        }
        if (typeof payload.closedOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(payload.closedOn)) {
          return refuse(400, 'INVALID_PAYLOAD', 'payload.closedOn must be YYYY-MM-DD')
        }
        clue.outcome = payload.outcome as OutcomeCategory
        clue.amountRecoveredFen = amount as number
        clue.progress = 'CLOSED'
        return ok(body.messageId, { clueId: clue.clueId, outcome: clue.outcome }, clue.clueId)
      }),
    )

    /**
     * Many messages in one request (at most one per claim is in flight, so order holds): each item
     * is handled as its single route would, with its own answer. Under `duplicateRate` the whole
     * answer is lost after the work, and the resent batch is answered from the stored answers.
     */
    platform.post('/v1/messages/batch', async (request, reply) => {
      const body = isRecord(request.body) ? request.body : {}
      const items = body.items
      if (!Array.isArray(items) || items.length === 0 || items.length > 500) {
        return reply.status(400).send({ code: 'INVALID_PAYLOAD', message: 'items must hold 1–500 messages' })
      }
      let anyFresh = false
      const results = items.map((item: unknown) => {
        const message = isRecord(item) ? item : {}
        const kind = message.kind as ReceivedMessage['kind']
        const clueId = typeof message.clueId === 'string' ? message.clueId : undefined
        const outcome = processMessage(kind, message, clueId)
        anyFresh ||= outcome.fresh
        const answer = isRecord(outcome.body) ? outcome.body : {}
        return { messageId: message.messageId ?? null, status: outcome.status, ...answer }
      })
      if (anyFresh && loseAnswer()) return busy(reply)
      return reply.status(200).send({ code: 'OK', data: { results } })
    })
  }
  await app.register(platformRoutes)
}
