/**
 * Choosing evidence photos and keeping them until they are sent. One implementation per platform
 * (STYLE.md: one component per platform): photos.weapp.ts (chooseMedia, files saved in the
 * mini-program's user folder so they survive closing the app) and photos.h5.ts (the browser's file
 * input through Taro's chooseImage, copied into IndexedDB so that a reload keeps them).
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
  /**
   * Makes a chosen photo last as long as it can (H5: IndexedDB under the draft's key; WeChat: the
   * user folder); returns the path to keep in the draft.
   */
  keep(photo: PickedPhoto, draftKey?: string): Promise<PickedPhoto>
  /** Whether a path kept in the draft can still be read (and uploaded). */
  isAvailable(path: string): boolean
  /** A URL this page can show and upload for a kept path (H5: a blob: URL; WeChat: the path itself). */
  localUrl(path: string): string
  /**
   * Reads the kept photos of the draft back after the page (re)opened; afterwards `isAvailable`
   * tells which survived. Photos kept for other drafts are deleted.
   */
  restore(paths: readonly string[]): Promise<void>
  /** Frees a kept photo (removed from the draft, or sent) or a downloaded one (blob: URL in H5). */
  forget(path: string): void
}
