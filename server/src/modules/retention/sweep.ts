/**
 * The sweep of stored objects no row names (docs/storage.md, Sweep). Evidence and documents are
 * content-addressed objects; an object is left behind when the database write after its upload
 * failed, when a concurrent upload took the claim's last place, or when a document's issue rolled
 * back after its PDF was stored. Retention removes its own files as it erases rows; this catches
 * the rest. An object goes only when no row names its hash AND it was written longer ago than the
 * grace period, so the bytes of an upload or an issue whose row has not committed yet stay.
 */
import type { Database } from '../../db/client'
import { contentKey, STORAGE_NAMESPACES, type ObjectStore, type StorageNamespace, type StoredObjectInfo } from '../storage/index'
import { createRetentionRepository } from './repository'

/** One page of the S3 listing: one lookup per namespace and page. */
const DEFAULT_BATCH = 1_000
const HOUR_MS = 3_600_000

export interface SweepDeps {
  db: Database
  store: ObjectStore
  /** Objects written less than this many hours ago are never removed (HUXIN_STORAGE_SWEEP_GRACE_H). */
  graceHours: number
  /** Report what would go, remove nothing. */
  dryRun?: boolean
  /** Told of each object removed (or, in a dry run, that would be): the CLI's listing, the metrics. */
  onRemoved?: (namespace: StorageNamespace, object: StoredObjectInfo) => void
}

export interface SweepResult {
  /** Objects listed under the namespaces. */
  listed: number
  /** Named by a row: kept. */
  referenced: number
  /** No row names them, but younger than the grace period: kept. */
  fresh: number
  /** Keys that are not content addresses of their namespace (not ours): never touched. */
  foreign: number
  /** Removed (or, in a dry run, that would be). */
  removed: number
  removedBytes: number
  dryRun: boolean
}

export async function sweepUnreferencedObjects(deps: SweepDeps, now = new Date(), batchSize = DEFAULT_BATCH): Promise<SweepResult> {
  const repo = createRetentionRepository(deps.db)
  const dryRun = deps.dryRun ?? false
  const cutoff = now.getTime() - deps.graceHours * HOUR_MS
  const result: SweepResult = { listed: 0, referenced: 0, fresh: 0, foreign: 0, removed: 0, removedBytes: 0, dryRun }

  for (const namespace of STORAGE_NAMESPACES) {
    const flush = async (batch: { object: StoredObjectInfo; sha256: string }[]) => {
      // Asked right before the removals, so a row committed since the listing still keeps its object.
      const referenced = await repo.referencedHashes(namespace, batch.map((item) => item.sha256))
      for (const { object, sha256 } of batch) {
        if (referenced.has(sha256)) {
          result.referenced++
          continue
        }
        if (!dryRun) await deps.store.delete(object.key)
        result.removed++
        result.removedBytes += object.size
        deps.onRemoved?.(namespace, object)
      }
    }
    let batch: { object: StoredObjectInfo; sha256: string }[] = []
    for await (const object of deps.store.list(`${namespace}/`)) {
      result.listed++
      const sha256 = object.key.slice(object.key.lastIndexOf('/') + 1)
      if (!isContentKey(namespace, object.key, sha256)) {
        result.foreign++
        continue
      }
      if (object.modifiedAt.getTime() > cutoff) {
        result.fresh++
        continue
      }
      batch.push({ object, sha256 })
      if (batch.length >= batchSize) {
        await flush(batch)
        batch = []
      }
    }
    if (batch.length > 0) await flush(batch)
  }
  return result
}

function isContentKey(namespace: StorageNamespace, key: string, sha256: string): boolean {
  try {
    return contentKey(namespace, sha256) === key
  } catch {
    return false
  }
}
