import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  ErrorResponseSchema,
  RefreshBody,
  SmsRequestAccepted,
  SmsRequestBody,
  SmsVerifyBody,
  StaffLoginBody,
  TokenPairSchema,
  WechatLoginBody,
} from '@huxin/shared'
import {
  assertVerifyAllowed,
  refreshSession,
  requestSmsCode,
  signInWithWechat,
  signOut,
  verifySmsCode,
} from './service'
import { signInStaff } from './staff-sign-in'
import { BEARER_AUTH } from '../../lib/http-errors'

/** Sign-in and tokens (API.md, Auth). */
const auth: FastifyPluginAsyncTypebox = async (app) => {
  const errors = { 400: ErrorResponseSchema, 401: ErrorResponseSchema, 429: ErrorResponseSchema }

  app.post(
    '/wechat',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with the code from wx.login()',
        body: WechatLoginBody,
        response: { 200: TokenPairSchema, ...errors, 403: ErrorResponseSchema, 503: ErrorResponseSchema },
      },
    },
    async (request) => signInWithWechat(app.authDeps, request.body.code),
  )

  app.post(
    '/sms/request',
    {
      schema: {
        tags: ['auth'],
        summary: 'Send a 6-digit sign-in code by SMS (valid 5 minutes)',
        body: SmsRequestBody,
        response: { 202: SmsRequestAccepted, ...errors, 503: ErrorResponseSchema },
      },
    },
    async (request, reply) => reply.status(202).send(await requestSmsCode(app.authDeps, request.body.phone, request.ip)),
  )

  app.post(
    '/sms/verify',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with the SMS code (at most 5 tries per code)',
        body: SmsVerifyBody,
        response: { 200: TokenPairSchema, ...errors, 403: ErrorResponseSchema },
      },
    },
    async (request) => {
      await assertVerifyAllowed(app.authDeps, request.ip)
      return verifySmsCode(app.authDeps, request.body.phone, request.body.code, request.ip)
    },
  )

  app.post(
    '/staff/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Staff sign-in: username, password and (supervisors, admins) a TOTP code',
        body: StaffLoginBody,
        response: { 200: TokenPairSchema, ...errors, 403: ErrorResponseSchema, 423: ErrorResponseSchema },
        description:
          'Five failures from one address lock that address out of the account for 15 minutes (423); too many failures from one address, or against one account from all addresses, are throttled (429 with retry-after).',
      },
    },
    async (request) => signInStaff(app.authDeps, request.body, request.ip),
  )

  app.post(
    '/refresh',
    {
      schema: {
        tags: ['auth'],
        summary: 'Trade a refresh token for a new pair; the old one is spent',
        body: RefreshBody,
        response: { 200: TokenPairSchema, ...errors },
      },
    },
    async (request) => refreshSession(app.authDeps, request.body.refreshToken),
  )

  app.post(
    '/logout',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['auth'],
        summary: 'End the session: its refresh tokens are revoked; for staff every access token of the account is refused from now on',
        security: BEARER_AUTH,
        body: RefreshBody,
        response: { 204: { type: 'null' }, ...errors },
      },
    },
    async (request, reply) => {
      await signOut(app.authDeps, request.body.refreshToken, request.user)
      return reply.status(204).send(null)
    },
  )
}

export default auth
