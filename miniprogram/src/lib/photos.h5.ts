/**
 * H5: photos through Taro's chooseImage, which opens the browser's file input (`accept=image/*`;
 * `capture` for the camera) and gives blob: URLs. A blob: URL dies with the page, so each chosen
 * photo is also copied into IndexedDB (lib/photo-idb.ts) under `<draft key>/<id>`, and the draft
 * keeps the path `idb:<draft key>/<id>`. After a reload `restore` reads them back into fresh blob:
 * URLs; a photo that could not be stored or read is "lost", and the wizard says so.
 */
import Taro from '@tarojs/taro'
import { deletePhoto, deletePhotosExcept, getPhoto, putPhoto } from './photo-idb'
import type { PhotoStore } from './photos.types'

const IDB = 'idb:'
/** Path kept in the draft → a blob: URL alive in this page. */
const alive = new Map<string, string>()
let counter = 0

function randomId(): string {
  counter += 1
  return `${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`
}

export const photoStore: PhotoStore = {
  async pick(source, max) {
    if (max <= 0) return { photos: [], cancelled: false }
    try {
      const result = await Taro.chooseImage({ count: max, sourceType: [source], sizeType: ['compressed'] })
      const photos = result.tempFiles.slice(0, max).map((file) => ({ path: file.path, size: file.size }))
      photos.forEach((photo) => alive.set(photo.path, photo.path))
      return { photos, cancelled: false }
    } catch (error) {
      const message = typeof error === 'object' && error !== null && 'errMsg' in error ? String((error as { errMsg: unknown }).errMsg) : ''
      if (/cancel|abort/i.test(message) || message === '') return { photos: [], cancelled: true }
      return { photos: [], cancelled: false, problem: '没能选到照片，请再试一次。' }
    }
  },
  async keep(photo, draftKey) {
    if (!draftKey) return photo
    try {
      const blob = await (await fetch(photo.path)).blob()
      const key = `${draftKey}/${randomId()}`
      if (!(await putPhoto(key, blob))) return photo
      const path = `${IDB}${key}`
      alive.set(path, photo.path)
      alive.delete(photo.path)
      return { path, size: photo.size || blob.size }
    } catch {
      return photo
    }
  },
  isAvailable(path) {
    return alive.has(path)
  },
  localUrl(path) {
    return alive.get(path) ?? path
  },
  async restore(paths) {
    const wanted = new Set(paths.filter((p) => p.startsWith(IDB)).map((p) => p.slice(IDB.length)))
    await Promise.all(
      [...wanted].map(async (key) => {
        if (alive.has(`${IDB}${key}`)) return
        const blob = await getPhoto(key)
        if (blob) alive.set(`${IDB}${key}`, URL.createObjectURL(blob))
      }),
    )
    // Photos of drafts already sent or given up.
    await deletePhotosExcept(wanted)
  },
  forget(path) {
    const url = alive.get(path)
    alive.delete(path)
    if (url?.startsWith('blob:')) URL.revokeObjectURL(url)
    if (path.startsWith(IDB)) void deletePhoto(path.slice(IDB.length))
    else if (path.startsWith('blob:')) URL.revokeObjectURL(path)
  },
}
