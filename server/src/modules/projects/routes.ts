import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  CreateProjectBody,
  DepositTransitionBody,
  IdParamsSchema,
  ProjectDetailSchema,
  ProjectListQuery,
  ProjectListSchema,
  ProjectSchema,
  UpdateProjectBody,
} from '@huxin/shared'
import Type from 'typebox'
import { BEARER_AUTH, errorResponses } from '../../lib/http-errors'
import { loadActor } from '../casework/index'
import { transitionDeposit } from './deposit'
import type { ProjectModule } from './module'
import { createProject, findVisibleProject, getProject, listProjects, updateProject } from './service'
import { renderSign } from './sign'

/**
 * GET/POST /api/v1/projects · GET/PATCH /:id · POST /:id/deposit/transitions · GET /:id/sign.pdf
 * (API.md, Register, projects, deposits). Admins write; staff read the projects of their towns.
 */
const projectRoutes: FastifyPluginAsyncTypebox<{ module: ProjectModule }> = async (app, { module }) => {
  const staff = app.requireRole('inspector', 'supervisor', 'admin')
  const admin = app.requireRole('admin')

  app.get(
    '/',
    {
      preHandler: staff,
      schema: {
        tags: ['projects'],
        summary: "Construction projects in the caller's towns, by town and permit number (keyset paging, at most 100 a page)",
        security: BEARER_AUTH,
        querystring: ProjectListQuery,
        response: { 200: ProjectListSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => listProjects(module.deps, await loadActor(app.db, request.user), request.query),
  )

  app.post(
    '/',
    {
      preHandler: admin,
      schema: {
        tags: ['projects'],
        summary: 'Enter a construction project (admin); builder and general contractor linked to the register',
        security: BEARER_AUTH,
        body: CreateProjectBody,
        response: { 201: ProjectSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await createProject(module.deps, request.body)),
  )

  app.get(
    '/:id',
    {
      preHandler: staff,
      schema: {
        tags: ['projects'],
        summary: 'One project with its deposit ledger and payroll months',
        security: BEARER_AUTH,
        params: IdParamsSchema,
        response: { 200: ProjectDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getProject(module.deps, await loadActor(app.db, request.user), request.params.id),
  )

  app.patch(
    '/:id',
    {
      preHandler: admin,
      schema: {
        tags: ['projects'],
        summary: 'Change a project (admin): name, site, subcontractors, end, value, status, pay day, deposit amount, wage account',
        security: BEARER_AUTH,
        params: IdParamsSchema,
        body: UpdateProjectBody,
        response: { 200: ProjectDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => updateProject(module.deps, await loadActor(app.db, request.user), request.params.id, request.body),
  )

  app.post(
    '/:id/deposit/transitions',
    {
      preHandler: admin,
      schema: {
        tags: ['projects'],
        summary:
          'Move the wage-guarantee deposit (admin): store, exempt, defer, cancel_permit, return; draw (pays a claim: a recovery of payer wage_guarantee_deposit) and top_up. 409 on an illegal transition',
        security: BEARER_AUTH,
        params: IdParamsSchema,
        body: DepositTransitionBody,
        response: { 200: ProjectDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      transitionDeposit({ ...module.deps, caseWork: app.caseWork }, await loadActor(app.db, request.user), request.params.id, request.body),
  )

  app.get(
    '/:id/sign.pdf',
    {
      preHandler: staff,
      schema: {
        tags: ['projects'],
        summary: 'The site rights sign (Art. 34): A3 PDF with hotline 12333, the nearest arbitration and legal-aid points and a QR code to the claim wizard',
        security: BEARER_AUTH,
        params: IdParamsSchema,
        produces: ['application/pdf'],
        response: { 200: Type.Unsafe<string>({ type: 'string', format: 'binary', description: 'application/pdf' }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const row = await findVisibleProject(module.deps, await loadActor(app.db, request.user), request.params.id)
      const pdf = await renderSign({ projects: module.deps.projects, fonts: module.fonts, settings: module.deps.settings }, row, new Date())
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="sign-${row.id}.pdf"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(pdf) as unknown as string) // bytes, not serialised
    },
  )
}

export default projectRoutes
