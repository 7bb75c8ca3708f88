/**
 * The object store under test: the data directory, or a real S3-protocol server on this machine
 * (s3rver, npm) behind a TCP switch that takes it away and brings it back (the failure switch).
 * Never a mock of the client: the app's S3 adapter talks HTTP to s3rver exactly as to MinIO or OSS.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, connect, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import S3rver from 's3rver'
import { afterAll, beforeAll } from 'vitest'
import type { DatabaseKind } from '../../src/db/client'
import { buildTestApp, type TestApp } from './app'

// The client's notice that its releases from 2027 need Node 22 (harmless here) stays out of test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

export type StorageKind = 'local' | 's3'
/** The adapters every evidence and document test runs on. */
export const STORAGE_KINDS: StorageKind[] = ['local', 's3']

export const TEST_BUCKET = 'huxin-evidence-test'
/** s3rver accepts any signature made with this pair. */
const S3RVER_CREDENTIALS = { id: 'S3RVER', secret: 'S3RVER-test-secret' }

export interface S3TestServer {
  /** The app's configuration pointing at the store (through the switch). */
  env: Record<string, string>
  /** Off: every connection to the store is cut and new ones are refused, as when it goes away. */
  setAvailable(available: boolean): void
  close(): Promise<void>
}

/** A TCP relay to `port` that can drop every connection at once and refuse new ones. */
async function startSwitch(port: number): Promise<{ server: Server; port: number; setAvailable(on: boolean): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  let available = true
  const track = (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  }
  const server = createServer((client) => {
    track(client)
    if (!available) {
      client.destroy()
      return
    }
    const upstream = connect(port, '127.0.0.1')
    track(upstream)
    client.pipe(upstream).pipe(client)
    client.on('error', () => upstream.destroy())
    upstream.on('error', () => client.destroy())
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('switch did not listen')
  return {
    server,
    port: address.port,
    setAvailable(on) {
      available = on
      if (!on) for (const socket of sockets) socket.destroy()
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export async function startS3TestServer(bucket = TEST_BUCKET): Promise<S3TestServer> {
  const directory = mkdtempSync(path.join(tmpdir(), 'huxin-s3rver-'))
  const s3 = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, configureBuckets: [{ name: bucket, configs: [] }] })
  const { port } = await s3.run()
  const relay = await startSwitch(port)
  return {
    env: {
      HUXIN_STORAGE: 's3',
      HUXIN_S3_ENDPOINT: `http://127.0.0.1:${relay.port}`,
      HUXIN_S3_BUCKET: bucket,
      HUXIN_S3_REGION: 'us-east-1',
      HUXIN_S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.id,
      HUXIN_S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secret,
      HUXIN_S3_FORCE_PATH_STYLE: 'true',
      // A store that is away fails a request at once (connection refused); this only bounds a hang.
      HUXIN_S3_TIMEOUT_MS: '20000',
    },
    setAvailable: relay.setAvailable,
    async close() {
      await relay.close()
      s3.httpServer?.closeAllConnections()
      await s3.close()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}

export type StorageTestApp = TestApp & { storage: StorageKind; s3?: S3TestServer }

/**
 * The app of one `describe` block on the given database and object store: for `s3`, an s3rver of
 * its own is started before the app and closed after it.
 */
export function useStorageTestApp(kind: DatabaseKind, storage: StorageKind, env: Record<string, string> = {}): StorageTestApp {
  const t = { storage } as StorageTestApp
  beforeAll(async () => {
    const s3 = storage === 's3' ? await startS3TestServer() : undefined
    Object.assign(t, await buildTestApp(kind, { ...s3?.env, ...env }), s3 ? { s3 } : {})
  })
  afterAll(async () => {
    await t.close?.()
    await t.s3?.close()
  })
  return t
}

/** Every key the app's store holds under `prefix`, sorted. */
export async function storedKeys(t: TestApp, prefix: string): Promise<string[]> {
  const keys: string[] = []
  for await (const item of t.app.objectStore.list(prefix)) keys.push(item.key)
  return keys.sort()
}

/** The database engines × object stores the evidence and document tests run on. */
export function storageCases(kinds: DatabaseKind[]): [DatabaseKind, StorageKind][] {
  return kinds.flatMap((kind) => STORAGE_KINDS.map((storage): [DatabaseKind, StorageKind] => [kind, storage]))
}
