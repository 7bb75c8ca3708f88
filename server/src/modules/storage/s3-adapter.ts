/**
 * The object store on any S3-compatible service (MinIO, Aliyun OSS, Tencent COS, AWS S3) through
 * AWS's maintained client. Every failure but "no such object" is the store's outage
 * (StorageUnavailableError → 503): network, timeout, 5xx, a refused credential or a missing bucket.
 * Only the error's name and status are logged — never the credentials or a signed request.
 */
import { createReadStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import type { S3StorageConfig } from '../../config-storage'
import {
  assertKey,
  ObjectNotFoundError,
  STORAGE_NAMESPACES,
  StorageUnavailableError,
  type ObjectStore,
  type StoredObjectInfo,
} from './port'

export interface StorageLog {
  warn(fields: Record<string, unknown>, message: string): void
}

interface AwsError {
  name?: string
  code?: string
  $metadata?: { httpStatusCode?: number }
}

export function createS3ObjectStore(config: S3StorageConfig & { spoolDir: string; log?: StorageLog }): ObjectStore {
  const client = new S3Client({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    maxAttempts: 3,
    // Checksums only where S3 requires them: the newer default (aws-chunked bodies with trailing
    // CRC32) is refused by several S3-compatible stores. Integrity comes from the SHA-256 key.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: { connectionTimeout: config.timeoutMs, requestTimeout: config.timeoutMs },
  })
  const Bucket = config.bucket
  const objectKey = (key: string) => {
    assertKey(key)
    return `${config.keyPrefix}${key}`
  }

  function fail(error: unknown, op: string, key: string | undefined): never {
    const aws = error as AwsError
    const status = aws.$metadata?.httpStatusCode
    const name = aws.name ?? aws.code ?? 'Error'
    if (key !== undefined && name !== 'NoSuchBucket' && (name === 'NoSuchKey' || name === 'NotFound' || status === 404)) {
      throw new ObjectNotFoundError(key)
    }
    const reason = `${name}${status ? ` ${status}` : ''}${aws.code && aws.code !== name ? ` ${aws.code}` : ''}`
    config.log?.warn({ storage: 's3', op, reason }, 'object store request failed')
    throw new StorageUnavailableError(`object store: ${op} failed`, reason, { cause: error })
  }

  /**
   * Pages of up to 1,000 keys, each after the last key of the one before (ListObjects with
   * `Marker`). Version 1 of the listing: every S3-compatible store serves it, and s3rver's version 2
   * continuation tokens need a DES cipher that Node's OpenSSL 3 no longer has.
   */
  async function* listUnder(prefix: string): AsyncGenerator<StoredObjectInfo> {
    let Marker: string | undefined
    for (;;) {
      const page = await client
        .send(new ListObjectsCommand({ Bucket, Prefix: `${config.keyPrefix}${prefix}`, ...(Marker ? { Marker } : {}) }))
        .catch((error: unknown) => fail(error, 'list', undefined))
      const contents = page.Contents ?? []
      for (const item of contents) {
        if (item.Key) yield { key: item.Key.slice(config.keyPrefix.length), size: item.Size ?? 0, modifiedAt: item.LastModified ?? new Date() } // no date: taken as new, never swept
      }
      const last = page.NextMarker ?? contents.at(-1)?.Key
      if (!page.IsTruncated || !last || last === Marker) return
      Marker = last
    }
  }

  return {
    kind: 's3',
    spoolDir: config.spoolDir,

    async has(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key: objectKey(key) }))
        return true
      } catch (error) {
        const aws = error as AwsError
        if (aws.name === 'NotFound' || aws.name === 'NoSuchKey') return false
        fail(error, 'head', undefined)
      }
    },

    async put(key, bytes) {
      await client
        .send(new PutObjectCommand({ Bucket, Key: objectKey(key), Body: bytes, ContentLength: bytes.byteLength }))
        .catch((error: unknown) => fail(error, 'put', undefined))
    },

    async putFile(key, file, size) {
      try {
        // Streamed from the spool file; the client does not retry a stream, the caller's client may.
        await client
          .send(new PutObjectCommand({ Bucket, Key: objectKey(key), Body: createReadStream(file), ContentLength: size }))
          .catch((error: unknown) => fail(error, 'put', undefined))
      } finally {
        await rm(file, { force: true })
      }
    },

    async open(key) {
      const response = await client
        .send(new GetObjectCommand({ Bucket, Key: objectKey(key) }))
        .catch((error: unknown) => fail(error, 'get', key))
      if (!response.Body) throw new ObjectNotFoundError(key)
      return { body: response.Body as Readable, size: response.ContentLength ?? 0 }
    },

    async read(key) {
      const response = await client
        .send(new GetObjectCommand({ Bucket, Key: objectKey(key) }))
        .catch((error: unknown) => fail(error, 'get', key))
      if (!response.Body) throw new ObjectNotFoundError(key)
      const bytes = await response.Body.transformToByteArray().catch((error: unknown) => fail(error, 'get', undefined))
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    },

    list(prefix) {
      if (prefix) return listUnder(prefix)
      return (async function* () {
        for (const namespace of STORAGE_NAMESPACES) yield* listUnder(`${namespace}/`)
      })()
    },

    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(key) })).catch((error: unknown) => fail(error, 'delete', undefined))
    },

    async check(timeoutMs) {
      // A one-key listing: the least the key may do (no object is read), served by every S3-compatible
      // store, and it proves the bucket exists and the credentials are accepted. Bounded by its own
      // deadline, shorter than a request's, so a probe never hangs on a store that does not answer.
      await client
        .send(new ListObjectsCommand({ Bucket, Prefix: config.keyPrefix, MaxKeys: 1 }), { abortSignal: AbortSignal.timeout(Math.min(timeoutMs, config.timeoutMs)) })
        .catch((error: unknown) => fail(error, 'check', undefined))
    },

    async close() {
      client.destroy()
    },
  }
}
