import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  EmployerDetailSchema,
  EmployerListQuery,
  EmployerListSchema,
  IdParamsSchema,
  UpdateEmployerBody,
} from '@huxin/shared'
import { loadActor } from '../casework/index'
import { getEmployer, listEmployers, updateEmployer } from './service'
import { BEARER_AUTH, errorResponses } from '../../lib/http-errors'

const errors = errorResponses(400, 401, 403, 404)

/** GET /api/v1/employers?q · GET /api/v1/employers/:id (API.md); PATCH /:id added (docs/casework.md). */
const employerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const staff = app.requireRole('inspector', 'supervisor', 'admin')
  const deps = { employers: app.repos.employers, claims: app.repos.claims }

  app.get(
    '/',
    {
      preHandler: staff,
      schema: {
        tags: ['case work'],
        summary: 'Employers registry: claims, open amount, blacklist status, wage-guarantee deposit',
        security: BEARER_AUTH,
        querystring: EmployerListQuery,
        response: { 200: EmployerListSchema, ...errors },
      },
    },
    async (request) => listEmployers(deps, request.query),
  )

  app.get(
    '/:id',
    {
      preHandler: staff,
      schema: {
        tags: ['case work'],
        summary: "One employer with the claims in the caller's jurisdiction",
        security: BEARER_AUTH,
        params: IdParamsSchema,
        response: { 200: EmployerDetailSchema, ...errors },
      },
    },
    async (request) => getEmployer(deps, await loadActor(app.db, request.user), request.params.id),
  )

  app.patch(
    '/:id',
    {
      preHandler: app.requireRole('supervisor', 'admin'),
      schema: {
        tags: ['case work'],
        summary: 'Set blacklist status and wage-guarantee deposit (stored / exempt / deferred, amount)',
        security: BEARER_AUTH,
        params: IdParamsSchema,
        body: UpdateEmployerBody,
        response: { 200: EmployerDetailSchema, ...errors },
      },
    },
    async (request) => updateEmployer(deps, await loadActor(app.db, request.user), request.params.id, request.body),
  )
}

export default employerRoutes
