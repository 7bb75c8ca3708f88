import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { HttpError } from '../../lib/http-errors'
import { markGuard } from '../../lib/route-guards'
import jwtPlugin from './jwt'
import { createUsersRepository, type Role, type UsersRepository } from './repository'
import authRoutes from './routes'
import type { AccessClaims, AuthDeps } from './service'

/**
 * Who a request comes from. For staff, `role` and `towns` are read from the database on every
 * request (the token only says who, and which authorisation version it was issued under).
 */
export interface AuthenticatedUser {
  sub: string
  role: Role
  /** Staff: the towns they serve now; absent for workers. */
  towns?: readonly string[]
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims
    user: AuthenticatedUser
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
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

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
    const users = app.repos.users
    const authenticate: Guard = async (request) => {
      let claims: AccessClaims
      try {
        claims = await request.jwtVerify<AccessClaims>()
      } catch {
        throw new HttpError(401, 'UNAUTHORIZED', '请先登录')
      }
      const { sub, role, sv } = claims
      if (typeof sub !== 'string' || !UUID.test(sub) || !ROLES.includes(role)) throw new HttpError(401, 'UNAUTHORIZED', '请先登录')
      // Workers' tokens stand on their own (the filing path stays one statement); a staff
      // token counts only while the account is enabled and its authorisation version unchanged,
      // and what the account may do now comes from its row, not from the token.
      if (role === 'worker') {
        request.user = { sub, role }
        return
      }
      const account = await users.findAuthorization(sub)
      if (!account || account.disabledAt || account.role === 'worker' || account.sessionVersion !== sv) {
        throw new HttpError(401, 'UNAUTHORIZED', '登录已失效，请重新登录')
      }
      request.user = { sub, role: account.role as Role, towns: account.towns }
    }
    app.decorate('authenticate', markGuard(authenticate))
    app.decorate('requireRole', (...roles: Role[]): Guard =>
      markGuard<Guard>(
        async (request, reply) => {
          await authenticate(request, reply)
          if (!roles.includes(request.user.role)) throw new HttpError(403, 'FORBIDDEN', '没有权限')
        },
        { roles },
      ),
    )
    await app.register(authRoutes, { prefix: '/api/v1/auth' })
  },
  { name: 'auth', dependencies: ['config', 'database', 'pii', 'wechat', 'sms'] },
)
