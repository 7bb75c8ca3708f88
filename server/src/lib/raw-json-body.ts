import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify'
import secureJson from 'secure-json-parse'

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
      // secure-json-parse, as Fastify's own parser: a `__proto__` or `constructor.prototype` key
      // is refused rather than handed to code that might merge it into an object.
      done(null, text === '' ? {} : secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }))
    } catch {
      const error = new Error('body is not JSON') as FastifyError
      error.statusCode = 400
      done(error, undefined)
    }
  })
  return (request) => rawBodies.get(request) ?? ''
}
