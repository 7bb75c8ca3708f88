import fp from 'fastify-plugin'
import { createObjectStore } from './create'
import type { ObjectStore } from './port'

declare module 'fastify' {
  interface FastifyInstance {
    /** Where evidence files and generated documents live (docs/storage.md): a directory or an S3-compatible store. */
    objectStore: ObjectStore
  }
}

/** The object store, built from configuration only (HUXIN_STORAGE); the modules that keep files use it. */
export default fp(
  async (app) => {
    const store = createObjectStore(app.config.storage, app.log)
    app.decorate('objectStore', store)
    app.addHook('onClose', () => store.close())
  },
  { name: 'storage', dependencies: ['config'] },
)
