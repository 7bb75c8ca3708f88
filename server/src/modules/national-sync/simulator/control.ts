/**
 * The simulator's control routes (unsigned, for tests and developers), under `/__control`: the
 * failure switches, dispatching clues, the clue generator, the webhook address, and read-backs of
 * what the platform received and holds.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyError } from 'fastify'
import Type from 'typebox'
import { OUTCOME_CATEGORIES, PLATFORM_PROGRESS, type DispatchedClue } from '../protocol'
import type { SimulatorContext } from './context'
import { FaultsBody, noFaults } from './faults'

export function controlRoutes(sim: SimulatorContext): FastifyPluginAsyncTypebox {
  return async (control) => {
    control.setErrorHandler((error: FastifyError, _request, reply) =>
      reply.status(error.statusCode ?? 500).send({ error: { code: error.code ?? 'INTERNAL', message: error.message } }),
    )
    control.post('/faults', { schema: { body: FaultsBody } }, async (request) => {
      sim.faults = { ...noFaults(), ...request.body }
      return { faults: sim.faults }
    })
    control.post('/outage', { schema: { body: Type.Object({ on: Type.Boolean() }) } }, async (request) => {
      sim.faults = { ...sim.faults, outage: request.body.on }
      return { faults: sim.faults }
    })
    control.post(
      '/dispatch',
      {
        schema: {
          body: Type.Object({
            count: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
            clues: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()))),
          }),
        },
      },
      async (request) => {
        const overrides = (request.body.clues ?? []) as Partial<DispatchedClue>[]
        const extra = Array.from({ length: request.body.count ?? 0 }, () => ({}))
        return { clues: sim.dispatch([...overrides, ...extra]) }
      },
    )
    control.post('/generator', { schema: { body: Type.Object({ perMinute: Type.Number({ minimum: 0, maximum: 60_000 }) }) } }, async (request) => {
      sim.setGenerator(request.body.perMinute)
      return { perMinute: request.body.perMinute }
    })
    control.post('/webhook', { schema: { body: Type.Object({ url: Type.Union([Type.String(), Type.Null()]) }) } }, async (request) => {
      sim.webhookUrl = request.body.url ?? undefined
      return { url: sim.webhookUrl ?? null }
    })
    control.get('/messages', { schema: { querystring: Type.Object({ localClaimId: Type.Optional(Type.String()) }) } }, async (request) => {
      const { received, orderViolations, pushStats } = sim.store
      const wanted = request.query.localClaimId
      const items = wanted === undefined ? received : received.filter((m) => m.localClaimId === wanted)
      const deliveries = received.reduce((sum, m) => sum + m.deliveries, 0)
      return { items, stats: { accepted: received.length, deliveries, orderViolations: orderViolations.length, push: pushStats }, orderViolations }
    })
    control.get('/clues', async () => ({ items: [...sim.store.clues.values()] }))
    control.post(
      '/clues/:clueId/override',
      {
        schema: {
          params: Type.Object({ clueId: Type.String() }),
          body: Type.Object({ progress: Type.Optional(Type.Enum([...PLATFORM_PROGRESS])), outcome: Type.Optional(Type.Enum([...OUTCOME_CATEGORIES])) }),
        },
      },
      async (request, reply) => {
        const clue = sim.store.clues.get(request.params.clueId)
        if (!clue) return reply.status(404).send({ error: { code: 'CLUE_NOT_FOUND', message: 'no such clue' } })
        if (request.body.progress !== undefined) clue.progress = request.body.progress
        if (request.body.outcome !== undefined) clue.outcome = request.body.outcome
        clue.updatedAt = new Date().toISOString()
        return clue
      },
    )
    control.post('/reset', async (_request, reply) => {
      sim.reset()
      return reply.status(204).send()
    })
  }
}
