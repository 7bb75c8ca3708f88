import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  CreateEmployerBody,
  EmployerDetailSchema,
  EmployerListQuery,
  EmployerListSchema,
  IdParamsSchema,
  LinkEmployerBody,
  UnmatchedEmployersQuery,
  UpdateEmployerBody,
} from '@huxin/shared'
import { loadActor } from '../casework/index'
import { createEmployer, linkEmployer, listUnmatched } from './register'
import { getEmployer, listEmployers, updateEmployer } from './service'
import { BEARER_AUTH, errorResponses } from '../../lib/http-errors'

const errors = errorResponses(400, 401, 403, 404)

/**
 * GET /api/v1/employers?q · GET /api/v1/employers/:id · POST / · PATCH /:id (API.md, Register);
 * the unmatched employers claims name and their links to the register.
 */
const employerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const staff = app.requireRole('inspector', 'supervisor', 'admin')
  const deps = { employers: app.repos.employers, claims: app.repos.claims }

  app.post(
    '/',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['register'],
        summary: 'Enter an employer in the register of employers under supervision (admin); credit code check digit verified',
        security: BEARER_AUTH,
        body: CreateEmployerBody,
        response: { 201: EmployerDetailSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const employer = await createEmployer(deps, await loadActor(app.db, request.user), request.body)
      return reply.status(201).send(employer)
    },
  )

  app.get(
    '/unmatched',
    {
      preHandler: staff,
      schema: {
        tags: ['register'],
        summary: 'Employers claims name that match no register entry (by credit code, normalised name or a link), for a person to resolve',
        security: BEARER_AUTH,
        querystring: UnmatchedEmployersQuery,
        response: { 200: EmployerListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => listUnmatched(deps, request.query),
  )

  app.post(
    '/:id/link',
    {
      preHandler: app.requireRole('supervisor', 'admin'),
      schema: {
        tags: ['register'],
        summary: 'Link an employer claims name to its register entry (registerId null removes the link)',
        security: BEARER_AUTH,
        params: IdParamsSchema,
        body: LinkEmployerBody,
        response: { 200: EmployerDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => linkEmployer(deps, await loadActor(app.db, request.user), request.params.id, request.body.registerId),
  )

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
        summary:
          'Set blacklist status and wage-guarantee deposit (supervisor, admin); the register fields — name, town, industry, size, supervised (admin)',
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
