/**
 * WeChat: photos from the camera or the album with wx.chooseMedia (compressed: weak networks),
 * saved into the mini-program's user folder (wx.env.USER_DATA_PATH, up to 200 MB) so a draft's
 * photos survive closing the app; temp files would not.
 *
 * chooseMedia reads private data: WeChat asks for the privacy authorization first
 * (lib/privacy.weapp.ts). Refused, it fails with "privacy permission is not authorized"; the claim
 * can still be filed without photos.
 */
import Taro from '@tarojs/taro'
import type { PhotoSource, PhotoStore, PickResult, PickedPhoto } from './photos.types'

function errMsg(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'errMsg' in error) return String((error as { errMsg: unknown }).errMsg)
  return String(error)
}

export function pickProblem(message: string, source: PhotoSource): PickResult {
  if (/cancel/i.test(message)) return { photos: [], cancelled: true }
  if (/privacy/i.test(message)) {
    return { photos: [], cancelled: false, problem: '您没有同意隐私保护指引，暂时不能选照片。可以先不传照片，直接提交投诉。' }
  }
  if (/auth|permission|deny/i.test(message)) {
    return {
      photos: [],
      cancelled: false,
      problem: source === 'camera' ? '没有相机权限：请在设置里允许使用相机，或点“从相册选”。' : '没有相册权限：请在设置里允许访问相册，或点“拍照”。',
    }
  }
  return { photos: [], cancelled: false, problem: '没能选到照片，请再试一次。' }
}

function extensionOf(path: string): string {
  const match = /\.([A-Za-z0-9]{1,5})$/.exec(path)
  return match?.[1]?.toLowerCase() ?? 'jpg'
}

let saved = 0

/** wx.env.USER_DATA_PATH (`wxfile://usr`), the app's own folder. */
function userFolder(): string | undefined {
  const folder = Taro.env.USER_DATA_PATH
  return typeof folder === 'string' && folder !== '' ? folder : undefined
}

export const photoStore: PhotoStore = {
  async pick(source, max) {
    if (max <= 0) return { photos: [], cancelled: false }
    try {
      const result = await Taro.chooseMedia({
        count: max,
        mediaType: ['image'],
        sourceType: [source],
        sizeType: ['compressed'],
        camera: 'back',
      })
      return {
        photos: result.tempFiles.map((file) => ({ path: file.tempFilePath, size: file.size })),
        cancelled: false,
      }
    } catch (error) {
      return pickProblem(errMsg(error), source)
    }
  },
  keep(photo: PickedPhoto) {
    const folder = userFolder()
    if (folder === undefined) return Promise.resolve(photo)
    const fs = Taro.getFileSystemManager()
    const target = `${folder}/hx-evidence-${Date.now()}-${saved++}.${extensionOf(photo.path)}`
    return new Promise<PickedPhoto>((resolve) => {
      fs.saveFile({
        tempFilePath: photo.path,
        filePath: target,
        success: (res) => resolve({ path: res.savedFilePath || target, size: photo.size }),
        // Storage full: the temp file still works while the app stays open.
        fail: () => resolve(photo),
      })
    })
  },
  isAvailable(path) {
    try {
      Taro.getFileSystemManager().accessSync(path)
      return true
    } catch {
      return false
    }
  },
  localUrl(path) {
    return path
  },
  async restore() {
    // Files in the user folder outlive the app; nothing to read back.
  },
  forget(path) {
    const folder = userFolder()
    if (folder === undefined || !path.startsWith(folder)) return
    Taro.getFileSystemManager().unlink({ filePath: path, fail: () => {} })
  },
}
