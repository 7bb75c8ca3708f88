/** The object store's port (evidence, documents; docs/storage.md), its two adapters and the factory from configuration. */
export {
  assertKey,
  contentKey,
  ObjectNotFoundError,
  orStorageUnavailable,
  STORAGE_NAMESPACES,
  StorageUnavailableError,
  storageUnavailable,
  type ObjectStore,
  type OpenedObject,
  type StorageNamespace,
  type StoredObjectInfo,
} from './port'
export { createLocalObjectStore } from './local-adapter'
export { createS3ObjectStore, type StorageLog } from './s3-adapter'
export { createObjectStore } from './create'
