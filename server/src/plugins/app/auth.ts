import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { HttpError } from '../../lib/http-errors'
import type { Role } from '../../repositories/users-repository'
import type { AccessClaims } from '../../services/auth'

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims
    user: AccessClaims
  }
}

type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandler: a valid access token, else 401. */
    authenticate: Guard
    /** preHandler: a valid access token of one of these roles, else 401/403. */
    requireRole(...roles: Role[]): Guard
  }
}

const ROLES: readonly string[] = ['worker', 'inspector', 'supervisor', 'admin']

export default fp(
  async (app) => {
    const authenticate: Guard = async (request) => {
      try {
        await request.jwtVerify()
      } catch {
        throw new HttpError(401, 'UNAUTHORIZED', '请先登录')
      }
      const { sub, role } = request.user
      if (typeof sub !== 'string' || !ROLES.includes(role)) throw new HttpError(401, 'UNAUTHORIZED', '请先登录')
    }
    app.decorate('authenticate', authenticate)
    app.decorate('requireRole', (...roles: Role[]): Guard => async (request, reply) => {
      await authenticate(request, reply)
      if (!roles.includes(request.user.role)) throw new HttpError(403, 'FORBIDDEN', '没有权限')
    })
  },
  { name: 'auth', dependencies: ['jwt'] },
)
