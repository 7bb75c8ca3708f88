import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify'

/**
 * Makes the JSON parser of `app` (an encapsulated plugin) keep each request's body text as it
 * arrived, which request signatures are computed over (modules/national-sync/signing.ts). Used by the
 * national webhook and the national platform's simulator. Returns the reader of that text.
 */
export function keepRawJsonBodies(app: FastifyInstance): (request: FastifyRequest) => string {
  const rawBodies = new WeakMap<object, string>()
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
  return (request) => rawBodies.get(request) ?? ''
}
