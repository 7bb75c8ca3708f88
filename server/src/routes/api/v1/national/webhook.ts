import type { FastifyPluginAsync } from 'fastify'
import type { FastifyError } from 'fastify'
import type { DispatchedClue } from '../../../../lib/national-protocol'
import { createMemoryNonceStore, verifySignature } from '../../../../lib/national-signing'
import { InvalidClueError } from '../../../../services/national-sync/inbox'

const rawBodies = new WeakMap<object, string>()

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * `POST /api/v1/national/webhook`: the national platform pushes dispatched clues here
 * (docs/national-platform.md). It speaks the platform's protocol, not our API's: signed requests
 * (refused with 401 `{ code, message }` when the signature, window or nonce is wrong) and
 * `{ code: 'OK', messageId, data }` answers. A clue already received changes nothing.
 */
const webhook: FastifyPluginAsync = async (app) => {
  const nonces = createMemoryNonceStore()
  const { appId, appSecret } = app.config.national

  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8')
    rawBodies.set(request, text)
    try {
      done(null, text === '' ? {} : JSON.parse(text))
    } catch {
      const error = new Error('body is not JSON') as FastifyError
      error.statusCode = 400
      done(error, undefined)
    }
  })
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if ((error.statusCode ?? 500) < 500) return reply.status(400).send({ code: 'INVALID_REQUEST', message: error.message })
    request.log.error({ err: error }, 'national webhook failed')
    return reply.status(500).send({ code: 'SYSTEM_ERROR', message: 'internal error' })
  })

  app.post(
    '/webhook',
    {
      schema: {
        tags: ['national'],
        summary: 'Dispatched clues pushed by the national platform (signed; see docs/national-platform.md)',
        hide: false,
      },
    },
    async (request, reply) => {
      const verified = verifySignature({
        headers: request.headers,
        method: request.method,
        path: request.url,
        body: rawBodies.get(request) ?? '',
        secretFor: (id) => (id === appId ? appSecret : undefined),
        nonces,
      })
      if (!verified.ok) return reply.status(401).send({ code: verified.code, message: verified.message })
      const body = isRecord(request.body) ? request.body : {}
      if (typeof body.messageId !== 'string' || !Array.isArray(body.clues)) {
        return reply.status(400).send({ code: 'INVALID_PAYLOAD', message: 'messageId and clues[] are required' })
      }
      const results: { clueId: string; disposition: string }[] = []
      for (const clue of body.clues as DispatchedClue[]) {
        try {
          const outcome = await app.nationalSync.receive(clue, 'webhook')
          results.push({ clueId: clue.clueId, disposition: outcome.disposition })
        } catch (error) {
          if (error instanceof InvalidClueError) {
            return reply.status(400).send({ code: 'INVALID_CLUE', message: `${error.field} is missing or invalid` })
          }
          throw error
        }
      }
      return reply.status(200).send({ code: 'OK', messageId: body.messageId, data: { results } })
    },
  )
}

export default webhook
