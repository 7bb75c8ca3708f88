import fp from 'fastify-plugin'
import { createFontLoader } from '../../lib/pdf/font'
import { createDocumentStore } from './document-store'
import { createDocumentsRepository, type DocumentsRepository } from './repository'
import { claimDocumentRoutes, documentRoutes } from './routes'
import { createDocuments, type Documents } from './service'

declare module '../../plugins/database' {
  interface Repositories {
    documents: DocumentsRepository
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The documents of a case: issue, approve, serve, read (modules/documents/service.ts). */
    documents: Documents
  }
}

/** The documents a case produces (docs/documents.md): numbered PDFs with their approval and service. */
export default fp(
  async (app) => {
    const repo = createDocumentsRepository(app.db)
    app.repos.documents = repo
    app.decorate(
      'documents',
      createDocuments({
        db: app.db,
        repo,
        claims: app.repos.claims,
        workflow: app.caseWorkflow,
        store: createDocumentStore(app.objectStore),
        fonts: createFontLoader(),
        bureauName: app.config.documents.bureauName,
        numberPrefix: app.config.documents.numberPrefix,
      }),
    )
    await app.register(claimDocumentRoutes, { prefix: '/api/v1/claims' })
    await app.register(documentRoutes, { prefix: '/api/v1/documents' })
  },
  { name: 'documents', dependencies: ['config', 'database', 'auth', 'claims', 'casework', 'storage'] },
)
