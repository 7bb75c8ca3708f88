/**
 * H5: evidence photos kept in IndexedDB until they are sent, so a reload (or a closed tab) before
 * 提交投诉 keeps them. One object store of blobs; a key is `<draft key>/<photo id>`, so every photo
 * belongs to one draft and the photos of a sent or abandoned draft are deleted together.
 * Every function resolves (never throws): a browser without IndexedDB (private mode of some
 * browsers) simply keeps nothing, and the wizard then says that photos were lost.
 */
const DB_NAME = 'huxin-photos'
const STORE = 'photos'

let opened: Promise<IDBDatabase | undefined> | undefined

function open(): Promise<IDBDatabase | undefined> {
  opened ??= new Promise((resolve) => {
    try {
      if (typeof indexedDB === 'undefined') {
        resolve(undefined)
        return
      }
      const request = indexedDB.open(DB_NAME, 1)
      request.onupgradeneeded = () => request.result.createObjectStore(STORE)
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => resolve(undefined)
      request.onblocked = () => resolve(undefined)
    } catch {
      resolve(undefined)
    }
  })
  return opened
}

function run<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T | undefined> {
  return open().then(
    (db) =>
      new Promise<T | undefined>((resolve) => {
        if (!db) {
          resolve(undefined)
          return
        }
        try {
          const request = act(db.transaction(STORE, mode).objectStore(STORE))
          request.onsuccess = () => resolve(request.result)
          request.onerror = () => resolve(undefined)
        } catch {
          resolve(undefined)
        }
      }),
  )
}

/** Stores a photo; true when it is stored. */
export async function putPhoto(key: string, blob: Blob): Promise<boolean> {
  return (await run('readwrite', (store) => store.put(blob, key))) !== undefined
}

export async function getPhoto(key: string): Promise<Blob | undefined> {
  const value = await run<unknown>('readonly', (store) => store.get(key))
  return value instanceof Blob ? value : undefined
}

export async function deletePhoto(key: string): Promise<void> {
  await run('readwrite', (store) => store.delete(key))
}

/** Deletes every stored photo whose key is not in `keep` (photos of drafts sent or given up). */
export async function deletePhotosExcept(keep: ReadonlySet<string>): Promise<void> {
  const keys = (await run<IDBValidKey[]>('readonly', (store) => store.getAllKeys())) ?? []
  await Promise.all(keys.filter((k): k is string => typeof k === 'string' && !keep.has(k)).map((k) => deletePhoto(k)))
}
