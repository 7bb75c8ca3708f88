/**
 * The wizard's photos: read back from the phone when the page opens (H5: IndexedDB; the ones that
 * did not survive are dropped and counted, and steps 4 and 5 say so — sending waits for this),
 * chosen from the album or the camera, and removed. The page keeps the draft; this hook keeps the
 * photo notice.
 */
import { useRef, useState, type MutableRefObject } from 'react'
import { newIdempotencyKey } from '../../../lib/idempotency'
import { photoStore } from '../../../lib/photos'
import type { PhotoSource } from '../../../lib/photos.types'
import { MAX_PHOTOS, type ClaimDraft } from './form'
import { addPhotos, dropLostPhotos, photoAddNotice, photosLeft, removePhoto } from './wizard'

type SetDraft = (next: ClaimDraft | ((d: ClaimDraft) => ClaimDraft)) => void

export function useWizardPhotos(draftRef: MutableRefObject<ClaimDraft>, setDraft: SetDraft, onPhotosChanged: () => void) {
  const [photoNotice, setPhotoNotice] = useState<string | undefined>()
  const [, setPhotosReady] = useState(false)

  const restored = useRef<Promise<void>>()
  if (restored.current === undefined) {
    restored.current = photoStore
      .restore(draftRef.current.photos.map((photo) => photo.path))
      .catch(() => undefined)
      .then(() => {
        const { draft: kept, lost } = dropLostPhotos(draftRef.current, photoStore.isAvailable)
        if (lost > 0) {
          setDraft(kept)
          setPhotoNotice(`上次选的 ${lost} 张照片没能保存下来，丢失了，请重新选择`)
        }
        setPhotosReady(true)
      })
  }

  async function choosePhotos(source: PhotoSource) {
    const left = photosLeft(draftRef.current)
    if (left <= 0) {
      setPhotoNotice(`最多 ${MAX_PHOTOS} 张照片`)
      return
    }
    const picked = await photoStore.pick(source, left)
    if (picked.cancelled) return
    if (picked.problem) {
      setPhotoNotice(picked.problem)
      return
    }
    const kept = await Promise.all(picked.photos.map((photo) => photoStore.keep(photo, draftRef.current.idempotencyKey)))
    const result = addPhotos(draftRef.current, kept, newIdempotencyKey)
    setDraft(result.draft)
    setPhotoNotice(photoAddNotice(result.tooLarge, result.overLimit))
    onPhotosChanged()
  }

  function dropPhoto(id: string) {
    const photo = draftRef.current.photos.find((p) => p.id === id)
    if (photo) photoStore.forget(photo.path)
    setDraft((d) => removePhoto(d, id))
    setPhotoNotice(undefined)
  }

  return { photoNotice, setPhotoNotice, photosRestored: restored.current, choosePhotos, dropPhoto }
}
