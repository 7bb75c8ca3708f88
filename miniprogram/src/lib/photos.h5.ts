/**
 * H5: photos through Taro's chooseImage, which opens the browser's file input (`accept=image/*`;
 * `capture` for the camera) and gives blob: URLs. A blob: URL dies with the page, so photos of a
 * draft cannot survive a reload: the wizard drops them and says so. Paths picked in this page's
 * life are remembered here to tell the two apart.
 */
import Taro from '@tarojs/taro'
import type { PhotoStore } from './photos.types'

const alive = new Set<string>()

export const photoStore: PhotoStore = {
  async pick(source, max) {
    if (max <= 0) return { photos: [], cancelled: false }
    try {
      const result = await Taro.chooseImage({ count: max, sourceType: [source], sizeType: ['compressed'] })
      const photos = result.tempFiles.slice(0, max).map((file) => ({ path: file.path, size: file.size }))
      photos.forEach((photo) => alive.add(photo.path))
      return { photos, cancelled: false }
    } catch (error) {
      const message = typeof error === 'object' && error !== null && 'errMsg' in error ? String((error as { errMsg: unknown }).errMsg) : ''
      if (/cancel|abort/i.test(message) || message === '') return { photos: [], cancelled: true }
      return { photos: [], cancelled: false, problem: '没能选到照片，请再试一次。' }
    }
  },
  async keep(photo) {
    return photo
  },
  isAvailable(path) {
    return alive.has(path)
  },
  forget(path) {
    alive.delete(path)
    if (path.startsWith('blob:')) URL.revokeObjectURL(path)
  },
}
