import jwt from '@fastify/jwt'
import fp from 'fastify-plugin'

export const JWT_ISSUER = 'huxin'
export const JWT_AUDIENCE = 'huxin-api'

/**
 * Access tokens: HS256 pinned (no `alg: none`, no algorithm confusion), issuer and audience
 * checked. Sign-in routes and the `authenticate` guard build on this.
 */
export default fp<{ secret: string }>(
  async (app, { secret }) => {
    await app.register(jwt, {
      secret,
      sign: { algorithm: 'HS256', iss: JWT_ISSUER, aud: JWT_AUDIENCE, expiresIn: '15m' },
      // A worker's phone makes several calls with one token: verified tokens are cached (by the
      // whole token, until their exp) so the signature is checked once, not on every call.
      // `allowedIss`/`allowedAud` alone pass a token that lacks the claim: require exp, aud and iss
      // (and sub), so a token signed without an expiry or for another audience never counts.
      verify: {
        algorithms: ['HS256'],
        allowedIss: JWT_ISSUER,
        allowedAud: JWT_AUDIENCE,
        requiredClaims: ['exp', 'aud', 'iss', 'sub'],
        cache: 1000,
      },
    })
  },
  { name: 'jwt' },
)
