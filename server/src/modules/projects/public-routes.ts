import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { IdParamsSchema, LiabilitySchema, ProjectPublicSchema } from '@huxin/shared'
import { BEARER_AUTH, HttpError, errorResponses, notFound } from '../../lib/http-errors'
import { loadActor } from '../casework/index'
import { liabilityOf } from './liability'
import type { ProjectModule } from './module'
import { publicView } from './service'

/** Public reads per client address and minute (per server process; docs/projects.md). */
export const PUBLIC_READS_PER_MINUTE = 30

/** A fixed-window counter per address, bounded in size: enough to stop scraping of project ids. */
export function createWindowLimiter(max: number, windowMs: number, maxKeys = 50_000) {
  const windows = new Map<string, { start: number; n: number }>()
  return (key: string, now = Date.now()): number => {
    const w = windows.get(key)
    if (!w || now - w.start >= windowMs) {
      if (windows.size >= maxKeys) windows.clear()
      windows.set(key, { start: now, n: 1 })
      return 0
    }
    w.n += 1
    return w.n > max ? Math.ceil((w.start + windowMs - now) / 1000) : 0
  }
}

/** `GET /api/v1/projects/:id/public` (anybody; the sign's QR prefill) and `GET /api/v1/claims/:id/liability` (staff). */
export const projectPublicRoutes: FastifyPluginAsyncTypebox<{ module: ProjectModule }> = async (app, { module }) => {
  const limit = createWindowLimiter(PUBLIC_READS_PER_MINUTE, 60_000)
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
      const wait = limit(request.ip)
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
