/**
 * The object store's port: where evidence files and generated documents live (docs/storage.md).
 * Two adapters: the data directory (local-adapter.ts, the embedded default) and any S3-compatible
 * store (s3-adapter.ts). Keys are content addresses (`contentKey`), so an object never changes once
 * written and several API processes can share one store without coordinating: no adapter keeps
 * state between calls beyond its client's connection pool.
 */
import type { Readable } from 'node:stream'
import { HttpError } from '../../lib/http-errors'

/** The kinds of object the application keeps, each under its own top-level folder of keys. */
export const STORAGE_NAMESPACES = ['evidence', 'documents'] as const
export type StorageNamespace = (typeof STORAGE_NAMESPACES)[number]

const SHA256_HEX = /^[0-9a-f]{64}$/
/** A key: lowercase path segments of letters, digits, `.`, `_`, `-` (no `..`, no leading `/`). */
const KEY = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/

/** `evidence/ab/abcdef…`: the namespace, the hash's first two hex digits (a fan-out), the hash. */
export function contentKey(namespace: StorageNamespace, sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error('bad content address')
  return `${namespace}/${sha256.slice(0, 2)}/${sha256}`
}

export function assertKey(key: string): void {
  if (key.length > 512 || !KEY.test(key) || key.split('/').some((segment) => segment === '..' || segment === '.')) {
    throw new Error(`bad storage key "${key.slice(0, 80)}"`)
  }
}

/** The store could not be reached or refused the request (network, timeout, 5xx, credentials). */
export class StorageUnavailableError extends Error {
  constructor(
    message: string,
    /** What the store said, for the log: an error name and an HTTP status, never a credential. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'StorageUnavailableError'
  }
}

/** No object under that key: a row points at bytes the store does not have. */
export class ObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no stored object ${key}`)
    this.name = 'ObjectNotFoundError'
  }
}

export interface StoredObjectInfo {
  key: string
  size: number
  /** When the object was written (the file's mtime, S3's LastModified): the sweep's grace period counts from it. */
  modifiedAt: Date
}

export interface OpenedObject {
  body: Readable
  size: number
}

export interface ObjectStore {
  readonly kind: 'local' | 's3'
  /**
   * A directory on this machine where an upload is received (hashed and sniffed) before it is
   * accepted, so a rejected upload never reaches the store. Each file there belongs to one
   * request and is moved or removed before the request ends.
   */
  readonly spoolDir: string
  has(key: string): Promise<boolean>
  /** Writes the bytes under `key`, replacing nothing a reader could see half-written. */
  put(key: string, bytes: Uint8Array): Promise<void>
  /** Moves a file of `spoolDir` (its size known) into `key`; the file is gone afterwards. */
  putFile(key: string, file: string, size: number): Promise<void>
  /** A stream of the object's bytes; throws ObjectNotFoundError when there is none. */
  open(key: string): Promise<OpenedObject>
  /** The whole object in memory (backups, small objects). */
  read(key: string): Promise<Buffer>
  /** Every object whose key starts with `prefix` (all namespaces when omitted), in no set order. */
  list(prefix?: string): AsyncIterable<StoredObjectInfo>
  delete(key: string): Promise<void>
  /**
   * A cheap proof the store is reachable and usable (readiness, /readyz): the directory exists and
   * is writable, or the bucket answers a one-key listing within `timeoutMs`. Throws
   * StorageUnavailableError otherwise.
   */
  check(timeoutMs: number): Promise<void>
  /** Releases the client's connections (the app's onClose). */
  close(): Promise<void>
}

/** How the API answers when the store is away: like the other outside systems, a clear 503. */
export function storageUnavailable(): HttpError {
  return new HttpError(503, 'STORAGE_UNAVAILABLE', '文件存储暂时不可用，请稍后再试', undefined, { 'retry-after': '30' })
}

/** Runs `work`, turning the store's outage into the API's 503. */
export async function orStorageUnavailable<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof StorageUnavailableError) throw storageUnavailable()
    throw error
  }
}
