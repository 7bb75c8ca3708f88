import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyError } from 'fastify'
import Type from 'typebox'
import type { DispatchedClue } from './protocol'
import { NONCE_REUSED, NONCE_TTL_SECONDS, verifySignature } from './signing'
import { checkClue, InvalidClueError } from './inbox'
import { createDatabaseNonceStore } from './nonces'
import { keepRawJsonBodies } from '../../lib/raw-json-body'
import { unsafeTextPath } from '../../lib/safe-text'

/**
 * `POST /api/v1/national/webhook`: the national platform pushes dispatched clues here
 * (docs/national-platform.md). It speaks the platform's protocol, not our API's: signed requests
 * (refused with 401 `{ code, message }` when the signature, window or nonce is wrong) and
 * `{ code: 'OK', messageId, data }` answers. A clue already received changes nothing.
 */
const webhook: FastifyPluginAsyncTypebox = async (app) => {
  // Spent nonces live in the database: every server process refuses a replay, not just one.
  const nonces = createDatabaseNonceStore(app.repos.nationalSync)
  const { appId, appSecret } = app.config.national

  const rawBody = keepRawJsonBodies(app)
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if ((error.statusCode ?? 500) < 500) return reply.status(400).send({ code: 'INVALID_REQUEST', message: error.message })
    request.log.error({ err: error }, 'national webhook failed')
    return reply.status(500).send({ code: 'SYSTEM_ERROR', message: 'internal error' })
  })

  // The signature is checked before anything else looks at the body.
  app.addHook('preValidation', async (request, reply) => {
    const verified = verifySignature({
      headers: request.headers,
      method: request.method,
      path: request.url,
      body: rawBody(request),
      secretFor: (id) => (id === appId ? appSecret : undefined),
    })
    if (!verified.ok) return reply.status(401).send({ code: verified.code, message: verified.message })
    if (!(await nonces.remember(verified.nonceKey, NONCE_TTL_SECONDS))) {
      return reply.status(401).send({ code: NONCE_REUSED.code, message: NONCE_REUSED.message })
    }
  })

  const PlatformError = Type.Object({ code: Type.String(), message: Type.String() })
  app.post(
    '/webhook',
    {
      schema: {
        tags: ['national'],
        summary: 'Dispatched clues pushed by the national platform (signed; see docs/national-platform.md)',
        description:
          'Speaks the platform protocol, not this API\'s: X-App-Id, X-Timestamp, X-Nonce and X-Signature headers (HMAC-SHA256), ' +
          'answers `{ code, message }` on refusal: 401 for the signature, window or nonce; 400 `INVALID_CLUE` naming the field when a clue ' +
          'cannot be taken (e.g. a town outside the bureau or an unknown industry), and then none of the message\'s clues is stored. ' +
          'A clue received before changes nothing.',
        body: Type.Object({
          messageId: Type.String({ minLength: 1 }),
          sentAt: Type.Optional(Type.String()),
          clues: Type.Array(Type.Record(Type.String(), Type.Unknown()), { maxItems: 500 }),
        }),
        response: {
          200: Type.Object({
            code: Type.Literal('OK'),
            messageId: Type.String(),
            data: Type.Object({ results: Type.Array(Type.Object({ clueId: Type.String(), disposition: Type.Enum(['created', 'linked', 'duplicate']) })) }),
          }),
          400: PlatformError,
          401: PlatformError,
        },
      },
    },
    async (request, reply) => {
      const { body } = request
      // A clue's fields are free-form to the schema: text PostgreSQL cannot hold is refused here
      // with the protocol's permanent 4xx, since the platform retries a 5xx for ever.
      const unsafe = unsafeTextPath(body.clues, 'clues')
      if (unsafe !== undefined) {
        return reply.status(400).send({ code: 'INVALID_CLUE', message: `${unsafe} contains a NUL character or an unpaired surrogate` })
      }
      const results: { clueId: string; disposition: 'created' | 'linked' | 'duplicate' }[] = []
      const clues = body.clues as unknown as DispatchedClue[]
      // A message with a clue we cannot take (an unknown town or industry…) is refused whole,
      // before any of its clues is stored: the platform gets a permanent error naming the field.
      for (const clue of clues) {
        try {
          checkClue(clue)
        } catch (error) {
          if (error instanceof InvalidClueError) return reply.status(400).send({ code: 'INVALID_CLUE', message: `${error.field} is missing or invalid` })
          throw error
        }
      }
      for (const clue of clues) {
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
