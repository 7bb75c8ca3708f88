/** The documents module's public surface: other modules and the app import only this file. */
export { formatDocumentNumber } from './service'
export { createDocumentStore, type DocumentStore } from './document-store'
