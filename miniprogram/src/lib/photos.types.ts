/**
 * Choosing evidence photos and keeping them until they are sent. One implementation per platform
 * (STYLE.md: one component per platform): photos.weapp.ts (chooseMedia, files saved in the
 * mini-program's user folder so they survive closing the app) and photos.h5.ts (the browser's file
 * input through Taro's chooseImage; blob: URLs that die with the page).
 */
export type PhotoSource = 'camera' | 'album'

export interface PickedPhoto {
  path: string
  /** Bytes, 0 when unknown. */
  size: number
}

export interface PickResult {
  photos: PickedPhoto[]
  /** The worker closed the chooser: nothing to say. */
  cancelled: boolean
  /** Something to tell the worker (no camera permission, privacy authorization refused…). */
  problem?: string
}

export interface PhotoStore {
  pick(source: PhotoSource, max: number): Promise<PickResult>
  /** Makes a chosen photo last as long as it can; returns the path to keep in the draft. */
  keep(photo: PickedPhoto): Promise<PickedPhoto>
  /** Whether a path kept in the draft can still be read (and uploaded). */
  isAvailable(path: string): boolean
  /** Frees a kept photo (removed from the draft, or sent) or a downloaded one (blob: URL in H5). */
  forget(path: string): void
}
