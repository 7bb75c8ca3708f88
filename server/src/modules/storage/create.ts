import type { StorageConfig } from '../../config-storage'
import { createLocalObjectStore } from './local-adapter'
import type { ObjectStore } from './port'
import { createS3ObjectStore, type StorageLog } from './s3-adapter'

/** The adapter the configuration names (HUXIN_STORAGE): for the app, and for tools such as backups. */
export function createObjectStore(config: StorageConfig, log?: StorageLog): ObjectStore {
  if (config.kind === 'local') return createLocalObjectStore({ dir: config.dir, spoolDir: config.spoolDir })
  return createS3ObjectStore({ ...config.s3, spoolDir: config.spoolDir, ...(log ? { log } : {}) })
}
