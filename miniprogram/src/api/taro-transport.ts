/**
 * The API client's HTTP transport on Taro: wx.request / wx.uploadFile / wx.downloadFile in the
 * weapp, fetch and XHR in H5 (Taro's H5 uploadFile takes the blob: URLs chooseImage gives and
 * downloadFile returns a blob: URL, so one implementation serves both platforms).
 */
import Taro from '@tarojs/taro'
import type { HttpResponse, Transport } from './client'

/**
 * Taro's H5 uploadFile first reads the blob: URL and never settles when that URL is dead (its XHR
 * has no error handler), and arms its own timeout only afterwards: guard every call here.
 */
function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}:fail timeout`)), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error instanceof Error ? error : new Error(describe(error)))
      },
    )
  })
}

function describe(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'errMsg' in error) return String((error as { errMsg: unknown }).errMsg)
  return String(error)
}

export const taroTransport: Transport = {
  async request({ url, method, header, data, timeout }) {
    const response = await withDeadline(
      Taro.request({ url, method, header, data, dataType: 'json', timeout }),
      timeout + 5_000,
      'request',
    )
    return { statusCode: response.statusCode, data: response.data as unknown, header: response.header as Record<string, unknown> }
  },
  async upload({ url, filePath, name, header, timeout }) {
    const response = await withDeadline(Taro.uploadFile({ url, filePath, name, header, timeout }), timeout + 5_000, 'uploadFile')
    const result: HttpResponse = { statusCode: response.statusCode, data: response.data }
    return result
  },
  async download({ url, header, timeout }) {
    const response = await withDeadline(Taro.downloadFile({ url, header, timeout }), timeout + 5_000, 'downloadFile')
    return { statusCode: response.statusCode, tempFilePath: response.tempFilePath }
  },
}
