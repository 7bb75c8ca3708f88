/**
 * The simulated platform's protocol routes (docs/national-platform.md): every request signed and
 * verified after its body is read, every answer signed back, each message accepted once by its
 * messageId (store.ts), the failure switches applied first (faults.ts).
 */
import { isRecord } from '@huxin/shared'
import { randomInt } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { keepRawJsonBodies } from '../../../lib/raw-json-body'
import { OUTCOME_CATEGORIES, PLATFORM_PROGRESS, type OutcomeCategory, type PlatformClueView, type PlatformProgress } from '../protocol'
import { signMessage, verifySignature } from '../signing'
import type { SimulatorContext } from './context'
import { applyNationalFaults, busyAnswer } from './faults'
import { acceptMessage, decodeCursor, encodeCursor, shuffle, type MessageHandler, type MessageKind } from './store'

export function platformRoutes(sim: SimulatorContext): FastifyPluginAsyncTypebox {
  const { options } = sim
  return async (platform) => {
    const rawBody = keepRawJsonBodies(platform)
    platform.setErrorHandler((error: FastifyError, request, reply) => {
      if ((error.statusCode ?? 500) < 500) return reply.status(400).send({ code: 'INVALID_REQUEST', message: error.message })
      request.log.error({ err: error }, 'national simulator failed')
      return reply.status(500).send({ code: 'SYSTEM_ERROR', message: '系统繁忙' })
    })

    applyNationalFaults(platform, () => sim.faults, sim.closing)

    // Requests are verified after the body is read (the signature covers it).
    platform.addHook('preHandler', async (request, reply) => {
      const result = verifySignature({
        headers: request.headers,
        method: request.method,
        path: request.url,
        body: rawBody(request),
        secretFor: (appId) => (appId === options.appId ? options.appSecret : undefined),
        nonces: sim.nonces,
      })
      if (!result.ok) return reply.status(401).send({ code: result.code, message: result.message })
    })

    // Every answer is signed, errors included, so the caller can tell ours from a proxy's.
    platform.addHook('onSend', async (request, reply, payload) => {
      const body = typeof payload === 'string' ? payload : ''
      reply.headers(signMessage({ appId: options.appId, secret: options.appSecret, method: request.method, path: request.url, body, status: reply.statusCode }))
      return payload
    })

    platform.get(
      '/v1/clues/dispatched',
      { schema: { querystring: Type.Object({ cursor: Type.Optional(Type.String()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }) } },
      async (request, reply) => {
        const { feed } = sim.store
        const after = decodeCursor(request.query.cursor)
        if (after === undefined) return reply.status(400).send({ code: 'INVALID_CURSOR', message: 'cursor is not one we gave out' })
        const limit = request.query.limit ?? 100
        const page = feed.filter((clue) => clue.dispatchSeq > after).slice(0, limit)
        const last = page.at(-1)?.dispatchSeq ?? after
        let items = [...page]
        if (sim.faults.duplicateRate > 0) {
          for (const clue of page) if (Math.random() < sim.faults.duplicateRate) items.push(clue)
        }
        if (sim.faults.outOfOrder) items = shuffle(items)
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
        const all = [...sim.store.clues.values()]
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
          transferTo: clue.transferTo,
          lastMessageId: clue.lastMessageId,
          updatedAt: clue.updatedAt,
        }))
        const next = offset + page.length
        return { code: 'OK', data: { items, nextCursor: next < all.length ? String(next) : null } }
      },
    )

    /** Each message kind's handling, for the single routes and the batch route alike. */
    const handlers = new Map<MessageKind, MessageHandler>()
    const accept = (kind: MessageKind, body: Record<string, unknown>, clueId: string | undefined) =>
      acceptMessage(sim.store, handlers.get(kind), kind, body, clueId)

    /** Under `duplicateRate`, the work is done and the answer lost: the caller will send it again. */
    const loseAnswer = () => sim.faults.duplicateRate > 0 && Math.random() < sim.faults.duplicateRate
    const busy = (reply: FastifyReply) => reply.status(503).send(busyAnswer)

    const handleMessage = (kind: MessageKind, handle: MessageHandler) => {
      handlers.set(kind, handle)
      return async (request: FastifyRequest<{ Params: { clueId?: string } }>, reply: FastifyReply) => {
        const body = isRecord(request.body) ? request.body : {}
        const outcome = accept(kind, body, request.params.clueId)
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
        const { clues, byLocalClaim } = sim.store
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
            transferTo: null,
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
        const clue = clueId === undefined ? undefined : sim.store.clues.get(clueId)
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
        const clue = clueId === undefined ? undefined : sim.store.clues.get(clueId)
        if (!clue) return refuse(404, 'CLUE_NOT_FOUND', '线索不存在')
        const payload = isRecord(body.payload) ? body.payload : {}
        if (!PLATFORM_PROGRESS.includes(payload.status as PlatformProgress)) {
          return refuse(400, 'INVALID_PAYLOAD', `payload.status must be one of ${PLATFORM_PROGRESS.join(', ')}`)
        }
        clue.progress = payload.status as PlatformProgress
        if (typeof payload.transferTo === 'string' && payload.transferTo !== '') clue.transferTo = payload.transferTo
        return ok(body.messageId, { clueId: clue.clueId, progress: clue.progress }, clue.clueId)
      }),
    )

    platform.post(
      '/v1/clues/:clueId/result',
      { schema: Params },
      handleMessage('result', (body, clueId) => {
        const clue = clueId === undefined ? undefined : sim.store.clues.get(clueId)
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
        if (payload.outcome === 'TRANSFERRED_JURISDICTION' && (typeof payload.transferTo !== 'string' || payload.transferTo === '')) {
          return refuse(400, 'INVALID_PAYLOAD', 'payload.transferTo must name the bureau with outcome TRANSFERRED_JURISDICTION')
        }
        clue.outcome = payload.outcome as OutcomeCategory
        if (typeof payload.transferTo === 'string' && payload.transferTo !== '') clue.transferTo = payload.transferTo
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
        const kind = message.kind as MessageKind
        const clueId = typeof message.clueId === 'string' ? message.clueId : undefined
        const outcome = accept(kind, message, clueId)
        anyFresh ||= outcome.fresh
        const answer = isRecord(outcome.body) ? outcome.body : {}
        return { messageId: message.messageId ?? null, status: outcome.status, ...answer }
      })
      if (anyFresh && loseAnswer()) return busy(reply)
      return reply.status(200).send({ code: 'OK', data: { results } })
    })
  }
}
