import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { STAFF_ROLES, TOWN_CODES } from '@huxin/shared'
import { changeStaffAccount, createStaffAccount, listStaffAccounts, reenrolSecondFactor, type StaffAccountsDeps } from './service'
import { BEARER_AUTH, errorResponses } from '../../lib/http-errors'

const StaffAccountSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  role: Type.Enum([...STAFF_ROLES]),
  towns: Type.Array(Type.String()),
  totpEnrolled: Type.Boolean(),
  disabledAt: Type.Optional(Type.String({ format: 'date-time' })),
  lockedUntil: Type.Optional(
    Type.String({ format: 'date-time', description: 'set while 5 failed sign-ins from one address lock that address out of the account (unlock clears every address)' }),
  ),
  lastLoginAt: Type.Optional(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
})
const WithEnrolment = Type.Object({
  account: StaffAccountSchema,
  totpUri: Type.Optional(Type.String({ description: 'otpauth:// URI with secret=…, shown once; supervisors and admins' })),
})
const Username = Type.String({ pattern: '^[A-Za-z0-9_.-]{2,64}$', description: '2–64 letters, digits, _ . -' })
const Towns = Type.Array(Type.Enum([...TOWN_CODES]), { maxItems: TOWN_CODES.length, uniqueItems: true })
const errors = errorResponses(400, 401, 403, 404, 409)

/** Admins manage the staff accounts (service.ts); each change is logged with who made it. */
const staffAccounts: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preHandler', app.requireRole('admin'))
  const deps: StaffAccountsDeps = { accounts: app.repos.staffAccounts, pii: app.pii }

  app.get(
    '/',
    {
      schema: {
        tags: ['admin'],
        summary: 'Staff accounts',
        security: BEARER_AUTH,
        querystring: Type.Object({ role: Type.Optional(Type.Enum([...STAFF_ROLES])), town: Type.Optional(Type.Enum([...TOWN_CODES])) }),
        response: { 200: Type.Object({ items: Type.Array(StaffAccountSchema) }), ...errors },
      },
    },
    async (request) => ({ items: await listStaffAccounts(deps, request.query) }),
  )

  app.post(
    '/',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create a staff account',
        security: BEARER_AUTH,
        body: Type.Object(
          { username: Username, password: Type.String({ minLength: 1, maxLength: 200 }), role: Type.Enum([...STAFF_ROLES]), towns: Type.Optional(Towns) },
          { additionalProperties: false },
        ),
        response: { 201: WithEnrolment, ...errors },
      },
    },
    async (request, reply) => {
      const created = await createStaffAccount(deps, request.body)
      request.log.info({ account: created.account.id, role: request.body.role, by: request.user.sub }, 'staff account created')
      return reply.status(201).send(created)
    },
  )

  app.patch(
    '/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Change a staff account: role, towns, password, unlock, disable or enable',
        security: BEARER_AUTH,
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
      const body = request.body
      const changed = await changeStaffAccount(deps, request.params.id, body, request.user.sub)
      request.log.info(
        { account: changed.account.id, by: request.user.sub, fields: Object.keys(body).filter((k) => k !== 'password').concat(body.password ? ['password'] : []) },
        'staff account changed',
      )
      return changed
    },
  )

  app.post(
    '/:id/totp',
    {
      schema: {
        tags: ['admin'],
        summary: 'Enrol a new second factor (a lost phone); the old one stops working',
        security: BEARER_AUTH,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: WithEnrolment, ...errors },
      },
    },
    async (request) => {
      const enrolled = await reenrolSecondFactor(deps, request.params.id)
      request.log.info({ account: enrolled.account.id, by: request.user.sub }, 'staff second factor re-enrolled')
      return enrolled
    },
  )
}

export default staffAccounts
