import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import Type from 'typebox'
import { ErrorResponseSchema, STAFF_ROLES, TOWN_CODES, type StaffRole } from '@huxin/shared'
import { refreshTokens, users } from '../../db/schema/index'
import { HttpError, notFound, validationFailed } from '../../lib/http-errors'
import { hashPassword, passwordProblem } from '../auth/index'
import { newTotpSecret, otpauthUri } from '../auth/index'
import { needsTotp } from '../auth/index'

const StaffAccountSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  role: Type.Enum([...STAFF_ROLES]),
  towns: Type.Array(Type.String()),
  totpEnrolled: Type.Boolean(),
  disabledAt: Type.Optional(Type.String({ format: 'date-time' })),
  lockedUntil: Type.Optional(Type.String({ format: 'date-time', description: 'set while 5 failed sign-ins lock the account' })),
  lastLoginAt: Type.Optional(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
})
const WithEnrolment = Type.Object({
  account: StaffAccountSchema,
  totpUri: Type.Optional(Type.String({ description: 'otpauth:// URI with secret=…, shown once; supervisors and admins' })),
})
const Username = Type.String({ pattern: '^[A-Za-z0-9_.-]{2,64}$', description: '2–64 letters, digits, _ . -' })
const Towns = Type.Array(Type.Enum([...TOWN_CODES]), { maxItems: TOWN_CODES.length, uniqueItems: true })
const errors = {
  400: ErrorResponseSchema,
  401: ErrorResponseSchema,
  403: ErrorResponseSchema,
  404: ErrorResponseSchema,
  409: ErrorResponseSchema,
}
const secured = [{ bearerAuth: [] }]

type UserRow = typeof users.$inferSelect

const view = (u: UserRow) => ({
  id: u.id,
  username: u.username ?? '',
  role: u.role as StaffRole,
  towns: u.towns,
  totpEnrolled: u.totpSecretEnc !== null,
  ...(u.disabledAt ? { disabledAt: u.disabledAt.toISOString() } : {}),
  ...(u.lockedUntil && u.lockedUntil.getTime() > Date.now() ? { lockedUntil: u.lockedUntil.toISOString() } : {}),
  ...(u.lastLoginAt ? { lastLoginAt: u.lastLoginAt.toISOString() } : {}),
  createdAt: u.createdAt.toISOString(),
})

function checkPassword(password: string, field: string) {
  const problem = passwordProblem(password)
  if (problem) throw validationFailed([{ field, message: problem }])
}

function checkTowns(role: StaffRole, towns: readonly string[], field: string) {
  if (role === 'inspector' && towns.length === 0) {
    throw validationFailed([{ field, message: '监察员至少负责一个镇（街道）' }])
  }
}

/**
 * Admins manage the staff accounts (issue: inspector casework, Staff accounts): create with a
 * password that passes the strength rule (and a TOTP enrolment for supervisors and admins, shown
 * once), change role and towns, reset a password or the second factor, unlock, disable. Disabling,
 * a new password and a new second factor end the account's sessions (refresh tokens revoked; an
 * access token lives at most 15 minutes). An admin cannot disable or demote themself, so the
 * bureau is never left without one by mistake. Each change is logged with who made it.
 */
const staffAccounts: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preHandler', app.requireRole('admin'))

  async function find(id: string): Promise<UserRow> {
    const [row] = await app.db.select().from(users).where(and(eq(users.id, id), inArray(users.role, [...STAFF_ROLES])))
    if (!row) throw notFound()
    return row
  }

  const endSessions = (userId: string) =>
    app.db
      .update(refreshTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)))

  app.get(
    '/',
    {
      schema: {
        tags: ['admin'],
        summary: 'Staff accounts',
        security: secured,
        querystring: Type.Object({ role: Type.Optional(Type.Enum([...STAFF_ROLES])), town: Type.Optional(Type.Enum([...TOWN_CODES])) }),
        response: { 200: Type.Object({ items: Type.Array(StaffAccountSchema) }), ...errors },
      },
    },
    async (request) => {
      const { role, town } = request.query
      const rows = await app.db
        .select()
        .from(users)
        .where(
          and(
            role ? eq(users.role, role) : inArray(users.role, [...STAFF_ROLES]),
            town ? sql`${town} = any(${users.towns})` : undefined,
          ),
        )
        .orderBy(asc(users.username))
      return { items: rows.map(view) }
    },
  )

  app.post(
    '/',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create a staff account',
        security: secured,
        body: Type.Object(
          { username: Username, password: Type.String({ minLength: 1, maxLength: 200 }), role: Type.Enum([...STAFF_ROLES]), towns: Type.Optional(Towns) },
          { additionalProperties: false },
        ),
        response: { 201: WithEnrolment, ...errors },
      },
    },
    async (request, reply) => {
      const { username, password, role } = request.body
      const towns = request.body.towns ?? []
      checkPassword(password, 'body.password')
      checkTowns(role, towns, 'body.towns')
      const secret = needsTotp(role) ? newTotpSecret() : undefined
      const [row] = await app.db
        .insert(users)
        .values({ username, role, towns, passwordHash: await hashPassword(password), totpSecretEnc: secret ? app.pii.encrypt(secret) : null })
        .onConflictDoNothing({ target: users.username })
        .returning()
      if (!row) throw new HttpError(409, 'USERNAME_TAKEN', '该用户名已被使用', [{ field: 'body.username', message: '该用户名已被使用' }])
      request.log.info({ account: row.id, role, by: request.user.sub }, 'staff account created')
      return reply.status(201).send({ account: view(row), ...(secret ? { totpUri: otpauthUri(secret, username) } : {}) })
    },
  )

  app.patch(
    '/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Change a staff account: role, towns, password, unlock, disable or enable',
        security: secured,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object(
          {
            role: Type.Optional(Type.Enum([...STAFF_ROLES])),
            towns: Type.Optional(Towns),
            password: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            unlock: Type.Optional(Type.Literal(true)),
            disabled: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: WithEnrolment, ...errors },
      },
    },
    async (request) => {
      const current = await find(request.params.id)
      const body = request.body
      const self = current.id === request.user.sub
      if (self && (body.disabled === true || (body.role !== undefined && body.role !== 'admin'))) {
        throw new HttpError(409, 'SELF_LOCKOUT', '不能停用自己的账号或取消自己的管理员权限')
      }
      const role = body.role ?? (current.role as StaffRole)
      const towns = body.towns ?? current.towns
      checkTowns(role, towns, body.towns !== undefined ? 'body.towns' : 'body.role')
      if (body.password !== undefined) checkPassword(body.password, 'body.password')
      // A role that now needs a second factor gets one enrolled here, shown once.
      const secret = needsTotp(role) && current.totpSecretEnc === null ? newTotpSecret() : undefined
      const changes: Partial<typeof users.$inferInsert> = { role, towns }
      if (secret) changes.totpSecretEnc = app.pii.encrypt(secret)
      if (body.password !== undefined) changes.passwordHash = await hashPassword(body.password)
      if (body.unlock) Object.assign(changes, { failedLogins: 0, lockedUntil: null })
      if (body.disabled !== undefined) changes.disabledAt = body.disabled ? (current.disabledAt ?? new Date()) : null
      const [row] = await app.db.update(users).set(changes).where(eq(users.id, current.id)).returning()
      if (body.disabled === true || body.password !== undefined || (body.role !== undefined && body.role !== current.role)) {
        await endSessions(current.id)
      }
      request.log.info(
        { account: current.id, by: request.user.sub, fields: Object.keys(body).filter((k) => k !== 'password').concat(body.password ? ['password'] : []) },
        'staff account changed',
      )
      return { account: view(row!), ...(secret ? { totpUri: otpauthUri(secret, row!.username ?? '') } : {}) }
    },
  )

  app.post(
    '/:id/totp',
    {
      schema: {
        tags: ['admin'],
        summary: 'Enrol a new second factor (a lost phone); the old one stops working',
        security: secured,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: WithEnrolment, ...errors },
      },
    },
    async (request) => {
      const current = await find(request.params.id)
      const secret = newTotpSecret()
      const [row] = await app.db
        .update(users)
        .set({ totpSecretEnc: app.pii.encrypt(secret), totpLastStep: null })
        .where(eq(users.id, current.id))
        .returning()
      await endSessions(current.id)
      request.log.info({ account: current.id, by: request.user.sub }, 'staff second factor re-enrolled')
      return { account: view(row!), totpUri: otpauthUri(secret, row!.username ?? '') }
    },
  )
}

export default staffAccounts
