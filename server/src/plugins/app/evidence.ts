import multipart from '@fastify/multipart'
import fp from 'fastify-plugin'
import { MAX_ATTACHMENT_BYTES } from '@huxin/shared'
import { createEvidenceStore, type EvidenceStore } from '../../lib/evidence-store'

declare module 'fastify' {
  interface FastifyInstance {
    evidence: EvidenceStore
  }
}

/** Evidence uploads: multipart parsing with hard limits, and the content-addressed store. */
export default fp(
  async (app) => {
    await app.register(multipart, {
      limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5, parts: 6, headerPairs: 100 },
      throwFileSizeLimit: true,
    })
    app.decorate('evidence', createEvidenceStore(app.config.dataDir))
  },
  { name: 'evidence', dependencies: ['config'] },
)
