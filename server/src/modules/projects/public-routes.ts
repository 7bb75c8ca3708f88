import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParamsSchema, LiabilitySchema, ProjectPublicSchema } from '@huxin/shared'
import { BEARER_AUTH, HttpError, errorResponses, notFound } from '../../lib/http-errors'
import { loadActor } from '../casework/index'
import { liabilityOf } from './liability'
import type { ProjectModule } from './module'
import { publicView } from './service'

/**
 * Public reads per client address and minute, counted in `rate_events` (shared by every server
 * process, like the sign-in and anonymous-report limits; docs/projects.md). The bucket names the
 * address by its keyed hash: the table keeps no address.
 */
export const PUBLIC_READS_PER_MINUTE = 30

/** `GET /api/v1/projects/:id/public` (anybody; the sign's QR prefill) and `GET /api/v1/claims/:id/liability` (staff). */
export const projectPublicRoutes: FastifyPluginAsyncTypebox<{ module: ProjectModule }> = async (app, { module }) => {
  app.get(
    '/:id/public',
    {
      schema: {
        tags: ['projects'],
        summary: "What the claim wizard prefills from a site sign's QR code: name, general contractor, town, site — nothing private. Rate-limited per address",
        params: IdParamsSchema,
        response: { 200: ProjectPublicSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (request) => {
      const bucket = `project-public:ip:${app.pii.hash(request.ip)}`
      const wait = await module.deps.projects.consumeRate(bucket, PUBLIC_READS_PER_MINUTE, 60_000, new Date())
      if (wait > 0) throw new HttpError(429, 'RATE_LIMITED', '请求太频繁，请稍后再试', undefined, { 'retry-after': String(wait) })
      const row = await module.deps.projects.findById(request.params.id)
      if (!row) throw notFound('项目')
      return publicView(row)
    },
  )
}

export const liabilityRoutes: FastifyPluginAsyncTypebox<{ module: ProjectModule }> = async (app, { module }) => {
  app.get(
    '/:id/liability',
    {
      preHandler: app.requireRole('inspector', 'supervisor', 'admin'),
      schema: {
        tags: ['projects'],
        summary: 'The liability chain of a claim: who pays first (Art. 30, 36), deposit left, roster match, payroll of the claimed months',
        security: BEARER_AUTH,
        params: IdParamsSchema,
        response: { 200: LiabilitySchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => liabilityOf({ projects: module.deps.projects, caseWork: app.caseWork }, await loadActor(app.db, request.user), request.params.id),
  )
}
