import { HttpError } from './http-errors'

/**
 * What the multipart parser (busboy) throws on a body the client got wrong — no boundary, an
 * empty or overlong one, a body cut short — carries no status; it is the client's error, not
 * the server's. Matched by message, the only thing busboy gives.
 */
const MALFORMED = /multipart|boundary|needle|unexpected end|malformed/i

export function malformedMultipart(error: unknown): HttpError | undefined {
  if (!(error instanceof Error) || error instanceof HttpError) return undefined
  const status = (error as { statusCode?: unknown }).statusCode
  if (typeof status === 'number' && status < 500) return undefined // already a client error
  if (!MALFORMED.test(error.message)) return undefined
  return new HttpError(400, 'INVALID_MULTIPART', '上传的内容格式不正确，请重新选择文件', [
    { field: 'file', message: '上传的内容格式不正确' },
  ])
}
