import multipart from '@fastify/multipart'
import fp from 'fastify-plugin'
import { MAX_ATTACHMENT_BYTES } from '@huxin/shared'
import { createEvidenceStore, type EvidenceStore } from './evidence-store'
import { createClaimsRepository, type ClaimsRepository, type IdempotencyRepository } from './repository/index'
import claimsRoutes from './routes'

declare module '../../plugins/database' {
  interface Repositories {
    claims: ClaimsRepository
    idempotency: IdempotencyRepository
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    evidence: EvidenceStore
  }
}

/**
 * A worker's claims: filing (idempotent, batched), reading their own, withdrawing, evidence
 * uploads (multipart with hard limits, content-addressed store).
 */
export default fp(
  async (app) => {
    await app.register(multipart, {
      limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5, parts: 6, headerPairs: 100 },
      throwFileSizeLimit: true,
    })
    app.decorate('evidence', createEvidenceStore(app.objectStore))
    app.repos.claims = createClaimsRepository(app.db, app.database.query, {
      filingLimits: { perHour: app.config.filing.maxPerHour, perDay: app.config.filing.maxPerDay },
    })
    app.repos.idempotency = app.repos.claims.idempotency
    await app.register(claimsRoutes, { prefix: '/api/v1/claims' })
  },
  { name: 'claims', dependencies: ['config', 'database', 'pii', 'auth', 'calendar', 'storage'] },
)
