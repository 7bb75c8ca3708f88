import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { HttpError } from '../../lib/http-errors'
import jwtPlugin from './jwt'
import { createUsersRepository, type Role, type UsersRepository } from './repository'
import authRoutes from './routes'
import type { AccessClaims, AuthDeps } from './service'

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims
    user: AccessClaims
  }
}

type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>

declare module '../../plugins/database' {
  interface Repositories {
    users: UsersRepository
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** What the sign-in services need: users, PII cipher, WeChat, SMS, token signing. */
    authDeps: AuthDeps
    /** preHandler: a valid access token, else 401. */
    authenticate: Guard
    /** preHandler: a valid access token of one of these roles, else 401/403. */
    requireRole(...roles: Role[]): Guard
  }
}

const ROLES: readonly string[] = ['worker', 'inspector', 'supervisor', 'admin']

/**
 * Worker and staff sessions: JWT access tokens, the `authenticate` and `requireRole` guards, and
 * the sign-in routes under /api/v1/auth.
 */
export default fp(
  async (app) => {
    await app.register(jwtPlugin, { secret: app.config.jwtSecret })
    app.repos.users = createUsersRepository(app.db)
    app.decorate('authDeps', {
      db: app.db,
      users: app.repos.users,
      pii: app.pii,
      wechat: app.wechat,
      sms: app.sms,
      signAccessToken: (claims) => app.jwt.sign(claims),
      log: app.log,
    })
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
    await app.register(authRoutes, { prefix: '/api/v1/auth' })
  },
  { name: 'auth', dependencies: ['config', 'database', 'pii', 'wechat', 'sms'] },
)
