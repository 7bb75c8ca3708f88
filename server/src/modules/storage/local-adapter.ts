/**
 * The object store as a directory (the embedded default): key `evidence/ab/abcdef…` is the file
 * `<dir>/evidence/ab/abcdef…`, the layout the stores had before the port, so existing data
 * directories are read unchanged. Writes go to a temporary file renamed into place, so a reader
 * never sees half an object.
 */
import { randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { constants } from 'node:fs'
import { access, mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import {
  assertKey,
  ObjectNotFoundError,
  STORAGE_NAMESPACES,
  StorageUnavailableError,
  type ObjectStore,
  type StoredObjectInfo,
} from './port'

/** Folders the stores of earlier versions received uploads in: not objects. */
const LEGACY_TEMP_FOLDERS = new Set(STORAGE_NAMESPACES.map((namespace) => `${namespace}/tmp`))

const isMissing = (error: unknown) => (error as { code?: string }).code === 'ENOENT'

/** A failing disk (full, read-only, gone) is an outage of the store, not a bug of the request. */
function diskError(error: unknown, op: string): never {
  if (error instanceof ObjectNotFoundError) throw error
  const code = (error as { code?: string }).code ?? 'unknown'
  throw new StorageUnavailableError(`local store: ${op} failed`, code, { cause: error })
}

export function createLocalObjectStore(options: { dir: string; spoolDir: string }): ObjectStore {
  const root = path.resolve(options.dir)
  const fileOf = (key: string) => {
    assertKey(key)
    return path.join(root, ...key.split('/'))
  }

  async function* walk(relative: string): AsyncGenerator<StoredObjectInfo> {
    let entries
    try {
      entries = await readdir(path.join(root, relative), { withFileTypes: true })
    } catch (error) {
      if (isMissing(error)) return
      diskError(error, 'list')
    }
    for (const entry of entries) {
      const key = relative === '' ? entry.name : `${relative}/${entry.name}`
      if (entry.isDirectory()) {
        if (!LEGACY_TEMP_FOLDERS.has(key)) yield* walk(key)
      } else if (entry.isFile()) {
        const info = await stat(path.join(root, key)).catch(() => undefined)
        if (info) yield { key, size: info.size, modifiedAt: info.mtime }
      }
    }
  }

  async function has(key: string): Promise<boolean> {
    try {
      return (await stat(fileOf(key))).isFile()
    } catch (error) {
      if (isMissing(error)) return false
      diskError(error, 'stat')
    }
  }

  return {
    kind: 'local',
    spoolDir: options.spoolDir,
    has,

    async put(key, bytes) {
      const target = fileOf(key)
      const temp = path.join(options.spoolDir, randomUUID())
      try {
        await mkdir(options.spoolDir, { recursive: true })
        await mkdir(path.dirname(target), { recursive: true })
        await writeFile(temp, bytes, { flag: 'wx' })
        await rename(temp, target)
      } catch (error) {
        diskError(error, 'write')
      } finally {
        await rm(temp, { force: true })
      }
    },

    async putFile(key, file) {
      const target = fileOf(key)
      try {
        await mkdir(path.dirname(target), { recursive: true })
        await rename(file, target)
      } catch (error) {
        await rm(file, { force: true })
        diskError(error, 'write')
      }
    },

    async open(key) {
      const file = fileOf(key)
      // Opened before the stream is handed out, so a missing file is an error here, not mid-response.
      const handle = await open(file, 'r').catch((error: unknown) => {
        if (isMissing(error)) throw new ObjectNotFoundError(key)
        diskError(error, 'open')
      })
      const { size } = await handle.stat()
      return { body: createReadStream(file, { fd: handle }), size }
    },

    async read(key) {
      try {
        return await readFile(fileOf(key))
      } catch (error) {
        if (isMissing(error)) throw new ObjectNotFoundError(key)
        diskError(error, 'read')
      }
    },

    list(prefix) {
      if (!prefix) {
        return (async function* () {
          for (const namespace of STORAGE_NAMESPACES) yield* walk(namespace)
        })()
      }
      // Walk the deepest whole folder of the prefix, keep the keys that start with it.
      const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : ''
      if (folder !== '') assertKey(folder)
      return (async function* () {
        for await (const item of walk(folder)) if (item.key.startsWith(prefix)) yield item
      })()
    },

    async delete(key) {
      await rm(fileOf(key), { force: true }).catch((error: unknown) => diskError(error, 'delete'))
    },

    async check() {
      // The data directory must exist and take new files; its namespaces appear with the first upload.
      await access(root, constants.W_OK).catch((error: unknown) => diskError(error, 'check'))
      if (!(await stat(root).catch((error: unknown) => diskError(error, 'check'))).isDirectory()) {
        throw new StorageUnavailableError('local store: check failed', 'ENOTDIR')
      }
    },

    async close() {},
  }
}
